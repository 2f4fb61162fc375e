/**
 * The sampler worker's tensor engine on the wasm backend (what a browser without a GPU runs): the exact score as
 * tf ops against the plain-JS one, the on-device noise, the learned forward pass against net.ts, and whole runs
 * (stationary moments, mode weights, divergence, determinism across chunkings, flat tensor counts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG } from '../../src/engine/training/config';
import { tf } from '../../src/engine/tf/core';
import { initialParams, inputRows, ScoreNet } from '../../src/engine/tf/net';
import { createRng } from '../../src/engine/rng';
import { normalCdf } from '../../src/engine/special';
import { DEFAULT_MIXTURE, type Mixture } from '../../src/engine/mixture';
import { createExactScore, histogram, WRONG_WEIGHTS_ANNEALED } from '../../src/engine/sampling';
import {
  ExactTensorScore,
  LearnedTensorScore,
  nextNormals,
  planRun,
  seedNoise,
  TensorParticleRun,
  type SamplingSpec,
} from '../../src/engine/tf/sampling';
import { useWasm } from './tf/helpers';

beforeAll(async () => {
  await useWasm();
});

const THREE: Mixture = [
  { weight: 0.5, mean: -3, std: 0.4 },
  { weight: 0.3, mean: 0, std: 1 },
  { weight: 0.2, mean: 4, std: 0.3 },
];

function spec(overrides: Partial<Omit<SamplingSpec, 'kind'>> = {}): SamplingSpec {
  return {
    kind: 'langevin',
    mixture: DEFAULT_MIXTURE.map((c) => ({ ...c })),
    n: 2000,
    eps: 0.02,
    steps: 50,
    init: { kind: 'uniform', a: -3, b: 3 },
    seed: 1,
    snapshotRange: { lo: -6, hi: 6, bins: 40 },
    tracks: 8,
    ...overrides,
  };
}

describe('exact score as tf ops', () => {
  for (const [name, mixture] of [
    ['two components', DEFAULT_MIXTURE],
    ['three components', THREE],
    ['one component', [{ weight: 1, mean: 1, std: 0.5 }]],
  ] as const) {
    it(`matches the plain-JS score (${name}), for p and for q_σ`, () => {
      const xs = Float32Array.from({ length: 201 }, (_, i) => -12 + (24 * i) / 200);
      const js = createExactScore(mixture);
      const score = new ExactTensorScore(mixture);
      for (const sigma of [undefined, 0.7]) {
        const expected = new Float32Array(xs.length);
        js(xs, expected, sigma);
        const got = tf.tidy(() => score.apply(tf.tensor1d(xs), sigma)).dataSync();
        for (let i = 0; i < xs.length; i++)
          expect(Math.abs(got[i] - expected[i])).toBeLessThan(1e-4 * (1 + Math.abs(expected[i])));
      }
    });
  }
});

describe('noise on the device', () => {
  it('is standard normal, independent across steps and particles, and seeded', () => {
    const n = 20_000;
    let [state] = seedNoise([n], 11);
    const draws: Float32Array[] = [];
    for (let t = 0; t < 4; t++) {
      const { z, state: next } = nextNormals(state);
      draws.push(z.dataSync() as Float32Array);
      state = next;
    }
    const all = draws.flatMap((d) => Array.from(d));
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    const variance = all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    // KS against Φ: the 0.1% critical value at 80,000 draws is 1.95/√80000 ≈ 0.0069.
    const sorted = Float64Array.from(all).sort();
    let ks = 0;
    for (let i = 0; i < sorted.length; i++) {
      const f = normalCdf(sorted[i]);
      ks = Math.max(ks, (i + 1) / sorted.length - f, f - i / sorted.length);
    }
    expect(ks).toBeLessThan(0.0069);
    // Step t vs t + 1 (the Box–Muller pair and across pairs), and neighbouring particles.
    const corr = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += a[i] * b[i];
      return s / a.length;
    };
    for (const [a, b] of [
      [draws[0], draws[1]],
      [draws[1], draws[2]],
    ])
      expect(Math.abs(corr(a, b))).toBeLessThan(0.03);
    expect(Math.abs(corr(draws[0].subarray(1), draws[0].subarray(0, n - 1)))).toBeLessThan(0.03);
    const [again] = seedNoise([n], 11);
    expect(Array.from(nextNormals(again).z.dataSync().subarray(0, 5))).toEqual(
      Array.from(draws[0].subarray(0, 5)),
    );
  });

  it('keeps every generator state on its exact integer sequence (one reduction per step suffices)', () => {
    const [start] = seedNoise([5000], 3);
    const initial = [start.s1, start.s2, start.s3].map((t) => Array.from(t.dataSync()));
    let state = start;
    const pairs = 40; // 80 uniform draws per state
    for (let t = 0; t < 2 * pairs; t++) state = nextNormals(state).state;
    const moduli = [30269, 30307, 30323];
    const multipliers = [171, 172, 170];
    [state.s1, state.s2, state.s3].forEach((tensor, k) => {
      const got = tensor.dataSync();
      for (let i = 0; i < got.length; i++) {
        let s = initial[k][i];
        for (let d = 0; d < 2 * pairs; d++) s = (s * multipliers[k]) % moduli[k];
        expect(Number.isInteger(got[i])).toBe(true);
        expect(((got[i] % moduli[k]) + moduli[k]) % moduli[k] === s).toBe(true);
      }
    });
  });
});

describe('learned score from a model file', () => {
  it('equals the network forward pass of net.ts, s = net(x, log σ)/σ', () => {
    const config = { ...DEFAULT_TRAIN_CONFIG, width: 16, depth: 3 };
    const params = initialParams(config, createRng(5));
    const score = new LearnedTensorScore({ config, step: 0, dataGeneration: 0, params });
    const reference = ScoreNet.fromParams(config, params);
    const xs = Float32Array.from({ length: 50 }, (_, i) => -5 + i * 0.2);
    for (const sigma of [0.05, 0.8, 5]) {
      const got = tf.tidy(() => score.apply(tf.tensor1d(xs), sigma)).dataSync();
      const want = tf
        .tidy(() => tf.div(reference.apply(tf.tensor2d(inputRows(xs, sigma), [xs.length, 2])), sigma))
        .dataSync();
      for (let i = 0; i < xs.length; i++)
        expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-4 * (1 + Math.abs(want[i])));
    }
    // Plain Langevin asks for no σ and gets the smallest trained level.
    expect(score.sigmaUsed(undefined)).toBeCloseTo(config.smin, 12);
    score.dispose();
    reference.dispose();
  });
});

describe('tensor runs', () => {
  it('Langevin on one Gaussian reaches its mean and (ε-inflated) variance', async () => {
    const v = 0.25;
    const eps = 0.05;
    const run = new TensorParticleRun(
      planRun(spec({ mixture: [{ weight: 1, mean: 1, std: 0.5 }], n: 8000, eps, steps: 300 })),
      { score: new ExactTensorScore([{ weight: 1, mean: 1, std: 0.5 }]) },
    );
    await run.advance(Infinity, Infinity);
    const xs = await run.particles();
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    const stationary = v / (1 - eps / (4 * v));
    expect(Math.abs(mean - 1)).toBeLessThan(0.03);
    expect(Math.abs(variance / stationary - 1)).toBeLessThan(0.06);
    run.dispose();
  });

  it('takes the same steps whatever the chunking, and histograms on the device like the JS histogram', async () => {
    const plan = planRun(spec({ n: 3000, steps: 30 }));
    const a = new TensorParticleRun(plan, { score: new ExactTensorScore(DEFAULT_MIXTURE), blockSize: 1024 });
    const b = new TensorParticleRun(plan, { score: new ExactTensorScore(DEFAULT_MIXTURE), blockSize: 1024 });
    await a.advance(30, Infinity);
    for (let i = 0; i < 30; i++) await b.advance(1, Infinity);
    const xa = await a.particles();
    const xb = await b.particles();
    expect(Array.from(xb)).toEqual(Array.from(xa));
    expect(a.takeTracks().steps).toEqual(b.takeTracks().steps);
    const range = { lo: -4, hi: 5, bins: 45 };
    const device = await a.histogram(range);
    const js = histogram(xa, range);
    expect(Array.from(device.counts)).toEqual(Array.from(js.counts));
    expect(device.below + device.above).toBe(js.below + js.above);
    a.dispose();
    b.dispose();
  });

  it('keeps the tensor count flat while it runs', async () => {
    const run = new TensorParticleRun(planRun(spec({ n: 1500, steps: 40 })), {
      score: new ExactTensorScore(DEFAULT_MIXTURE),
      blockSize: 512,
    });
    await run.advance(4, Infinity);
    run.takeTracks();
    // After an even number of steps no spare normal is held (the count alternates with the Box–Muller pair).
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      await run.advance(6, Infinity);
      await run.histogram({ lo: -4, hi: 5, bins: 20 });
      await run.subsample(100);
      expect(tf.memory().numTensors).toBe(before);
    }
    run.dispose();
  });

  it('stops a diverging run at the last good particles and names the step', async () => {
    const run = new TensorParticleRun(planRun(spec({ n: 500, eps: 5, steps: 200 })), {
      score: new ExactTensorScore(DEFAULT_MIXTURE),
    });
    await run.advance(Infinity, Infinity);
    const state = run.state();
    expect(state.divergence).not.toBeNull();
    expect(state.done).toBe(true);
    expect(state.divergence!.step).toBe(state.step + 1);
    expect(state.divergence!.escaped).toBeGreaterThan(0);
    const xs = await run.particles();
    expect(xs.every((x) => Number.isFinite(x) && Math.abs(x) <= 1e6)).toBe(true);
    run.dispose();
  });

  it('annealed Langevin recovers unequal mode weights (0.2 / 0.8) that are far apart', async () => {
    const p = WRONG_WEIGHTS_ANNEALED;
    const run = new TensorParticleRun(
      planRun({
        ...spec({ mixture: p.mixture.map((c) => ({ ...c })), n: 4000, eps: p.eps, steps: 50, init: p.init }),
        kind: 'annealed',
        smin: p.smin,
        smax: p.smax,
        levels: p.levels,
      }),
      { score: new ExactTensorScore(p.mixture) },
    );
    await run.advance(Infinity, Infinity);
    const weights = run.takeWeights();
    const last = weights[weights.length - 1];
    expect(last.step).toBe(run.totalSteps);
    expect(Math.abs(last.weights[0] - 0.2)).toBeLessThan(0.04);
    expect(run.takeSnapshots()).toHaveLength(p.levels);
    run.dispose();
  });
});
