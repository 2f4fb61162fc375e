/**
 * Predictor–corrector in the order of Song et al. 2021, Algorithms 2–3: for each level, one predictor step from
 * t down to t', then M Langevin corrector steps at the new level t' (never a corrector before the first predictor).
 */
import { describe, expect, it } from 'vitest';
import {
  correctorAlpha,
  DEFAULT_VP,
  DiffusionRun,
  discreteProcess,
  exactProcessScore,
  vpProcess,
  type DiffusionProcess,
  type TimeScore,
} from '../../src/engine/diffusion';
import { DEFAULT_MIXTURE } from '../../src/engine/mixture';
import { NormalStream } from '../../src/engine/sampling/normalStream';
import { runSeeds } from '../../src/engine/sampling/seeds';
import { buildSchedule } from '../../src/engine/schedules/schedule';

/** The exact score, recording the time of every batch call. */
function recording(process: DiffusionProcess): { score: TimeScore; times: number[] } {
  const exact = exactProcessScore(DEFAULT_MIXTURE, process);
  const times: number[] = [];
  return {
    times,
    score: (xs, t, out) => {
      times.push(t);
      exact(xs, t, out);
    },
  };
}

describe('predictor–corrector order', () => {
  it('VP SDE: predictor at t, then M correctors at the new level t′, down to the end time', () => {
    const process = vpProcess();
    const { score, times } = recording(process);
    const run = new DiffusionRun({
      process,
      score,
      sampler: { kind: 'pc', correctorSteps: 2 },
      steps: 4,
      n: 50,
      seed: 3,
    });
    run.run();
    const grid = Array.from(run.times);
    const expected: number[] = [];
    for (let k = 0; k < 4; k++) expected.push(grid[k], grid[k + 1], grid[k + 1]);
    expect(times).toEqual(expected);
    // The first call is the predictor at t = 1, on the prior draws: no corrector runs at t = 1.
    expect(times[0]).toBe(1);
  });

  it('a discrete schedule ends on the predictor: no corrector at t = 0, the data itself', () => {
    const process = discreteProcess(buildSchedule('linear', 10));
    const { score, times } = recording(process);
    new DiffusionRun({ process, score, sampler: { kind: 'pc' }, steps: 10, n: 20, seed: 1 }).run();
    expect(times).toHaveLength(10 + 9);
    expect(times[times.length - 1]).toBeCloseTo(0.1, 15);
    expect(times.slice(0, 3)).toEqual([1, 0.9, 0.9]);
  });

  it('one level by hand: x′ = (x + σ² s(x, 1))/α, then x″ = x′ + ε s(x′, ε₀) + √(2ε) z', () => {
    const process = vpProcess();
    const exact = exactProcessScore(DEFAULT_MIXTURE, process);
    const start = [-2.5, -1, 0, 0.4, 1.7];
    const seed = 11;
    const snr = 0.16;
    const run = new DiffusionRun({
      process,
      score: exact,
      sampler: { kind: 'pc', snr, correctorSteps: 1 },
      steps: 1,
      n: start.length,
      seed,
      start,
    });
    run.run();

    const tEnd = DEFAULT_VP.tEnd;
    // VP: B(t) = β_min t + ½ (β_max − β_min) t²; the forward step tEnd → 1 keeps α = e^(−(B(1) − B(tEnd))/2).
    const B = (t: number) => DEFAULT_VP.betaMin * t + 0.5 * (DEFAULT_VP.betaMax - DEFAULT_VP.betaMin) * t * t;
    const alpha = Math.exp(-0.5 * (B(1) - B(tEnd)));
    const sigma2 = 1 - alpha * alpha;
    const s1 = new Float64Array(start.length);
    exact(Float64Array.from(start), 1, s1);
    // The predictor's last step adds no noise.
    const predicted = Float64Array.from(start, (x, i) => (x + sigma2 * s1[i]) / alpha);
    // The corrector at tEnd draws the run's first step noise; its α is the signal kept by the forward step of
    // the same width ending at tEnd, clamped at 0: a(tEnd)² = e^(−B(tEnd)).
    const z = new Float64Array(start.length);
    new NormalStream(runSeeds(seed).noiseSeed).fill(z);
    const g = new Float64Array(start.length);
    exact(predicted, tEnd, g);
    const zNorm = z.reduce((a, v) => a + Math.abs(v), 0);
    const gNorm = g.reduce((a, v) => a + Math.abs(v), 0);
    const eps = 2 * Math.exp(-B(tEnd)) * ((snr * zNorm) / gNorm) ** 2;
    const corrected = predicted.map((x, i) => x + eps * g[i] + Math.sqrt(2 * eps) * z[i]);
    Array.from(run.particles).forEach((x, i) => expect(x).toBeCloseTo(corrected[i], 12));
    // And the other order (corrector at t = 1 first) would land elsewhere.
    expect(Math.max(...Array.from(run.particles, (x, i) => Math.abs(x - predicted[i])))).toBeGreaterThan(
      1e-4,
    );
  });

  it('on a full discrete grid the corrector α at level k is α_k = 1 − β_k', () => {
    const schedule = buildSchedule('linear', 10);
    if (schedule.family !== 'vp') throw new Error('linear is a VP schedule');
    const process = discreteProcess(schedule);
    for (let k = 1; k < 10; k++) {
      expect(correctorAlpha(process, (k + 1) / 10, k / 10)).toBeCloseTo(1 - schedule.beta[k - 1], 12);
    }
  });
});
