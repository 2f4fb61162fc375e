/**
 * Drawing functions for each kind of mark. Each takes a layer and scales and redraws its marks with a data join,
 * so updates on every slider move reuse DOM nodes instead of rebuilding them.
 */
import * as d3 from 'd3';
import type { Arrow, Bar, ErrorBar, LineSeries, Point, Rug } from './types';

type Layer = d3.Selection<SVGGElement, unknown, null, undefined>;
type Scale = d3.ScaleContinuousNumeric<number, number>;

function layer(parent: Layer, name: string): Layer {
  const existing = parent.select<SVGGElement>(`g.layer-${name}`);
  return existing.empty() ? parent.append('g').attr('class', `layer-${name}`) : existing;
}

/** Clamp pixel values so extreme data (a score of 1e6) never produces giant coordinates. */
const clampPx = (v: number) => (Number.isFinite(v) ? Math.max(-1e4, Math.min(1e4, v)) : NaN);

export function drawSeries(parent: Layer, x: Scale, y: Scale, series: LineSeries[]): void {
  const baseline = y(Math.max(0, y.domain()[0]));
  const groups = layer(parent, 'series')
    .selectAll<SVGGElement, LineSeries>('g.series')
    .data(series, (s) => s.id)
    .join((enter) => {
      const g = enter.append('g');
      g.append('path').attr('class', 'series-area');
      g.append('path').attr('class', 'series-line');
      return g;
    });
  groups.each(function (s) {
    const indices = d3.range(s.x.length);
    const defined = (i: number) => Number.isFinite(s.y[i]);
    const px = (i: number) => x(s.x[i]);
    const py = (i: number) => clampPx(y(s.y[i]));
    const g = d3.select(this);
    setChanged(this, 'class', `series ${s.colour}${s.faint ? ' faint' : ''}`);
    setChanged(this, 'data-series', s.id);
    setChanged(
      g.select<SVGPathElement>('path.series-area').node(),
      'd',
      s.area
        ? d3
            .area<number>()
            .defined(defined)
            .x(px)
            .y0(s.areaBase === undefined ? baseline : y(s.areaBase))
            .y1(py)(indices)
        : null,
    );
    const line = g.select<SVGPathElement>('path.series-line').node();
    setChanged(line, 'd', d3.line<number>().defined(defined).x(px).y(py)(indices));
    setChanged(line, 'stroke-dasharray', s.dash ?? (s.dashed ? '6 4' : null));
  });
}

/**
 * Sets an attribute only when its value changes. The browser re-lays out and repaints an SVG element whenever an
 * attribute is set, even to the value it has: a curve that a redraw leaves as it was must not cost a repaint.
 */
function setChanged(node: Element | null, name: string, value: string | null): void {
  if (!node || node.getAttribute(name) === value) return;
  if (value === null) node.removeAttribute(name);
  else node.setAttribute(name, value);
}

export function drawBars(parent: Layer, x: Scale, y: Scale, bars: Bar[]): void {
  const base = y(Math.max(0, y.domain()[0]));
  layer(parent, 'bars')
    .selectAll('rect')
    .data(bars)
    .join('rect')
    .attr('class', (b) => `bar ${b.colour}`)
    .attr('x', (b) => x(b.x0))
    .attr('width', (b) => Math.max(0, x(b.x1) - x(b.x0) - 0.5))
    .attr('y', (b) => Math.min(base, clampPx(y(b.y))))
    .attr('height', (b) => Math.abs(base - clampPx(y(b.y))));
}

export function drawRugs(parent: Layer, x: Scale, height: number, rugs: Rug[]): void {
  const g = layer(parent, 'rugs');
  g.selectAll<SVGPathElement, Rug>('path')
    .data(rugs)
    .join('path')
    .attr('class', (r) => `rug ${r.colour}`)
    .attr('d', (r) => {
      let d = '';
      for (let i = 0; i < r.x.length; i++) {
        const px = x(r.x[i]).toFixed(1);
        d += `M${px},${height}v-9`;
      }
      return d;
    });
}

export function drawPoints(parent: Layer, x: Scale, y: Scale, points: Point[]): void {
  layer(parent, 'points')
    .selectAll('circle')
    .data(points)
    .join('circle')
    .attr('class', (p) => `point ${p.colour}`)
    .attr('cx', (p) => x(p.x))
    .attr('cy', (p) => clampPx(y(p.y)))
    .attr('r', (p) => p.r ?? 2.5);
}

