import { describe, expect, it } from 'vitest';
import { fieldGrid, plotBox2, type Mixture2 } from '../../src/engine/plane';
import { errorRaster, sampleGrid } from '../../src/pages/field2d/learnedView';
import { logLogSlope } from '../../src/pages/field2d/planeCharts';

const MIX: Mixture2 = [
  { weight: 0.4, mx: -2, my: 0, sx: 1, sy: 0.5, rho: 0.3 },
  { weight: 0.6, mx: 2, my: 1, sx: 0.7, sy: 1.2, rho: -0.2 },
];

describe('field2d learned field helpers', () => {
  it('bilinear sampling reproduces an affine field exactly between nodes', () => {
    const grid = { nx: 11, ny: 7, x0: -3, x1: 2, y0: -1, y1: 5 };
    const f = (x: number, y: number) => [2 * x - 3 * y + 1, -x + 0.5 * y];
    const scoreX = new Float64Array(grid.nx * grid.ny);
    const scoreY = new Float64Array(grid.nx * grid.ny);
    for (let j = 0; j < grid.ny; j++)
      for (let i = 0; i < grid.nx; i++) {
        const [a, b] = f(grid.x0 + (i * 5) / 10, grid.y0 + j);
        scoreX[j * grid.nx + i] = a;
        scoreY[j * grid.nx + i] = b;
      }
    const out = new Float64Array(2);
    for (const [x, y] of [
      [-2.77, 0.31],
      [1.99, 4.99],
      [0.123, 2.5],
    ]) {
      sampleGrid(grid, { scoreX, scoreY }, x, y, out);
      const [a, b] = f(x, y);
      expect(out[0]).toBeCloseTo(a, 10);
      expect(out[1]).toBeCloseTo(b, 10);
    }
  });

  it('the error map is zero for the exact field and q·|Δ|² for a constant offset, summing to twice the Fisher integrand', () => {
    const box = plotBox2(MIX);
    const grid = fieldGrid(MIX, 0.5, box, 64, 64);
    expect(errorRaster(grid, grid).max).toBe(0);
    const shifted = { scoreX: grid.scoreX.map((v) => v + 0.3), scoreY: grid.scoreY.map((v) => v - 0.4) };
    const e = errorRaster(grid, shifted);
    // |Δ|² = 0.3² + 0.4² = 0.25 everywhere, so e = 0.25 q: its grid sum is 0.25 Σq.
    const sumQ = grid.pdf.reduce((a, b) => a + b, 0);
    expect(e.total).toBeCloseTo(0.25 * sumQ, 9);
    const k = 32 * 64 + 20;
    expect(e.values[k]).toBeCloseTo(0.25 * grid.pdf[k], 12);
  });

  it('logLogSlope recovers the exponent of a power law', () => {
    const D = [2, 4, 8, 16, 32, 64, 128];
    expect(
      logLogSlope(
        D,
        D.map((d) => 0.3 * d ** 0.9),
      ),
    ).toBeCloseTo(0.9, 10);
    expect(
      logLogSlope(
        D,
        D.map(() => 5),
      ),
    ).toBeCloseTo(0, 10);
    expect(logLogSlope([4], [1])).toBeNull();
  });
});
