/**
 * A heat map of a function on a regular grid, e.g. the density p_t(x) over time (horizontal) and position
 * (vertical), with optional marker lines and polylines (particle paths) drawn over it.
 *
 * The cells are painted into a canvas at the grid's own resolution and scaled onto the plot area, so a
 * 300 × 200 grid costs one drawImage instead of 60,000 SVG nodes. Axes, markers, paths and the hover target
 * live in the shared chart frame's SVG, which sits above the canvas. The colour ramp runs from the panel
 * colour through the data colour to the ink colour of the current theme, so empty regions blend into the page
 * and the densest ones stand out in either theme; a colour bar on the right gives the key.
 */
import * as d3 from 'd3';
import { followPointer } from './pointer';
import type { Renderer } from './renderer';
import { createFrame, type FrameOptions } from './chartFrame';
import {
  onThemeChange,
  paintLevels,
  positionedCanvas,
  RAMP_SIZE,
  sizeCanvas,
  themeRamp,
} from './canvasLayer';
import { drawMarkers } from './marks';

export interface HeatmapData {
  /** Column centres along the horizontal axis: increasing and evenly spaced. */
  xs: ArrayLike<number>;
  /** Row centres along the vertical axis: increasing and evenly spaced. */
  ys: ArrayLike<number>;
  /** values[j · ys.length + i] is column j at row i. */
  values: ArrayLike<number>;
  /** Top of the colour scale (larger values get the top colour). */
  max: number;
  xDomain: [number, number];
  yDomain: [number, number];
  /** Vertical lines at data x (e.g. the hovered time). */
  markers?: { x: number; colour: string }[];
  /** Polylines through (x[i], y[i]) drawn over the map. */
  paths?: { x: ArrayLike<number>; y: ArrayLike<number>; colour: string }[];
}

export interface HeatmapHover {
  x: number;
  y: number;
  /** The value of the cell under the pointer. */
  value: number;
}

export interface HeatmapOptions extends FrameOptions {
  /** How values map to colour. 'sqrt' (default) keeps faint tails visible next to bright peaks. */
  colourScale?: 'linear' | 'sqrt';
  /** Title of the colour bar. */
  legendLabel?: string;
  onHover?: (point: HeatmapHover | null) => void;
}

const LEGEND_WIDTH = 10;