export function drawArrows(parent: Layer, x: Scale, y: Scale, arrows: Arrow[]): void {
  const path = (a: Arrow) => arrowPath(x(a.x0), clampPx(y(a.y0)), x(a.x1), clampPx(y(a.y1)));
  layer(parent, 'arrows')
    .selectAll<SVGPathElement, Arrow>('path')
    .data(arrows)
    .join('path')
    .attr('class', (a) => `arrow ${a.colour}`)
    .attr('data-key', (a) => (a.key === undefined ? null : a.key))
    .attr('d', path);
  // Keyed arrows also get a wide invisible twin on top, so a 1.5 px shaft is easy to hover or touch.
  layer(parent, 'arrow-hits')
    .selectAll<SVGPathElement, Arrow>('path')
    .data(arrows.filter((a) => a.key !== undefined))
    .join('path')
    .attr('class', 'arrow-hit')
    .attr('data-key', (a) => a.key!)
    .attr('d', path)
    .attr('fill', 'none')
    .attr('stroke', 'transparent')
    .attr('stroke-width', 12)
    .attr('stroke-linecap', 'round')
    .style('pointer-events', 'stroke')
    .style('cursor', 'pointer');
}

/** A shaft with an open head of fixed pixel size; arrows shorter than the head draw as a dot-sized stub. */
function arrowPath(x0: number, y0: number, x1: number, y1: number): string {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const length = Math.hypot(dx, dy);
  if (!(length > 0.5)) return `M${x0},${y0}l0.01,0`;
  const head = Math.min(7, length * 0.6);
  const ux = dx / length;
  const uy = dy / length;
  const hx1 = x1 - head * (ux - 0.5 * uy);
  const hy1 = y1 - head * (uy + 0.5 * ux);
  const hx2 = x1 - head * (ux + 0.5 * uy);
  const hy2 = y1 - head * (uy - 0.5 * ux);
  return `M${x0},${y0}L${x1},${y1}M${hx1},${hy1}L${x1},${y1}L${hx2},${hy2}`;
}

/** Vertical marker lines at data x across the plot's full height. */
export function drawMarkers(
  parent: Layer,
  x: Scale,
  height: number,
  markers: readonly { x: number; colour: string }[],
): void {
  parent
    .selectAll('line')
    .data(markers)
    .join('line')
    .attr('class', (m) => `marker ${m.colour}`)
    .attr('x1', (m) => x(m.x))
    .attr('x2', (m) => x(m.x))
    .attr('y1', 0)
    .attr('y2', height);
}

export function drawErrorBars(parent: Layer, x: Scale, y: Scale, bars: ErrorBar[]): void {
  const g = layer(parent, 'errorbars');
  g.selectAll<SVGPathElement, ErrorBar>('path')
    .data(bars)
    .join('path')
    .attr('class', (b) => `errorbar ${b.colour}`)
    .attr('d', (b) => `M${x(b.x)},${clampPx(y(b.lo))}V${clampPx(y(b.hi))}`);
  g.selectAll<SVGCircleElement, ErrorBar>('circle')
    .data(bars)
    .join('circle')
    .attr('class', (b) => `point ${b.colour}`)
    .attr('cx', (b) => x(b.x))
    .attr('cy', (b) => clampPx(y(b.y)))
    .attr('r', 2.5);
}

/** Where a curve leaves the plot through its top or bottom edge, in pixels along x. */
export interface ClipExit {
  px: number;
  edge: 'top' | 'bottom';
  colour: string;
}

/**
 * The points where each series crosses out of the y domain (going out, and coming back in), so a clipped curve
 * is marked instead of stopping silently at the edge. Exits closer than 8 px on one edge merge.
 */
export function clipExits(x: Scale, y: Scale, series: LineSeries[]): ClipExit[] {
  const [a, b] = y.domain();
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const out: ClipExit[] = [];
  for (const s of series) {
    if (s.label === '') continue; // unlabelled guides (thresholds), not curves
    let last: ClipExit | null = null;
    let prev: 'in' | 'top' | 'bottom' | null = null;
    for (let i = 0; i < s.x.length; i++) {
      const v = s.y[i];
      if (!Number.isFinite(v)) {
        prev = null;
        continue;
      }
      const where = v > hi ? 'top' : v < lo ? 'bottom' : 'in';
      if (where !== 'in' && where !== prev) {
        const px = x(s.x[i]);
        if (!(last && last.edge === where && Math.abs(last.px - px) < 8)) {
          last = { px, edge: where, colour: s.colour };
          out.push(last);
        }
      }
      prev = where;
    }
  }
  return out;
}

/** Small outward-pointing triangles on the plot's edge where a curve runs off it. */
export function drawClipMarks(parent: Layer, height: number, exits: ClipExit[]): void {
  layer(parent, 'clip-marks')
    .selectAll<SVGPathElement, ClipExit>('path')
    .data(exits)
    .join('path')
    .attr('class', (e) => `clip-mark ${e.colour}`)
    .attr('data-edge', (e) => e.edge)
    .attr('d', (e) =>
      e.edge === 'top'
        ? `M${e.px - 5},${6}L${e.px},${-1}L${e.px + 5},${6}Z`
        : `M${e.px - 5},${height - 6}L${e.px},${height + 1}L${e.px + 5},${height - 6}Z`,
    );
}
