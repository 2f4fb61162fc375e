/**
 * A field in the plane: a density painted as a heat map, arrows of one or more vector fields over it (the exact
 * score and a learned one), streamlines, covariance ellipses, and draggable handles for a mixture's components.
 *
 * Both axes share one scale (units per pixel), because a vector field drawn with unequal scales shows wrong angles:
 * the box asked for is widened along one axis to fill the plot area. While a handle is dragged the domains stay
 * as they were when the drag began, so a handle cannot run away from the pointer as the page refits its box; the
 * box the data asks for meanwhile is applied when the drag ends. A drag reports data coordinates measured from
 * where the handle was grabbed (d3.drag's subject), never the raw pointer, so a small move is a small change.
 */
import * as d3 from 'd3';
import { createFrame } from './chartFrame';
import { onThemeChange, paintLevels, positionedCanvas, sizeCanvas, themeRamp } from './canvasLayer';
import { followPointer } from './pointer';
import type { Renderer } from './renderer';

export interface PlaneBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Values on an nx × ny grid of nodes spanning the data's box, node (i, j) at index j·nx + i. */
export interface PlaneRaster {
  nx: number;
  ny: number;
  values: ArrayLike<number>;
  /** The value given the top colour (sqrt scale below it, so faint tails stay visible). */
  max: number;
}

/** An arrow from (x, y) to (x + dx, y + dy), in data units. */
export interface PlaneArrow {
  x: number;
  y: number;
  dx: number;
  dy: number;
}

export interface PlaneEllipse {
  cx: number;
  cy: number;
  /** Semi-axes in data units, and the angle of the first from the x axis (radians). */
  rx: number;
  ry: number;
  angle: number;
}

export interface PlaneHandle {
  id: string;
  x: number;
  y: number;
  /** 'mean' handles are drawn as discs, 'axis' handles (on an ellipse) as squares. */
  kind: 'mean' | 'axis';
  label: string;
}

export interface PlaneFieldData {
  box: PlaneBox;
  density: PlaneRaster | null;
  /** Arrow layers, drawn in order; `colour` is a CSS class (e.g. 'exact', 'learned'). */
  arrows: { colour: string; arrows: PlaneArrow[] }[];
  streamlines: { xs: ArrayLike<number>; ys: ArrayLike<number> }[];
  ellipses: PlaneEllipse[];
  handles: PlaneHandle[];
}

export interface PlaneFieldOptions {
  title: string;
  /** Height in CSS pixels; the plot is as wide as its container. */
  height: number;
  onHover?: (point: { x: number; y: number } | null) => void;
  onHandleDrag?: (id: string, x: number, y: number) => void;
  onHandleDragEnd?: (id: string) => void;
}

/** Domains with equal units per pixel on both axes, covering `box` and centred on it. */
export function equalAspectDomains(
  box: PlaneBox,
  width: number,
  height: number,
): { x: [number, number]; y: [number, number] } {
  const perPixel = Math.max((box.x1 - box.x0) / width, (box.y1 - box.y0) / height);
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  return {
    x: [cx - (perPixel * width) / 2, cx + (perPixel * width) / 2],
    y: [cy - (perPixel * height) / 2, cy + (perPixel * height) / 2],
  };
}

/** One SVG path for a whole layer of arrows: shaft, then a two-stroke head 30° either side, sized to the shaft. */
export function arrowPath(
  arrows: readonly PlaneArrow[],
  px: (x: number) => number,
  py: (y: number) => number,
): string {
  let d = '';
  for (const a of arrows) {
    const x0 = px(a.x);
    const y0 = py(a.y);
    const x1 = px(a.x + a.dx);
    const y1 = py(a.y + a.dy);
    const length = Math.hypot(x1 - x0, y1 - y0);
    if (!(length > 0.5)) continue;
    const head = Math.min(5, 0.4 * length);
    const ux = (x1 - x0) / length;
    const uy = (y1 - y0) / length;
    // The head's strokes: the arrow's direction turned back by ±150°.
    const c = Math.cos((5 * Math.PI) / 6);
    const s = Math.sin((5 * Math.PI) / 6);
    const hx1 = x1 + head * (c * ux - s * uy);
    const hy1 = y1 + head * (s * ux + c * uy);
    const hx2 = x1 + head * (c * ux + s * uy);
    const hy2 = y1 + head * (-s * ux + c * uy);
    d += `M${x0.toFixed(1)},${y0.toFixed(1)}L${x1.toFixed(1)},${y1.toFixed(1)}`;
    d += `M${hx1.toFixed(1)},${hy1.toFixed(1)}L${x1.toFixed(1)},${y1.toFixed(1)}L${hx2.toFixed(1)},${hy2.toFixed(1)}`;
  }
  return d;
}

