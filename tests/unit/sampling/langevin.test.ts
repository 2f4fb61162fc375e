import { describe, expect, it } from 'vitest';
import { ksStatistic, sampleMean, wasserstein1 } from '../../../src/engine/metrics';
import { DEFAULT_MIXTURE, type Mixture } from '../../../src/engine/mixture';
import type { BatchScore } from '../../../src/engine/sampling/batchScore';
import { createLangevinRun } from '../../../src/engine/sampling/langevin';
import { DEFAULT_LANGEVIN } from '../../../src/engine/sampling/presets';
import { computeRunMetrics } from '../../../src/engine/sampling/runMetrics';

const MU = 1;
const S = 0.7;
const GAUSSIAN: Mixture = [{ weight: 1, mean: MU, std: S }];

/**
 * For a Gaussian target the Langevin chain is linear, x' − μ = (1 − ε/(2s²))(x − μ) + √ε z, so its stationary
 * law is exactly N(μ, V_ε) with V_ε = s² / (1 − ε/(4s²)): the discretisation bias is V_ε − s² ≈ ε/4.
 */
const stationaryVariance = (eps: number) => (S * S) / (1 - eps / (4 * S * S));

function runGaussian(eps: number, steps: number, n: number) {
  const run = createLangevinRun({
    mixture: GAUSSIAN,
    n,
    eps,
    steps,
    init: { kind: 'uniform', a: -3, b: 3 },
    seed: 7,
    trajectories: false,
  });
  run.step(steps);
  const xs = run.particles;
  const mean = sampleMean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { run, xs, mean, variance: ss / n };
}

describe('Langevin with the exact score on N(1, 0.7²)', () => {
  const n = 100_000;

  it('reaches the mean and variance within sampling noise plus the O(ε) bias (ε = 0.05)', () => {
    const eps = 0.05;
    // Relaxation factor 1 − ε/(2s²) = 0.949 per step: after 400 steps the start (mean 0, variance 3) is
    // forgotten to e^(−21).
    const { mean, variance } = runGaussian(eps, 400, n);
    const v = stationaryVariance(eps); // 0.5028
    console.info(
      `N(1, 0.49), ε = ${eps}: mean ${mean.toFixed(4)}, variance ${variance.toFixed(4)} (V_ε = ${v.toFixed(4)})`,
    );
    // Standard errors for n independent particles: √(V/n) for the mean, V √(2/n) for the variance.
    const seMean = Math.sqrt(v / n);
    const seVar = v * Math.sqrt(2 / n);
    expect(Math.abs(mean - MU)).toBeLessThan(5 * seMean);
    expect(Math.abs(variance - v)).toBeLessThan(5 * seVar);
    // Against the target itself the tolerance is the bias s²/(1 − ε/(4s²)) − s² = 0.0128 plus 5 SE.
    expect(Math.abs(variance - S * S)).toBeLessThan(v - S * S + 5 * seVar);
  });

  it('shows exactly the predicted discretisation bias at a large step (ε = 0.2) and is N(μ, V_ε)', () => {
    const eps = 0.2;
    const { xs, mean, variance } = runGaussian(eps, 150, n);
    const v = stationaryVariance(eps); // 0.5457, 11% above s² = 0.49
    console.info(
      `N(1, 0.49), ε = ${eps}: mean ${mean.toFixed(4)}, variance ${variance.toFixed(4)} (V_ε = ${v.toFixed(4)})`,
    );
    const seVar = v * Math.sqrt(2 / n);
    expect(Math.abs(mean - MU)).toBeLessThan(5 * Math.sqrt(v / n));
    expect(Math.abs(variance - v)).toBeLessThan(5 * seVar);
    expect(variance - S * S).toBeGreaterThan(10 * seVar);
    // The whole law, not just two moments: KS against N(1, V_ε) below its 1% critical value 1.628/√n.
    expect(ksStatistic(xs, [{ weight: 1, mean: MU, std: Math.sqrt(v) }])).toBeLessThan(1.628 / Math.sqrt(n));
  });
});

