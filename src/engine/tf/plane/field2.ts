/**
 * A learned 2D score field on a regular grid, in the layout of the field page's hook (CONTRACT.md, issue 15):
 * point (i, j) is x_i = x0 + i (x1 − x0)/(nx − 1), y_j = y0 + j (y1 − y0)/(ny − 1), stored row-major at
 * k = j·nx + i (one row per y). One network call for the whole grid.
 */
import { learnedScore } from './trainer2';
import type { VectorScoreNet } from './vectorNet';

export interface GridSpec2 {
  nx: number;
  ny: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The grid's points as row-major [nx·ny, 2] pairs (x, y), in the order above. */
export function gridPoints2({ nx, ny, x0, x1, y0, y1 }: GridSpec2): Float64Array {
  const points = new Float64Array(2 * nx * ny);
  const dx = nx > 1 ? (x1 - x0) / (nx - 1) : 0;
  const dy = ny > 1 ? (y1 - y0) / (ny - 1) : 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      points[2 * k] = x0 + i * dx;
      points[2 * k + 1] = y0 + j * dy;
    }
  }
  return points;
}

/** s_θ(·, σ) on the grid, split into its two components, each of length nx·ny. */
export async function learnedField2(
  net: VectorScoreNet,
  grid: GridSpec2,
  sigma: number,
): Promise<{ scoreX: Float32Array; scoreY: Float32Array }> {
  const scores = await learnedScore(net, gridPoints2(grid), sigma);
  const size = grid.nx * grid.ny;
  const scoreX = new Float32Array(size);
  const scoreY = new Float32Array(size);
  for (let k = 0; k < size; k++) {
    scoreX[k] = scores[2 * k];
    scoreY[k] = scores[2 * k + 1];
  }
  return { scoreX, scoreY };
}