export function createPlaneField(el: HTMLElement, options: PlaneFieldOptions): Renderer<PlaneFieldData> {
  const frame = createFrame(el, { title: options.title, height: options.height, xLabel: 'x', yLabel: 'y' });
  const { svg, plot, overlay, x, y, margin } = frame;
  svg.style('position', 'relative');
  const cells = positionedCanvas(el, 'plane-cells');
  const offscreen = document.createElement('canvas');
  const streamLayer = plot.append('path').attr('class', 'plane-streamlines');
  const arrowLayer = plot.append('g').attr('class', 'plane-arrows');
  const ellipseLayer = plot.append('g').attr('class', 'plane-ellipses');
  const hoverTarget = overlay
    .append('rect')
    .attr('fill', 'transparent')
    .style('touch-action', 'pan-y')
    .style('pointer-events', options.onHover ? 'all' : 'none');
  const handleLayer = overlay.append('g').attr('class', 'plane-handles');
  let ramp = themeRamp(el);
  let data: PlaneFieldData | null = null;
  let frozen: { x: [number, number]; y: [number, number] } | null = null;

  const paintCells = (raster: PlaneRaster) => {
    offscreen.width = raster.nx;
    offscreen.height = raster.ny;
    const ctx = offscreen.getContext('2d');
    if (!ctx) return;
    const top = Math.sqrt(raster.max) || 1;
    // Image rows run downwards, the grid's rows upwards.
    const value = (i: number, r: number) => raster.values[(raster.ny - 1 - r) * raster.nx + i];
    paintLevels(ctx, raster.nx, raster.ny, (i, r) => Math.sqrt(Math.max(0, value(i, r))) / top, ramp);
  };

  const render = () => {
    if (!data) return;
    const d = data;
    // Lay out once to learn the plot area's size (margins settle on the first call), then with equal scales.
    frame.layout([d.box.x0, d.box.x1], [d.box.y0, d.box.y1]);
    const w = frame.innerWidth();
    const h = frame.innerHeight();
    const domains = frozen ?? equalAspectDomains(d.box, w, h);
    frame.layout(domains.x, domains.y);
    hoverTarget.attr('width', w).attr('height', h);
    const ctx = sizeCanvas(cells, margin.left, margin.top, w, h);
    if (ctx) {
      ctx.clearRect(0, 0, w, h);
      if (d.density && d.density.nx > 1 && d.density.ny > 1) {
        // Nodes sit at cell centres: the image spans half a cell beyond the box on each side.
        const hx = (d.box.x1 - d.box.x0) / (d.density.nx - 1) / 2;
        const hy = (d.box.y1 - d.box.y0) / (d.density.ny - 1) / 2;
        ctx.imageSmoothingEnabled = true;
        const left = x(d.box.x0 - hx);
        const top = y(d.box.y1 + hy);
        ctx.drawImage(offscreen, left, top, x(d.box.x1 + hx) - left, y(d.box.y0 - hy) - top);
      }
    }
    let lines = '';
    for (const line of d.streamlines) {
      for (let k = 0; k < line.xs.length; k++) {
        lines += `${k === 0 ? 'M' : 'L'}${x(line.xs[k]).toFixed(1)},${y(line.ys[k]).toFixed(1)}`;
      }
    }
    streamLayer.attr('d', lines);
    arrowLayer
      .selectAll('path')
      .data(d.arrows)
      .join('path')
      .attr('class', (layer) => `plane-arrow ${layer.colour}`)
      .attr('d', (layer) => arrowPath(layer.arrows, x, y));
    const unit = Math.abs(x(1) - x(0));
    ellipseLayer
      .selectAll('ellipse')
      .data(d.ellipses)
      .join('ellipse')
      .attr('class', 'plane-ellipse')
      .attr('rx', (e) => e.rx * unit)
      .attr('ry', (e) => e.ry * unit)
      // SVG's y axis points down, so a counter-clockwise data angle is a negative SVG rotation.
      .attr('transform', (e) => `translate(${x(e.cx)},${y(e.cy)}) rotate(${(-e.angle * 180) / Math.PI})`);
    handleLayer
      .selectAll<SVGGElement, PlaneHandle>('g.plane-handle')
      .data(d.handles, (hd) => hd.id)
      .join((enter) => {
        // Not focusable and no role of their own (the chart is one image to assistive technology): the same
        // edits are sliders beside the figure.
        const g = enter.append('g').attr('tabindex', -1);
        g.append('circle').attr('class', 'handle-hit').attr('r', 14);
        g.append('path').attr('class', 'handle-dot');
        g.append('title');
        return g.call(drag);
      })
      .attr('class', (hd) => `plane-handle handle ${hd.kind}`)
      .attr('data-handle', (hd) => hd.id)
      .attr('transform', (hd) => `translate(${x(hd.x)},${y(hd.y)})`)
      .call((g) => g.select('title').text((hd) => hd.label))
      .select('path.handle-dot')
      .attr('d', (hd) =>
        hd.kind === 'mean' ? d3.symbol(d3.symbolCircle, 80)() : d3.symbol(d3.symbolSquare, 60)(),
      );
  };

  const drag = d3
    .drag<SVGGElement, PlaneHandle>()
    // Measure from the handle's own position: event.x/y then move with the pointer from wherever it was grabbed.
    .subject((_event, hd) => ({ x: x(hd.x), y: y(hd.y) }))
    .on('start', () => {
      frozen = { x: x.domain() as [number, number], y: y.domain() as [number, number] };
    })
    .on('drag', (event: d3.D3DragEvent<SVGGElement, PlaneHandle, PlaneHandle>, hd) => {
      options.onHandleDrag?.(hd.id, x.invert(event.x), y.invert(event.y));
    })
    .on('end', (_event, hd) => {
      frozen = null;
      options.onHandleDragEnd?.(hd.id);
      render();
    });

  if (options.onHover) {
    const onHover = options.onHover;
    followPointer(
      hoverTarget,
      (px, py) => onHover({ x: x.invert(px), y: y.invert(py) }),
      () => onHover(null),
    );
  }

  const stopFollowingTheme = onThemeChange(() => {
    ramp = themeRamp(el);
    if (data?.density) paintCells(data.density);
    render();
  });
  frame.onResize(render);

  return {
    update(next) {
      if (next.density && next.density.values !== data?.density?.values) paintCells(next.density);
      data = next;
      render();
    },
    destroy() {
      stopFollowingTheme();
      cells.remove();
      frame.destroy();
    },
  };
}
