import { describe, expect, it } from 'vitest';
import {
  learnedPlaneScore,
  MIXTURE_2D_PRESETS,
  PlaneRun,
  smallestTrainedSigma,
  type PlaneLearnedModel,
  type PlaneRunConfig,
} from '../../../src/engine/plane';
import type { PlaneParam } from '../../../src/engine/plane/planeModel';
import { DEFAULT_PLANE_TRAIN_CONFIG } from '../../../src/engine/plane/trainConfig2';
import { createRng } from '../../../src/engine/rng';
import { randomPlaneParams } from './planeFixtures';

const param = (name: string, shape: number[], values: number[]): PlaneParam => ({
  name,
  shape,
  values: Float32Array.from(values),
});

/** A direct reading of the network's definition: generic layers, a fresh array per layer, one point at a time. */
function naiveScore(params: PlaneParam[], x: number, y: number, sigma: number): [number, number] {
  let h = [x, y, Math.log(sigma)];
  const layers = params.length / 2;
  for (let l = 0; l < layers; l++) {
    const w = params[2 * l];
    const b = params[2 * l + 1];
    const [fanIn, fanOut] = w.shape;
    const a: number[] = [];
    for (let j = 0; j < fanOut; j++) {
      let sum = b.values[j];
      for (let k = 0; k < fanIn; k++) sum += h[k] * w.values[k * fanOut + j];
      a.push(l < layers - 1 ? sum * (1 / (1 + Math.exp(-sum))) : sum);
    }
    h = a;
  }
  return [h[0] / sigma, h[1] / sigma];
}

describe('the plane network in plain JavaScript', () => {
  it('equals a width-2, depth-1 network worked out by hand', () => {
    // h_0 = [x, y, log σ]; hidden: a = h_0 W + b, W = [[1, 0], [0, −1], [1, 2]], b = [0.5, −0.25].
    // out = swish(a) [[2, 0], [1, −1]] + [0.1, −0.2]; score = out / σ.
    const params = [
      param('hidden0.weight', [3, 2], [1, 0, 0, -1, 1, 2]),
      param('hidden0.bias', [2], [0.5, -0.25]),
      param('out.weight', [2, 2], [2, 0, 1, -1]),
      param('out.bias', [2], [0.1, -0.2]),
    ];
    const sigma = Math.E; // log σ = 1
    const [x, y] = [0.3, -0.7];
    const swish = (a: number) => a / (1 + Math.exp(-a));
    const h1 = swish(x + 1 + 0.5); // 1.8
    const h2 = swish(-y + 2 - 0.25); // 2.45
    const expected = [(2 * h1 + h2 + 0.1) / sigma, (-h2 - 0.2) / sigma];
    const out = new Float32Array(2);
    learnedPlaneScore(params, 1)(Float32Array.from([x, y]), out, sigma);
    expect(out[0]).toBeCloseTo(expected[0], 6);
    expect(out[1]).toBeCloseTo(expected[1], 6);
  });

  it('equals a naive loop on random parameters, pair by pair, at every σ asked and at the default σ', () => {
    for (const [width, depth] of [
      [5, 1],
      [7, 3],
    ]) {
      const params = randomPlaneParams(width, depth, 10 * width + depth, 0.8);
      const score = learnedPlaneScore(params, 0.4);
      const rng = createRng(3);
      const xs = Float32Array.from({ length: 60 }, () => 3 * rng.normal());
      const out = new Float32Array(60);
      for (const sigma of [0.05, 0.4, 2, 9, undefined]) {
        score(xs, out, sigma);
        for (let i = 0; i < 60; i += 2) {
          const [sx, sy] = naiveScore(params, xs[i], xs[i + 1], sigma ?? 0.4);
          // Float32 output of Float64 sums: relative agreement to Float32's precision.
          expect(Math.abs(out[i] - sx)).toBeLessThan(1e-5 * (1 + Math.abs(sx)));
          expect(Math.abs(out[i + 1] - sy)).toBeLessThan(1e-5 * (1 + Math.abs(sy)));
        }
      }
    }
  });

  it('refuses parameters with another layout, and σ ≤ 0', () => {
    const good = randomPlaneParams(4, 2, 1, 0.8);
    expect(() => learnedPlaneScore(good, 0.1)).not.toThrow();
    expect(() => learnedPlaneScore(good.slice(0, 5), 0.1)).toThrow(/2·depth \+ 2/);
    expect(() => learnedPlaneScore([], 0.1)).toThrow();
    const renamed = good.map((p, i) => (i === 2 ? { ...p, name: 'hidden9.weight' } : p));
    expect(() => learnedPlaneScore(renamed, 0.1)).toThrow(/expected hidden1.weight/);
    const reshaped = good.map((p, i) => (i === 0 ? { ...p, shape: [2, 4] } : p));
    expect(() => learnedPlaneScore(reshaped, 0.1)).toThrow(/expected hidden0.weight \[3,4\]/);
    const short = good.map((p, i) => (i === 5 ? { ...p, values: new Float32Array(1) } : p));
    expect(() => learnedPlaneScore(short, 0.1)).toThrow(/out.bias holds 1/);
    const threeOut = good.map((p, i) => (i === 4 ? { ...p, shape: [4, 3] } : p));
    expect(() => learnedPlaneScore(threeOut, 0.1)).toThrow(/expected out.weight \[4,2\]/);
    expect(() => learnedPlaneScore(good, 0)).toThrow(/positive/);
    expect(() => learnedPlaneScore(good, 0.1)(new Float32Array(2), new Float32Array(2), -1)).toThrow(
      /positive/,
    );
  });

  it('takes the smallest trained σ: σ_min of the ncsn ladder, the one σ of the other objectives', () => {
    const config = { ...DEFAULT_PLANE_TRAIN_CONFIG, smin: 0.2, smax: 6, sigma: 0.7 };
    expect(smallestTrainedSigma({ ...config, objective: 'ncsn' })).toBe(0.2);
    for (const objective of ['dsm', 'esm', 'ism', 'ssm'] as const)
      expect(smallestTrainedSigma({ ...config, objective })).toBe(0.7);
  });
});

