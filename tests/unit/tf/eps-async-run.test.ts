/**
 * The asynchronous runner (learned-score sampling) applies the very update rules of DiffusionRun: on the same
 * (exact) score it must give the same particles bit for bit, for every sampler, skipping included.
 */
import { describe, expect, it } from 'vitest';
import {
  DiffusionRun,
  exactProcessScore,
  type DiffusionProcess,
  type SamplerSpec,
} from '../../../src/engine/diffusion';
import { AsyncDiffusionRun } from '../../../src/engine/diffusion/asyncRun';
import { runDiffusionJob, type DiffusionJob } from '../../../src/engine/diffusion/job';
import { buildProcess } from '../../../src/engine/diffusion/processSpec';
import { DEFAULT_MIXTURE } from '../../../src/engine/mixture';

const cases: [string, DiffusionProcess, SamplerSpec, number][] = [
  [
    'DDPM ancestral β̃, 20 of 1000',
    buildProcess({ sde: 'ddpm', schedule: 'linear', T: 1000 }),
    { kind: 'ancestral' },
    20,
  ],
  [
    'DDPM ancestral β',
    buildProcess({ sde: 'ddpm', schedule: 'cosine', T: 50 }),
    { kind: 'ancestral', variance: 'beta' },
    50,
  ],
  ['VP reverse SDE', buildProcess({ sde: 'vp', schedule: 'linear', T: 2 }), { kind: 'sde' }, 30],
  ['VE ODE Heun', buildProcess({ sde: 've', schedule: 'linear', T: 2 }), { kind: 'ode', solver: 'heun' }, 25],
  [
    'VP ODE Euler',
    buildProcess({ sde: 'vp', schedule: 'linear', T: 2 }),
    { kind: 'ode', solver: 'euler' },
    25,
  ],
  [
    'VE predictor–corrector',
    buildProcess({ sde: 've', schedule: 'linear', T: 2 }),
    { kind: 'pc', correctorSteps: 2 },
    15,
  ],
];

describe('AsyncDiffusionRun matches DiffusionRun on the same score', () => {
  for (const [name, process, sampler, steps] of cases) {
    it(name, async () => {
      const score = exactProcessScore(DEFAULT_MIXTURE, process);
      const options = { process, sampler, steps, n: 300, seed: 5, tracks: 4 };
      const sync = new DiffusionRun({ ...options, score });
      sync.run();
      const asyncRun = new AsyncDiffusionRun({
        ...options,
        score: async (xs, t) => {
          const out = new Float64Array(xs.length);
          score(xs, t, out);
          return out;
        },
      });
      await asyncRun.step(asyncRun.totalSteps);
      expect(Array.from(asyncRun.particles)).toEqual(Array.from(sync.particles));
      expect(asyncRun.scoreEvaluations).toBe(sync.scoreEvaluations);
      expect(asyncRun.trajectories()).toEqual(sync.trajectories());
    });
  }
});

describe('runDiffusionJob', () => {
  const job: DiffusionJob = {
    process: { sde: 'ddpm', schedule: 'linear', T: 1000 },
    sampler: { kind: 'ancestral' },
    steps: 100,
    n: 2000,
    seed: 1,
    mixture: [...DEFAULT_MIXTURE],
    tracks: 8,
    range: [-5, 5],
    bins: 50,
  };
  it('returns the histogram, paths and metrics, deterministically', async () => {
    const a = await runDiffusionJob(job);
    const b = await runDiffusionJob(job);
    expect(a).not.toBeNull();
    expect(a!.summary!.w1).toBe(b!.summary!.w1);
    expect(a!.histogram.counts.reduce((s, c) => s + c, 0) + a!.histogram.below + a!.histogram.above).toBe(
      2000,
    );
    expect(a!.paths.positions.length).toBe(a!.paths.times.length * 8);
    expect(a!.summary!.w1).toBeLessThan(0.1);
  });

  it('reports a blown-up run with a reason and no metrics (VE Euler–Maruyama, geometric σ, 10 steps)', async () => {
    const result = await runDiffusionJob({
      ...job,
      process: { sde: 'ddpm', schedule: 'geometric', T: 1000 },
      sampler: { kind: 'sde' },
      steps: 10,
    });
    expect(result!.diverged).toMatch(/unstable/);
    // The particles stay finite (std ≈ 120 against the data's 2), so the metrics are reported, never NaN.
    expect(Number.isFinite(result!.summary!.w1)).toBe(true);
  });

  it('stops when cancelled', async () => {
    expect(await runDiffusionJob(job, { cancelled: () => true })).toBeNull();
  });
});
