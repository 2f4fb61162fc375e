/**
 * The exact field of q_σ on a regular grid: density and score at every node, in the row-major layout of the
 * automation hook (CONTRACT.md §3): node (i, j) — column i along x, row j along y — sits at index j·nx + i.
 */
import { PreparedMixture2, type Mixture2 } from './mixture2';
import { perturbMixture2 } from './noisy2';

export interface Box2 {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface FieldGrid extends Box2 {
  nx: number;
  ny: number;
  pdf: Float64Array;
  scoreX: Float64Array;
  scoreY: Float64Array;
}

/** Node coordinates: nx nodes from x0 to x1 inclusive (and likewise in y). */
export function gridAxis(lo: number, hi: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = count === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * i) / (count - 1);
  return out;
}

/** Density and score of `mixture` blurred by N(0, σ² I) (σ = 0: the data itself) on an nx × ny grid over `box`. */
export function fieldGrid(mixture: Mixture2, sigma: number, box: Box2, nx: number, ny: number): FieldGrid {
  const field = new PreparedMixture2(sigma > 0 ? perturbMixture2(mixture, sigma) : mixture);
  const xs = gridAxis(box.x0, box.x1, nx);
  const ys = gridAxis(box.y0, box.y1, ny);
  const pdf = new Float64Array(nx * ny);
  const scoreX = new Float64Array(nx * ny);
  const scoreY = new Float64Array(nx * ny);
  const g = new Float64Array(2);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      pdf[k] = Math.exp(field.score(xs[i], ys[j], g));
      scoreX[k] = g[0];
      scoreY[k] = g[1];
    }
  }
  return { ...box, nx, ny, pdf, scoreX, scoreY };
}

/**
 * A square box that shows every component out to ±3.5 standard deviations (of its wider axis) and at least
 * `minHalfWidth` around the centre, rounded outwards to whole numbers so it stays put while a handle moves a little.
 * Square, because a vector field drawn with unequal axis scales shows wrong angles.
 */
export function plotBox2(mixture: Mixture2, minHalfWidth = 4): Box2 {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const c of mixture) {
    const r = 3.5 * Math.max(c.sx, c.sy);
    x0 = Math.min(x0, c.mx - r);
    x1 = Math.max(x1, c.mx + r);
    y0 = Math.min(y0, c.my - r);
    y1 = Math.max(y1, c.my + r);
  }
  const half = Math.ceil(Math.max(minHalfWidth, (x1 - x0) / 2, (y1 - y0) / 2));
  const cx = Math.round((x0 + x1) / 2);
  const cy = Math.round((y0 + y1) / 2);
  return { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
}