describe('sampling the plane with a learned score', () => {
  const base: PlaneRunConfig = {
    sampler: 'langevin',
    mixture: MIXTURE_2D_PRESETS.default,
    n: 2000,
    eps: 0.01,
    steps: 1500,
    T: 10,
    smin: 0.1,
    smax: 4,
    levels: 5,
    init: { kind: 'uniform', a: -4, b: 4 },
    seed: 7,
  };
  /**
   * A network whose score is that of N(0, v I) wherever |x|, |y| < 30: swish(a) = a − a/(1 + e^{a}) equals a to
   * within 50·e^{−20} for a ≥ 20, so with hidden units swish(x + 50) and swish(y + 50) (log σ weighted 0) the
   * output −c (h − 50) is linear, and c = σ/v makes net/σ = −x/v at the σ it is asked at.
   */
  function gaussianNet(v: number, sigma: number): PlaneLearnedModel {
    const c = sigma / v;
    return {
      params: [
        param('hidden0.weight', [3, 2], [1, 0, 0, 1, 0, 0]),
        param('hidden0.bias', [2], [50, 50]),
        param('out.weight', [2, 2], [-c, 0, 0, -c]),
        param('out.bias', [2], [50 * c, 50 * c]),
      ],
      sigmaMin: sigma,
      sigmaMax: sigma,
      step: 12,
      version: 1,
    };
  }

  it('plain Langevin on the network of N(0, v I) at its smallest σ samples that Gaussian, not the mixture', () => {
    const v = 0.5;
    const run = new PlaneRun({ ...base, learned: gaussianNet(v, 0.3) });
    run.step(base.steps);
    const xs = run.positions;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < xs.length; i++) {
      sum += xs[i];
      sq += xs[i] * xs[i];
    }
    const mean = sum / xs.length;
    const variance = sq / xs.length - mean * mean;
    // Langevin with step α on a Gaussian of variance v is stationary at v / (1 − α/(4v)) = 0.5025; from the
    // start's variance 16/3 the excess decays like (1 − α/(2v))^(2k), e^{−30} after 1500 steps. 4000 coordinates:
    // the variance's standard error is about v √(2/4000) ≈ 0.011, the mean's √(v/4000) ≈ 0.011.
    expect(variance).toBeGreaterThan(0.5025 - 0.05);
    expect(variance).toBeLessThan(0.5025 + 0.05);
    expect(Math.abs(mean)).toBeLessThan(0.05);
  });

  it('runs annealed on the network and refuses the samplers whose σ range its one level does not cover', () => {
    const learned = gaussianNet(1, 0.1);
    const run = new PlaneRun({ ...base, sampler: 'annealed', learned });
    run.step(run.stage().totalSteps);
    expect(run.done).toBe(true);
    expect(Array.from(run.positions).every(Number.isFinite)).toBe(true);
    for (const sampler of ['ddpm', 'sde', 'ode', 'pc'] as const)
      expect(() => new PlaneRun({ ...base, sampler, steps: 5, learned })).toThrow(/trained on σ = 0.1\./);
    expect(() => new PlaneRun({ ...base, sampler: 'fm', steps: 5, learned })).toThrow(/velocity/);
  });
});
