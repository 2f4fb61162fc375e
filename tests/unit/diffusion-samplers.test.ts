import { describe, expect, it } from 'vitest';
import {
  DiffusionRun,
  discreteProcess,
  exactProcessScore,
  veProcess,
  vpProcess,
  type DiffusionProcess,
  type SamplerSpec,
} from '../../src/engine/diffusion';
import { modeWeights, sampleMean, sampleStd, wasserstein1 } from '../../src/engine/metrics';
import { DEFAULT_MIXTURE, type Mixture } from '../../src/engine/mixture';
import { buildSchedule } from '../../src/engine/schedules';

const N = 10_000;
const ddpm = discreteProcess(buildSchedule('linear', 1000));

function sample(process: DiffusionProcess, sampler: SamplerSpec, steps: number, mixture = DEFAULT_MIXTURE) {
  const run = new DiffusionRun({
    process,
    score: exactProcessScore(mixture, process),
    sampler,
    steps,
    n: N,
    seed: 1,
  });
  return { run, xs: run.run() };
}

/**
 * The noise floor: W1 of 10⁴ exact draws from the default mixture, measured over 20 seeds, lies between
 * 0.007 and 0.044 (median 0.013). Most of it is the mode weights' own sampling error (±0.005 moves mass
 * across the 4-unit gap between the modes). The bound 0.05 sits above that whole range, and far below what a
 * coarse sampler leaves (≈ 0.18 for DDPM ancestral in 10 steps).
 */
const W1_BOUND = 0.05;

