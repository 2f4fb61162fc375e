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
import { batchedPlaneScore, learnedPlaneScore } from '../../../src/engine/plane';
import { tensorPairScore } from '../../../src/engine/tf/plane/pairForward';
import { JAVASCRIPT_ENGINE, javascriptForward } from '../../../src/worker/planeForward';
import { tensorForward } from '../../../src/worker/planeTensorForward';
import {
  planeClientFor as client,
  planeModel as model,
  planeRunConfig as config,
  randomPlaneParams,
} from '../plane/planeFixtures';
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

/**
 * The tensor forward of the plane network (engine/tf/plane/pairForward.ts) against the pair-by-pair reference
 * (learnedScore2.ts), on the CPU backend this file runs on (the wasm run is the end-to-end tests').
 * Float32 weights and activations against Float64 sums: agreement to a few 1e-6 relative, so 1e-4 leaves room
 * and still fails on any wrong weight, bias, σ or block offset.
 */
describe('the tensor plane forward', () => {
  it('equals the reference on random networks, across block boundaries, for every σ', () => {
    for (const [width, depth] of [
      [16, 1],
      [64, 2],
      [20, 3],
    ]) {
      const params = randomPlaneParams(width, depth, 10 * width + depth, 0.6);
      // Blocks of 4 pairs: 1 pair is part of one block, 5 cross one boundary, 41 fill ten blocks and part of an eleventh.
      const tensor = tensorPairScore(params, 0.3, 4);
      const reference = learnedPlaneScore(params, 0.3);
      const rng = createRng(width);
      for (const pairs of [1, 5, 41]) {
        const xs = Float32Array.from({ length: 2 * pairs }, () => 4 * rng.normal());
        for (const sigma of [0.02, 5, undefined]) {
          const a = new Float32Array(2 * pairs);
          const b = new Float32Array(2 * pairs);
          tensor.score(xs, a, sigma);
          reference(xs, b, sigma);
          let worst = 0;
          for (let i = 0; i < a.length; i++)
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
          expect(worst, `width ${width}, depth ${depth}, ${pairs} pairs, σ ${sigma}`).toBeLessThan(1e-4);
        }
      }
      tensor.dispose();
    }
  });

  it('leaves no tensor behind, refuses a bad σ, and cannot be used once disposed', () => {
    const params = randomPlaneParams(8, 2, 3, 0.6);
    const before = tf.memory().numTensors;
    const forward = tensorPairScore(params, 0.5);
    const xs = new Float64Array([0.1, -0.2, 3, 4]);
    const out = new Float64Array(4);
    forward.score(xs, out);
    forward.score(xs, out, 2);
    expect(() => forward.score(xs, out, 0)).toThrow(/positive/);
    forward.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => forward.score(xs, out)).toThrow(/disposed/);
    expect(() => tensorPairScore(params.slice(0, 3), 0.5)).toThrow(/2·depth \+ 2/);
  });
});

/**
 * The engine worker's learned forward (worker/planeTensorForward.ts) with stand-ins for wasm and the tensor score:
 * JavaScript, saying why, when wasm cannot start; a run carried on in JavaScript when the tensor forward fails.
 */
describe("the learned plane sampler's tensor forward and its fallback", () => {
  it('samples with JavaScript, saying why, when wasm cannot start', async () => {
    const forward = tensorForward({
      startWasm: () => Promise.resolve({ ok: false, why: 'The wasm backend could not start (no memory).' }),
      tensorPairScore: () => {
        throw new Error('not to be called');
      },
    });
    const m = model(4);
    const built = await forward.build(m);
    expect(built.engine()).toBe(`${JAVASCRIPT_ENGINE}: The wasm backend could not start (no memory).`);
    const xs = Float64Array.from({ length: 20 }, (_, i) => i / 7 - 1);
    const a = new Float64Array(20);
    const b = new Float64Array(20);
    built.score(xs, a, 0.5);
    batchedPlaneScore(m.params, m.sigmaMin)(xs, b, 0.5);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('carries a run on in JavaScript when the tensor forward fails mid-run, and says so', async () => {
    let calls = 0;
    let disposed = 0;
    const forward = tensorForward({
      startWasm: () => Promise.resolve({ ok: true, how: 'wasm with SIMD, 1 thread' }),
      tensorPairScore: (params, sigma) => {
        const js = batchedPlaneScore(params, sigma);
        return {
          score: (xs, out, s) => {
            if (++calls === 3) throw new Error('out of memory');
            js(xs, out, s);
          },
          dispose: () => void disposed++,
        };
      },
    });
    const c = client(forward);
    const m = model(5);
    const start = await c.start({ ...config, learned: m });
    expect(start.scoreEngine).toBe('TensorFlow.js on wasm with SIMD, 1 thread');
    const frame = await c.advance(start.run, 10, 10_000, false);
    expect(frame.stage.step).toBe(10);
    expect(frame.scoreEngine).toBe(
      `${JAVASCRIPT_ENGINE}: TensorFlow.js on wasm failed during the run (out of memory)`,
    );
    expect(disposed).toBe(1);
    // The same positions as a run that used JavaScript throughout (the stand-in computes the same numbers).
    const js = client(javascriptForward);
    const reference = await js.start({ ...config, learned: m });
    const expected = await js.advance(reference.run, 10, 10_000, false);
    expect(Array.from(frame.positions)).toEqual(Array.from(expected.positions));
  });
});
