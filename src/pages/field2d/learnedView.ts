/**
 * What the page draws of a learned field (no DOM): its arrows on the exact arrows' lattice and scale, read off the
 * worker's grid by bilinear interpolation, and the error map q_σ·|s_θ − s|² on the grid.
 */
import type { Box2, FieldGrid } from '../../engine/plane';
import type { PlaneRaster } from '../../viz/planeField';
import { ARROW_NODES, arrowField, type ArrowField } from './fieldModel';

export interface LearnedGrid {
  scoreX: ArrayLike<number>;
  scoreY: ArrayLike<number>;
}

/**
 * The field at (x, y) from its values on the grid's nodes, bilinear in the cell around the point (the arrows sit
 * between nodes; at 96 nodes a side a cell is about a tenth of a component's spread in the presets).
 */
export function sampleGrid(
  grid: Box2 & { nx: number; ny: number },
  field: LearnedGrid,
  x: number,
  y: number,
  out: Float64Array,
): void {
  const fx = ((x - grid.x0) / (grid.x1 - grid.x0)) * (grid.nx - 1);
  const fy = ((y - grid.y0) / (grid.y1 - grid.y0)) * (grid.ny - 1);
  const i = Math.min(grid.nx - 2, Math.max(0, Math.floor(fx)));
  const j = Math.min(grid.ny - 2, Math.max(0, Math.floor(fy)));
  const u = Math.min(1, Math.max(0, fx - i));
  const v = Math.min(1, Math.max(0, fy - j));
  const k = j * grid.nx + i;
  const mix = (a: ArrayLike<number>) =>
    (1 - v) * ((1 - u) * a[k] + u * a[k + 1]) + v * ((1 - u) * a[k + grid.nx] + u * a[k + grid.nx + 1]);
  out[0] = mix(field.scoreX);
  out[1] = mix(field.scoreY);
}

/** The learned arrows at the exact arrows' points, drawn to the exact arrows' cap so the two compare by length. */
export function learnedArrows(box: Box2, grid: FieldGrid, field: LearnedGrid, cap: number): ArrowField {
  return arrowField(box, ARROW_NODES, (x, y, out) => sampleGrid(grid, field, x, y, out), cap);
}

/**
 * e(x) = q_σ(x)·|s_θ(x) − ∇log q_σ(x)|² on the grid: the integrand of twice the Fisher divergence, so the map
 * shows where the divergence comes from. Where q_σ is tiny the error is weighted away whatever its size.
 */
export function errorRaster(grid: FieldGrid, field: LearnedGrid): PlaneRaster & { total: number } {
  const values = new Float64Array(grid.nx * grid.ny);
  let max = 0;
  let total = 0;
  for (let k = 0; k < values.length; k++) {
    const e =
      grid.pdf[k] * ((field.scoreX[k] - grid.scoreX[k]) ** 2 + (field.scoreY[k] - grid.scoreY[k]) ** 2);
    values[k] = e;
    max = Math.max(max, e);
    total += e;
  }
  return { nx: grid.nx, ny: grid.ny, values, max, total };
}

/**
 * The unweighted error |s_θ − s|² averaged where q_σ is above and below a tenth of its peak: how wrong the network
 * is in the dense and in the sparse part of the plot.
 */
export function errorBySupport(grid: FieldGrid, field: LearnedGrid): { dense: number; sparse: number } {
  let peak = 0;
  for (const q of grid.pdf) peak = Math.max(peak, q);
  const sums = { dense: [0, 0], sparse: [0, 0] };
  for (let k = 0; k < grid.pdf.length; k++) {
    const e = (field.scoreX[k] - grid.scoreX[k]) ** 2 + (field.scoreY[k] - grid.scoreY[k]) ** 2;
    const s = grid.pdf[k] >= 0.1 * peak ? sums.dense : sums.sparse;
    s[0] += e;
    s[1] += 1;
  }
  return {
    dense: sums.dense[0] / Math.max(1, sums.dense[1]),
    sparse: sums.sparse[0] / Math.max(1, sums.sparse[1]),
  };
}