describe('with the exact score and 1000 steps, on the default mixture (n = 10⁴)', () => {
  it('DDPM ancestral (linear β, T = 1000, σ² = β̃) reaches W1 < 0.05 and the mode weights ±0.03', () => {
    const { xs } = sample(ddpm, { kind: 'ancestral', variance: 'betaTilde' }, 1000);
    const w1 = wasserstein1(xs, DEFAULT_MIXTURE);
    const weights = modeWeights(xs, DEFAULT_MIXTURE);
    console.info(
      `DDPM ancestral, 1000 steps: W1 ${w1.toFixed(4)}, weights ${weights.map((w) => w.toFixed(3))}`,
    );
    expect(w1).toBeLessThan(W1_BOUND);
    expect(Math.abs(weights[0] - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(weights[1] - 0.4)).toBeLessThan(0.03);
  });

  it('the VP probability-flow ODE (Heun) reaches W1 < 0.05 and the mode weights ±0.03', () => {
    const { xs } = sample(vpProcess(), { kind: 'ode', solver: 'heun' }, 1000);
    const w1 = wasserstein1(xs, DEFAULT_MIXTURE);
    const weights = modeWeights(xs, DEFAULT_MIXTURE);
    console.info(
      `VP ODE (Heun), 1000 steps: W1 ${w1.toFixed(4)}, weights ${weights.map((w) => w.toFixed(3))}`,
    );
    expect(w1).toBeLessThan(W1_BOUND);
    expect(Math.abs(weights[0] - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(weights[1] - 0.4)).toBeLessThan(0.03);
  });
});

describe('the other samplers at 100 steps', () => {
  const cases: [string, DiffusionProcess, SamplerSpec][] = [
    ['DDPM ancestral, σ² = β', ddpm, { kind: 'ancestral', variance: 'beta' }],
    ['VP reverse SDE (Euler–Maruyama)', vpProcess(), { kind: 'sde' }],
    ['VE reverse SDE (Euler–Maruyama)', veProcess(), { kind: 'sde' }],
    ['VP predictor–corrector', vpProcess(), { kind: 'pc' }],
    ['VE predictor–corrector', veProcess(), { kind: 'pc', predictor: 'sde', correctorSteps: 1, snr: 0.16 }],
  ];
  for (const [name, process, sampler] of cases) {
    it(`${name}: W1 < 0.06, mode weights ±0.03`, () => {
      const { xs } = sample(process, sampler, 100);
      expect(wasserstein1(xs, DEFAULT_MIXTURE)).toBeLessThan(0.06);
      modeWeights(xs, DEFAULT_MIXTURE).forEach((w, k) =>
        expect(Math.abs(w - DEFAULT_MIXTURE[k].weight)).toBeLessThan(0.03),
      );
    });
  }

  it('skipping: 10 of the 1000 training steps leave a visible error, 50 much less', () => {
    const w10 = wasserstein1(sample(ddpm, { kind: 'ancestral' }, 10).xs, DEFAULT_MIXTURE);
    const w50 = wasserstein1(sample(ddpm, { kind: 'ancestral' }, 50).xs, DEFAULT_MIXTURE);
    expect(w10).toBeGreaterThan(0.1);
    expect(w50).toBeLessThan(0.6 * w10);
  });
});

describe('DDPM ancestral on Gaussian data follows its exact linear recursion', () => {
  // For data N(m, v) the exact score at t is −(x − a m)/V, V = a² v + s², so each step is linear,
  // x′ = c x + d + √w z: mean and variance follow M′ = c M + d, Q′ = c² Q + w exactly.
  const m = 1.5;
  const v = 0.3;
  const gaussian: Mixture = [{ weight: 1, mean: m, std: Math.sqrt(v) }];
  for (const variance of ['beta', 'betaTilde'] as const) {
    it(`σ² = ${variance}: sample moments match the recursion, which lands on (m, v)`, () => {
      const steps = 1000;
      const { run, xs } = sample(ddpm, { kind: 'ancestral', variance }, steps, gaussian);
      let M = 0;
      let Q = 1;
      const grid = run.times;
      for (let i = 0; i < steps; i++) {
        const [t, tNext] = [grid[i], grid[i + 1]];
        const { alpha, variance: sig2 } = ddpm.transition(t, tNext);
        const a = ddpm.a(t);
        const V = a * a * v + ddpm.s(t) ** 2;
        const c = (1 - sig2 / V) / alpha;
        const d = (sig2 * a * m) / (V * alpha);
        const last = i === steps - 1;
        const w = last ? 0 : variance === 'beta' ? sig2 : (sig2 * ddpm.s(tNext) ** 2) / ddpm.s(t) ** 2;
        M = c * M + d;
        Q = c * c * Q + w;
      }
      // Sampling noise of the moments of n = 10⁴ draws: 4.5 standard errors.
      expect(Math.abs(sampleMean(xs) - M)).toBeLessThan(4.5 * Math.sqrt(Q / N));
      expect(Math.abs(sampleStd(xs) ** 2 - Q)).toBeLessThan(4.5 * Q * Math.sqrt(2 / N));
      // The recursion itself ends on the data's mean, and within 2% of its variance: σ² = β adds a little
      // too much noise per step (+0.25% here), β̃ too little (−1.4%; with 50 skipped steps −20%), because
      // the true reverse step's variance lies between the two.
      expect(Math.abs(M - m)).toBeLessThan(1e-3 * m);
      expect(Math.abs(Q - v)).toBeLessThan(0.02 * v);
      if (variance === 'beta') expect(Q).toBeGreaterThan(v);
      else expect(Q).toBeLessThan(v);
    });
  }
});

describe('runs', () => {
  it('give the same particles stepped one at a time or all at once, and share the start across samplers', () => {
    const options = {
      process: vpProcess(),
      score: exactProcessScore(DEFAULT_MIXTURE, vpProcess()),
      steps: 40,
      n: 500,
      seed: 9,
    };
    const a = new DiffusionRun({ ...options, sampler: { kind: 'pc' } });
    const b = new DiffusionRun({ ...options, sampler: { kind: 'pc' } });
    const ode = new DiffusionRun({ ...options, sampler: { kind: 'ode' } });
    expect(Array.from(ode.particles)).toEqual(Array.from(a.particles));
    while (!a.step()) {
      /* one step at a time */
    }
    expect(Array.from(b.run())).toEqual(Array.from(a.particles));
    expect(a.stepIndex).toBe(40);
    expect(a.time).toBeCloseTo(1e-3, 15);
    // Predictor + corrector: two score calls per step.
    expect(a.scoreEvaluations).toBe(80);
  });

  it('record the tracked particles from the prior to the end', () => {
    const process = vpProcess();
    const run = new DiffusionRun({
      process,
      score: exactProcessScore(DEFAULT_MIXTURE, process),
      sampler: { kind: 'sde' },
      steps: 1000,
      n: 300,
      seed: 2,
      tracks: 12,
      maxRecords: 100,
    });
    const start = Float64Array.from(run.particles);
    run.run();
    const tr = run.trajectories();
    expect(tr.tracks).toBe(12);
    expect(tr.times.length).toBe(101);
    expect(tr.times[0]).toBe(1);
    expect(tr.times[100]).toBeCloseTo(1e-3, 15);
    expect(tr.positions.length).toBe(101 * 12);
    tr.indices.forEach((index, j) => {
      expect(tr.positions[j]).toBeCloseTo(start[index], 5);
      expect(tr.positions[100 * 12 + j]).toBeCloseTo(run.particles[index], 5);
    });
  });
});
