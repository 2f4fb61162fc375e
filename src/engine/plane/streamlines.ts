/**
 * Streamlines of a planar vector field: curves everywhere tangent to it, traced from seeds spread over the box.
 *
 * Each line follows the unit direction u = s/|s| with midpoint (RK2) steps of fixed length h, forwards and
 * backwards from its seed, and stops where the field vanishes or turns back (at a mode or a saddle: |s| below
 * `minSpeed`, or a turn of more than 30° within a step), where it
 * leaves the box, after `maxSteps` steps, or where it comes within one cell of another line. That last rule (an
 * occupancy grid, a simple form of Jobard and Lefer's evenly spaced streamlines) keeps the picture readable: lines
 * do not pile up where the field converges on a mode.
 */
import type { Box2 } from './field';

/** cos 30°: the sharpest turn a line may take within one step. */
const MAX_TURN_COS = Math.cos(Math.PI / 6);

export type PlaneField = (x: number, y: number, out: Float64Array) => void;

export interface StreamlineOptions {
  /** Seeds per side of the box (a grid of seeds²; jittered by a fixed pattern so lines do not align). */
  seeds?: number;
  /** Step length as a fraction of the box's width. */
  step?: number;
  maxSteps?: number;
  /** Below this |s| the field counts as zero. */
  minSpeed?: number;
  /** Occupancy cells per side (line spacing ≈ box width / cells). */
  cells?: number;
}

export interface Streamline {
  xs: number[];
  ys: number[];
}

export function streamlines(field: PlaneField, box: Box2, options: StreamlineOptions = {}): Streamline[] {
  const seeds = options.seeds ?? 16;
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  const h = (options.step ?? 0.006) * width;
  const maxSteps = options.maxSteps ?? 400;
  const minSpeed = options.minSpeed ?? 1e-3;
  const cells = options.cells ?? 40;
  const owner = new Int32Array(cells * cells).fill(-1);
  const cellOf = (x: number, y: number) => {
    const i = Math.floor(((x - box.x0) / width) * cells);
    const j = Math.floor(((y - box.y0) / height) * cells);
    return i < 0 || j < 0 || i >= cells || j >= cells ? -1 : j * cells + i;
  };
  const g = new Float64Array(2);
  const direction = (x: number, y: number): [number, number] | null => {
    field(x, y, g);
    const speed = Math.hypot(g[0], g[1]);
    return speed < minSpeed || !Number.isFinite(speed) ? null : [g[0] / speed, g[1] / speed];
  };

  /** Traces one way from (x, y); `sign` −1 goes against the field. Claims the cells it passes for line `id`. */
  const trace = (x: number, y: number, sign: number, id: number): Array<[number, number]> => {
    const points: Array<[number, number]> = [];
    let previous: [number, number] | null = null;
    for (let step = 0; step < maxSteps; step++) {
      const d1 = direction(x, y);
      // A turn of more than 30° within one step means the field bends on the scale of the step: the line has
      // reached a sink (a mode) or a saddle, where further steps would only zigzag across it.
      if (!d1 || (previous && d1[0] * previous[0] + d1[1] * previous[1] < MAX_TURN_COS)) break;
      previous = d1;
      const mx = x + sign * 0.5 * h * d1[0];
      const my = y + sign * 0.5 * h * d1[1];
      const d2 = direction(mx, my);
      if (!d2 || d1[0] * d2[0] + d1[1] * d2[1] < MAX_TURN_COS) break;
      const nx = x + sign * h * d2[0];
      const ny = y + sign * h * d2[1];
      const cell = cellOf(nx, ny);
      if (cell < 0 || (owner[cell] !== -1 && owner[cell] !== id)) break;
      owner[cell] = id;
      x = nx;
      y = ny;
      points.push([x, y]);
    }
    return points;
  };

  const lines: Streamline[] = [];
  // Ids of traced lines, kept ones or not: a discarded stub keeps its cells, so no later line crowds it.
  let traced = 0;
  for (let a = 0; a < seeds; a++) {
    for (let b = 0; b < seeds; b++) {
      // A fixed golden-ratio jitter inside each seed cell, the same on every call.
      const jx = ((a * 0.618034 + b * 0.381966) % 1) * 0.6 + 0.2;
      const jy = ((b * 0.618034 + a * 0.754878) % 1) * 0.6 + 0.2;
      const x = box.x0 + ((a + jx) / seeds) * width;
      const y = box.y0 + ((b + jy) / seeds) * height;
      const seedCell = cellOf(x, y);
      if (seedCell < 0 || owner[seedCell] !== -1) continue;
      const id = traced++;
      owner[seedCell] = id;
      const back = trace(x, y, -1, id).reverse();
      const ahead = trace(x, y, 1, id);
      const points = [...back, [x, y] as [number, number], ...ahead];
      if (points.length < 4) continue;
      lines.push({ xs: points.map((p) => p[0]), ys: points.map((p) => p[1]) });
    }
  }
  return lines;
}