describe('the lecture example (default mixture, 10⁴ particles uniform on [−3, 3], 100 steps)', () => {
  it('moves onto the mixture: W1 after 100 steps is small, but the mode weights keep the initial split', () => {
    const run = createLangevinRun({ ...DEFAULT_LANGEVIN, trajectories: false });
    const w1Start = wasserstein1(run.particles, DEFAULT_MIXTURE);
    run.step(DEFAULT_LANGEVIN.steps);
    expect(run.done).toBe(true);
    const m = computeRunMetrics(run.particles, DEFAULT_MIXTURE, { step: run.currentStep });
    console.info(
      `lecture example, ε = ${DEFAULT_LANGEVIN.eps}: W1 ${w1Start.toFixed(4)} → ${m.w1.toFixed(4)} after ` +
        `${m.step} steps; KS ${m.ks.toFixed(4)}; weights ${m.modeWeights.map((w) => w.toFixed(3)).join('/')}`,
    );
    expect(m.step).toBe(100);
    expect(m.n).toBe(10_000);
    // Expected W1 ≈ 4 × |0.4 − w_left| with w_left = 0.37 ± 0.005 (the basin split of the start): ≈ 0.12 ± 0.02,
    // against 0.66 for the uniform start. The bound leaves 3 such standard deviations.
    expect(m.w1).toBeLessThan(0.18);
    expect(m.w1).toBeLessThan(w1Start / 4);
    // The honest failure: the narrow mode keeps ≈ 0.37 of the particles, not 0.4.
    expect(0.4 - m.modeWeights[1]).toBeGreaterThan(0.015);
    expect(Math.abs(m.mean - 0.4)).toBeLessThan(0.3);
  });
});

describe('runs are deterministic and chunking never changes them', () => {
  const config = { ...DEFAULT_LANGEVIN, n: 2000, steps: 60, trajectories: { count: 5 } };

  it('gives identical particles for the same seed, whether stepped at once or one step at a time', () => {
    const a = createLangevinRun(config);
    const b = createLangevinRun(config);
    a.step(60);
    for (let i = 0; i < 60; i++) b.step(1);
    expect(Array.from(b.particles)).toEqual(Array.from(a.particles));
    expect(b.trajectories?.snapshot()).toEqual(a.trajectories?.snapshot());
    const c = createLangevinRun({ ...config, seed: 2 });
    c.step(60);
    expect(Array.from(c.particles)).not.toEqual(Array.from(a.particles));
  });

  it('stops at its step count and reports its state', () => {
    const run = createLangevinRun(config);
    expect(run.step(25)).toBe(25);
    expect(run.state()).toMatchObject({ step: 25, totalSteps: 60, done: false, level: 0, stepSize: 0.02 });
    expect(run.step(1000)).toBe(35);
    expect(run.done).toBe(true);
    expect(run.step(5)).toBe(0);
    const snap = run.trajectories!.snapshot();
    expect(snap.steps[0]).toBe(0);
    expect(snap.steps[snap.steps.length - 1]).toBe(60);
    expect(snap.positions[snap.positions.length - 1]).toBe(run.particles[snap.indices[4]]);
  });
});

describe('divergence', () => {
  it('stops a run with a huge ε, names the cause, and leaves finite particles and metrics', () => {
    const run = createLangevinRun({ ...DEFAULT_LANGEVIN, eps: 100, trajectories: false });
    run.step(100);
    expect(run.done).toBe(true);
    const failure = run.divergence;
    expect(failure).not.toBeNull();
    expect(failure!.reason).toMatch(/step size ε = 100 is too large/);
    expect(failure!.reason).toMatch(/widest component \(s = 0\.5\) needs ε < 1/);
    expect(failure!.reason).toMatch(/narrowest \(s = 0\.2\) ε < 0\.16/);
    expect(run.state().divergence).toEqual(failure);
    expect(run.currentStep).toBe(failure!.step - 1);
    expect(run.particles.every((x) => Number.isFinite(x))).toBe(true);
    const m = computeRunMetrics(run.particles, DEFAULT_MIXTURE, { step: run.currentStep });
    for (const v of [m.w1, m.ks, m.mean, m.std, ...m.modeWeights]) expect(Number.isFinite(v)).toBe(true);
  });

  it('catches a score that returns NaN with a generic reason', () => {
    const broken: BatchScore = (xs, out) => out.fill(NaN, 0, xs.length);
    const run = createLangevinRun({ ...DEFAULT_LANGEVIN, n: 100, score: broken, trajectories: false });
    expect(run.step(10)).toBe(0);
    expect(run.divergence).toMatchObject({ step: 1, escaped: 100 });
    expect(run.divergence!.reason).toMatch(/too large for this score/);
  });

  it('does not fire for a step that is merely large (ε = 0.5 empties the narrow mode without diverging)', () => {
    const run = createLangevinRun({ ...DEFAULT_LANGEVIN, n: 2000, eps: 0.5, trajectories: false });
    run.step(100);
    expect(run.divergence).toBeNull();
    const m = computeRunMetrics(run.particles, DEFAULT_MIXTURE, { step: 100 });
    expect(m.modeWeights[1]).toBeLessThan(0.05);
  });
});
