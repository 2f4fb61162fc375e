/**
 * The workhorse chart: lines over a shared x axis, plus optional bars, rugs, points, arrows, error bars,
 * markers and draggable handles. Hovering reports the data x under the pointer; dragging a handle reports its
 * new position in data coordinates. Everything arrives as plain data (types.ts).
 */
import * as d3 from 'd3';
import type { Renderer } from './renderer';
import { createFrame, type FrameOptions } from './chartFrame';
import {
  clipExits,
  drawArrows,
  drawBars,
  drawClipMarks,
  drawErrorBars,
  drawMarkers,
  drawPoints,
  drawRugs,
  drawSeries,
} from './marks';
import type { Handle, LineChartData } from './types';

export interface LineChartOptions extends FrameOptions {
  /** Pointer position in data x, or null when the pointer leaves. */
  onHover?: (x: number | null) => void;
  /** A handle was dragged to (x, y) in data coordinates. */
  onHandleDrag?: (id: string, x: number, y: number) => void;
  /** An arrow with a key was hovered (null when none). */
  onArrowHover?: (key: number | null) => void;
  /** Show a legend of the series labels. */
  legend?: boolean;
}

export function createLineChart(el: HTMLElement, options: LineChartOptions): Renderer<LineChartData> {
  const frame = createFrame(el, options);
  const { plot, overlay, x, y } = frame;
  const legend = options.legend === false ? null : d3.select(el).append('div').attr('class', 'legend');
  const shade = plot.append('rect').attr('class', 'shade-x');
  const zero = plot.append('line').attr('class', 'zero-line');
  const marks = plot.append('g');
  const markerLayer = plot.append('g').attr('class', 'markers');
  const hoverTarget = overlay
    .append('rect')
    .attr('class', 'hover-target')
    .attr('fill', 'transparent')
    .style('touch-action', 'pan-y')
    // Without a hover callback the target must not cover the marks, or arrows never see the pointer.
    .style('pointer-events', options.onHover ? 'all' : 'none');
  const handleLayer = overlay.append('g').attr('class', 'handles');
  // Marks and a note where a curve runs off the top or bottom of the plot (drawn unclipped, on the edge).
  const clipLayer = overlay.append('g').attr('class', 'clip-layer');
  const clipNote = overlay
    .append('text')
    .attr('class', 'clip-note axis-label')
    .attr('text-anchor', 'end')
    .attr('data-testid', 'clip-note');
  let data: LineChartData | null = null;

  if (options.onHover) {
    const report = (event: PointerEvent) => {
      const [px] = d3.pointer(event, hoverTarget.node());
      options.onHover?.(x.invert(px));
    };
    hoverTarget
      .on('pointermove', report)
      .on('pointerdown', report)
      .on('pointerleave', () => options.onHover?.(null));
  }
  if (options.onArrowHover) {
    plot.on('pointerover', (event: PointerEvent) => {
      const key = (event.target as Element).getAttribute?.('data-key');
      options.onArrowHover?.(key === null || key === undefined ? null : Number(key));
    });
  }

  /**
   * While a handle is dragged the axes stay as they were when the drag began: every drag event changes the data
   * (and the page would re-fit x to the new mixture), and a scale that moves under the pointer turns a steady hand
   * into a runaway value. The domains the data asks for meanwhile are applied when the drag ends.
   */
  let frozen: { xDomain: [number, number]; yDomain: [number, number] } | null = null;
  const drag = d3
    .drag<SVGGElement, Handle>()
    // The subject is where the handle is drawn, in pixels, so event.x/y are pixels too (d3's default subject
    // would be the datum, whose x and y are data coordinates, and the pointer's pixel offset would be added to them).
    .subject((_event: d3.D3DragEvent<SVGGElement, Handle, Handle>, h) => ({ x: x(h.x), y: y(h.y) }))
    .on('start', () => {
      if (data)
        frozen = {
          xDomain: [...x.domain()] as [number, number],
          yDomain: [...y.domain()] as [number, number],
        };
    })
    .on('drag', (event: d3.D3DragEvent<SVGGElement, Handle, Handle>, h) => {
      const nx = x.invert(event.x);
      const ny = h.drag === 'xy' ? y.invert(event.y) : h.y;
      options.onHandleDrag?.(h.id, nx, ny);
    })
    .on('end', () => {
      frozen = null;
      render();
    });

  const render = () => {
    if (!data) return;
    const d = data;
    frame.layout(frozen?.xDomain ?? d.xDomain, frozen?.yDomain ?? d.yDomain);
    const w = frame.innerWidth();
    const h = frame.innerHeight();
    hoverTarget.attr('width', w).attr('height', h);
    if (d.shadeX)
      shade
        .attr('x', x(d.shadeX[0]))
        .attr('width', Math.max(0, x(d.shadeX[1]) - x(d.shadeX[0])))
        .attr('y', 0)
        .attr('height', h);
    shade.attr('display', d.shadeX ? null : 'none');
    // y(0) is undefined on a log axis: only ask for it when the zero line is shown.
    const y0 = d.zeroLine ? y(0) : 0;
    zero
      .attr('display', d.zeroLine ? null : 'none')
      .attr('x1', 0)
      .attr('x2', w)
      .attr('y1', y0)
      .attr('y2', y0);
    drawBars(marks, x, y, d.bars ?? []);
    drawSeries(marks, x, y, d.series);
    drawRugs(marks, x, h, d.rugs ?? []);
    drawErrorBars(marks, x, y, d.errorBars ?? []);
    drawPoints(marks, x, y, d.points ?? []);
    drawArrows(marks, x, y, d.arrows ?? []);
    const exits = y.domain().every(Number.isFinite) ? clipExits(x, y, d.series) : [];
    drawClipMarks(clipLayer, h, exits);
    // Short on a narrow chart, where the long note would run into the y title. Written only when it changes:
    // replacing a text node every frame costs a layout.
    const note =
      exits.length === 0 ? '' : w >= 480 ? '▲▼ a curve runs beyond the axis here' : '▲▼ off the axis';
    if (clipNote.text() !== note) clipNote.text(note);
    if (Number(clipNote.attr('x')) !== w) clipNote.attr('x', w).attr('y', -4);
    drawMarkers(markerLayer, x, h, d.markers ?? []);
    handleLayer
      .selectAll<SVGGElement, Handle>('g.handle')
      .data(d.handles ?? [], (hd) => hd.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'handle').attr('tabindex', -1);
        g.append('circle').attr('r', 11).attr('class', 'handle-hit');
        g.append('circle').attr('r', 6).attr('class', 'handle-dot');
        g.append('title');
        return g.call(drag);
      })
      .attr('class', (hd) => `handle ${hd.colour} drag-${hd.drag}`)
      .attr('data-handle', (hd) => hd.id)
      .attr('transform', (hd) => `translate(${x(hd.x)},${Math.max(0, Math.min(h, y(hd.y)))})`)
      .select('title')
      .text((hd) => hd.label);
    if (legend) {
      legend
        .selectAll('span.legend-item')
        .data(
          d.series.filter((s) => s.label !== ''),
          (s) => (s as { id: string }).id,
        )
        .join('span')
        .attr('class', (s) => `legend-item ${s.colour}${s.dashed ? ' dashed' : ''}`)
        .text((s) => s.label);
    }
  };

  frame.onResize(render);

  return {
    update(next) {
      data = next;
      render();
    },
    destroy() {
      legend?.remove();
      frame.destroy();
    },
  };
}