export function createHeatmap(el: HTMLElement, options: HeatmapOptions): Renderer<HeatmapData> {
  const frame = createFrame(el, {
    ...options,
    margin: { top: 16, right: 62, bottom: options.xLabel ? 40 : 24, left: 52, ...options.margin },
  });
  // The frame's own margins: they grow to hold the axis titles, and the canvases must follow them.
  const margin = frame.margin;
  const { svg, plot, overlay, x, y } = frame;
  // Positioned, and later in the document than the canvases, so the axes and marks paint above the cells.
  svg.style('position', 'relative');
  const cells = positionedCanvas(el, 'heatmap-cells');
  const bar = positionedCanvas(el, 'heatmap-bar');
  const offscreen = document.createElement('canvas');
  const legendAxis = svg.append('g').attr('class', 'axis axis-legend');
  const legendLabel = svg
    .append('text')
    .attr('class', 'axis-label')
    .attr('text-anchor', 'middle')
    .text(options.legendLabel ?? '');
  const markerLayer = plot.append('g').attr('class', 'markers');
  const pathLayer = plot.append('g').attr('class', 'heatmap-paths');
  const hoverTarget = overlay
    .append('rect')
    .attr('fill', 'transparent')
    .style('touch-action', 'pan-y')
    .style('pointer-events', options.onHover ? 'all' : 'none');
  const colourOf =
    options.colourScale === 'linear' ? (v: number) => v : (v: number) => Math.sqrt(Math.max(0, v));
  let ramp = themeRamp(el);
  let data: HeatmapData | null = null;

  /** The grid painted once at its own resolution (row 0 of the image is the top row, the largest y). */
  const paintCells = (d: HeatmapData) => {
    const nx = d.xs.length;
    const ny = d.ys.length;
    offscreen.width = nx;
    offscreen.height = ny;
    const ctx = offscreen.getContext('2d');
    if (!ctx || nx === 0 || ny === 0) return;
    const top = colourOf(d.max) || 1;
    // Image row r is grid row ny − 1 − r: the image runs downwards, the grid's rows upwards.
    paintLevels(ctx, nx, ny, (j, r) => colourOf(d.values[j * ny + (ny - 1 - r)]) / top, ramp);
  };

  const render = () => {
    if (!data) return;
    const d = data;
    frame.layout(d.xDomain, d.yDomain);
    const w = frame.innerWidth();
    const h = frame.innerHeight();
    hoverTarget.attr('width', w).attr('height', h);
    const ctx = sizeCanvas(cells, margin.left, margin.top, w, h);
    if (ctx && d.xs.length > 0 && d.ys.length > 0) {
      const nx = d.xs.length;
      const ny = d.ys.length;
      const dx = nx > 1 ? (d.xs[nx - 1] - d.xs[0]) / (nx - 1) : 1;
      const dy = ny > 1 ? (d.ys[ny - 1] - d.ys[0]) / (ny - 1) : 1;
      const left = x(d.xs[0] - dx / 2);
      const right = x(d.xs[nx - 1] + dx / 2);
      const top = y(d.ys[ny - 1] + dy / 2);
      const bottom = y(d.ys[0] - dy / 2);
      // Wide columns (few time steps) stay crisp blocks: each is one step, not a blend of two.
      ctx.imageSmoothingEnabled = (right - left) / nx < 3;
      ctx.clearRect(0, 0, w, h);
      ctx.drawImage(offscreen, left, top, right - left, bottom - top);
    }
    // Colour bar: the ramp bottom (0) to top (max), with value ticks on the matching scale.
    const barLeft = margin.left + w + 10;
    const barCtx = sizeCanvas(bar, barLeft, margin.top, LEGEND_WIDTH, h);
    if (barCtx) {
      for (let r = 0; r < h; r++) {
        const level = 1 - r / Math.max(1, h - 1);
        const k = 3 * Math.round(level * (RAMP_SIZE - 1));
        barCtx.fillStyle = `rgb(${ramp[k]},${ramp[k + 1]},${ramp[k + 2]})`;
        barCtx.fillRect(0, r, LEGEND_WIDTH, 1);
      }
    }
    const legendScale = (options.colourScale === 'linear' ? d3.scaleLinear() : d3.scaleSqrt())
      .domain([0, d.max])
      .range([h, 0]);
    legendAxis
      .attr('transform', `translate(${barLeft + LEGEND_WIDTH},${margin.top})`)
      .call(d3.axisRight(legendScale).ticks(Math.max(2, Math.floor(h / 45)), '~g'));
    legendLabel.attr('x', barLeft + LEGEND_WIDTH / 2).attr('y', margin.top - 5);
    drawMarkers(markerLayer, x, h, d.markers ?? []);
    pathLayer
      .selectAll('path')
      .data(d.paths ?? [])
      .join('path')
      .attr('class', (p) => `heatmap-path ${p.colour}`)
      .attr('d', (p) => {
        let s = '';
        for (let i = 0; i < p.x.length; i++)
          s += `${i === 0 ? 'M' : 'L'}${x(p.x[i]).toFixed(1)},${y(p.y[i]).toFixed(1)}`;
        return s;
      });
  };

  if (options.onHover) {
    const report = (px: number, py: number) => {
      if (!data || data.xs.length === 0 || data.ys.length === 0) return;
      const hx = x.invert(px);
      const hy = y.invert(py);
      const nearest = (axis: ArrayLike<number>, v: number) => {
        const n = axis.length;
        if (n === 1) return 0;
        const step = (axis[n - 1] - axis[0]) / (n - 1);
        return Math.min(n - 1, Math.max(0, Math.round((v - axis[0]) / step)));
      };
      const j = nearest(data.xs, hx);
      const i = nearest(data.ys, hy);
      options.onHover?.({ x: hx, y: hy, value: data.values[j * data.ys.length + i] });
    };
    followPointer(hoverTarget, report, () => options.onHover?.(null));
  }

  // The ramp follows the theme (the system's colour scheme or the in-app choice).
  const stopFollowingTheme = onThemeChange(() => {
    ramp = themeRamp(el);
    if (data) paintCells(data);
    render();
  });

  frame.onResize(render);

  return {
    update(next) {
      if (!data || next.values !== data.values || next.max !== data.max) paintCells(next);
      data = next;
      render();
    },
    destroy() {
      stopFollowingTheme();
      cells.remove();
      bar.remove();
      frame.destroy();
    },
  };
}
