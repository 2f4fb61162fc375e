import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/rng';
import { tf } from '../../../src/engine/tf/core';
import {
  VectorScoreNet,
  gridPoints2,
  learnedField2,
  learnedScore,
  initialVectorParams,
  vectorInputRows,
  vectorParamLayout,
} from '../../../src/engine/tf/plane';
import { streamRng } from '../../../src/engine/training/streams';
import { useCpu } from './helpers';

beforeAll(useCpu);

/** n random points in D dimensions (row-major) and one random direction per point. */
function pointsAndDirections(n: number, dim: number, seed: number) {
  const rng = createRng(seed);
  const points = Float64Array.from({ length: n * dim }, () => 2 * rng.normal());
  const v = Float32Array.from({ length: n * dim }, () => rng.normal());
  return { points, v };
}

/** net at the points (one σ), read back row-major [n, D]. */
function netAt(net: VectorScoreNet, points: ArrayLike<number>, sigma: number): Float32Array {
  const { dim } = net.shape;
  const n = points.length / dim;
  return tf
    .tidy(() => net.apply(tf.tensor2d(vectorInputRows(points, dim, sigma), [n, dim + 1])))
    .dataSync() as Float32Array;
}

describe('D-dimensional score network', () => {
  it('has the documented layout and a seeded initialisation', () => {
    const shape = { dim: 3, width: 8, depth: 2 };
    expect(vectorParamLayout(shape).map((p) => p.shape)).toEqual([[4, 8], [8], [8, 8], [8], [8, 3], [3]]);
    const a = initialVectorParams(shape, streamRng(3, 'init'));
    const b = initialVectorParams(shape, streamRng(3, 'init'));
    expect(a.map((p) => Array.from(p.values))).toEqual(b.map((p) => Array.from(p.values)));
    // He normal for the first hidden layer: std √(2/4); the sample of 32 weights is within a loose band of it.
    const w = Array.from(a[0].values);
    const std = Math.sqrt(w.reduce((s, x) => s + x * x, 0) / w.length);
    expect(std).toBeGreaterThan(0.4);
    expect(std).toBeLessThan(1.05);
  });

  it.each([
    [2, 3],
    [5, 2],
  ])(
    'D = %i, depth %i: each Jacobian-vector product equals the central difference of its own output',
    (dim, depth) => {
      const net = VectorScoreNet.init({ dim, width: 16, depth }, streamRng(11, 'init'));
      const n = 24;
      const sigma = 0.7;
      const { points, v } = pointsAndDirections(n, dim, 5);
      const jvps = tf.tidy(() => {
        const input = tf.tensor2d(vectorInputRows(points, dim, sigma), [n, dim + 1]);
        const { jvps } = net.applyWithJvps(input, [tf.tensor2d(v, [n, dim]), 0, dim - 1]);
        return jvps.map((j) => j.dataSync() as Float32Array);
      });
      const h = 1e-2;
      const directions = [
        v,
        Float32Array.from({ length: n * dim }, (_, k) => (k % dim === 0 ? 1 : 0)),
        Float32Array.from({ length: n * dim }, (_, k) => (k % dim === dim - 1 ? 1 : 0)),
      ];
      directions.forEach((dir, m) => {
        const plus = netAt(
          net,
          points.map((x, k) => x + h * dir[k]),
          sigma,
        );
        const minus = netAt(
          net,
          points.map((x, k) => x - h * dir[k]),
          sigma,
        );
        let worst = 0;
        for (let k = 0; k < n * dim; k++)
          worst = Math.max(worst, Math.abs((plus[k] - minus[k]) / (2 * h) - jvps[m][k]));
        // Central-difference error O(h²) plus float32 rounding O(1e-7/h): well under 2e-3 for O(1) outputs.
        expect(worst).toBeLessThan(2e-3);
      });
      net.dispose();
    },
  );

  it('agrees with reverse mode: one backward pass per output coordinate gives the same trace and products', () => {
    const dim = 3;
    const net = VectorScoreNet.init({ dim, width: 16, depth: 2 }, streamRng(4, 'init'));
    const n = 10;
    const { points, v } = pointsAndDirections(n, dim, 9);
    const input = tf.tensor2d(vectorInputRows(points, dim, 0.4), [n, dim + 1]);
    // Row j of ∇_x net per sample: the gradient of Σ_rows net_j with respect to the input rows (rows independent).
    const rowsOfJ = Array.from({ length: dim }, (_, j) =>
      tf.tidy(() => {
        const g = tf.grad((x: tf.Tensor) => tf.sum(tf.slice(net.apply(x as tf.Tensor2D), [0, j], [-1, 1])))(
          input,
        );
        return tf.slice(g, [0, 0], [-1, dim]).arraySync() as number[][];
      }),
    );
    const forward = tf.tidy(() => {
      const coords = Array.from({ length: dim }, (_, i) => i);
      const { jvps } = net.applyWithJvps(input, [tf.tensor2d(v, [n, dim]), ...coords]);
      return jvps.map((j) => j.arraySync() as number[][]);
    });
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < dim; j++) {
        const reverseJv = rowsOfJ[j][r].reduce((s, jij, i) => s + jij * v[r * dim + i], 0);
        expect(forward[0][r][j]).toBeCloseTo(reverseJv, 4);
        for (let i = 0; i < dim; i++) expect(forward[1 + i][r][j]).toBeCloseTo(rowsOfJ[j][r][i], 4);
      }
    }
    input.dispose();
    net.dispose();
  });

  it('round-trips its parameters through plain arrays', async () => {
    const shape = { dim: 2, width: 16, depth: 2 };
    const a = VectorScoreNet.init(shape, streamRng(8, 'init'));
    const params = await a.readParams();
    const b = VectorScoreNet.fromParams(shape, params);
    const { points } = pointsAndDirections(7, 2, 1);
    expect(Array.from(netAt(b, points, 0.3))).toEqual(Array.from(netAt(a, points, 0.3)));
    expect(() => VectorScoreNet.fromParams({ ...shape, width: 8 }, params)).toThrow(/hidden0.weight/);
    a.dispose();
    b.dispose();
  });

  it('lays a learned field out on the grid row by row (k = j·nx + i)', async () => {
    const net = VectorScoreNet.init({ dim: 2, width: 16, depth: 2 }, streamRng(6, 'init'));
    const grid = { nx: 4, ny: 3, x0: -2, x1: 1, y0: 0, y1: 4 };
    const points = gridPoints2(grid);
    // Point (i = 3, j = 1) is (1, 2) at k = 1·4 + 3 = 7.
    expect([points[14], points[15]]).toEqual([1, 2]);
    const field = await learnedField2(net, grid, 0.8);
    const [sx, sy] = await learnedScore(net, [1, 2], 0.8);
    expect(field.scoreX[7]).toBeCloseTo(sx, 5);
    expect(field.scoreY[7]).toBeCloseTo(sy, 5);
    net.dispose();
  });
});
