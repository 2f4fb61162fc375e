/**
 * The exact-score diffusion worker's service driven through its real client and rpc.ts, in process: the result is
 * the engine's own runDiffusionJob result, progress reaches the run it belongs to, and a newer run supersedes an
 * older one (whose caller gets null).
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  runDiffusionJob,
  type DiffusionJob,
  type JobProgress,
  type JobResult,
} from '../../src/engine/diffusion/job';
import { DEFAULT_MIXTURE } from '../../src/engine/mixture';
import { DiffusionClient } from '../../src/worker/diffusionClient';
import type { DiffusionEvent, DiffusionRequest } from '../../src/worker/diffusionProtocol';
import { DiffusionService } from '../../src/worker/diffusionService';
import { InProcessWorker } from './inProcessWorker';

const client = new DiffusionClient(
  new InProcessWorker<DiffusionRequest, DiffusionEvent>((host) => new DiffusionService(host)),
);
afterAll(() => client.terminate());

/** A result without its wall-clock fields (seconds, particle steps per second), which differ run to run. */
function samples(result: JobResult | null) {
  if (!result) return result;
  const { seconds, particleStepsPerSec, ...rest } = result;
  expect(seconds).toBeGreaterThan(0);
  expect(particleStepsPerSec).toBeGreaterThan(0);
  return rest;
}

// The VP SDE's probability-flow ODE (Heun) on a two-mode mixture: a small, deterministic job.
const job: DiffusionJob = {
  process: { sde: 'vp', schedule: 'linear', T: 1000 },
  sampler: { kind: 'ode', solver: 'heun' },
  steps: 100,
  n: 1500,
  seed: 1,
  mixture: DEFAULT_MIXTURE.map((c) => ({ ...c })),
  tracks: 5,
  range: [-6, 6],
  bins: 60,
};

describe('diffusion worker', () => {
  it('answers a run with the engine’s result, and reports its progress on the way', async () => {
    const progress: JobProgress[] = [];
    const result = await client.run(job, (p) => progress.push(p));
    expect(samples(result)).toEqual(samples(await runDiffusionJob(job)));
    expect(progress.length).toBeGreaterThan(0);
    expect(
      progress.every((p) => p.totalSteps === result!.totalSteps && p.step > 0 && p.step <= p.totalSteps),
    ).toBe(true);
    expect(progress.every((p, i) => i === 0 || p.step >= progress[i - 1].step)).toBe(true);
  });

  it('a newer run supersedes the one in flight: the older caller gets null, the newer its result', async () => {
    const olderProgress: JobProgress[] = [];
    const older = client.run({ ...job, steps: 1000 }, (p) => olderProgress.push(p));
    const newer = client.run({ ...job, seed: 2 });
    expect(await older).toBeNull();
    const seenByOlder = olderProgress.length;
    expect(samples(await newer)).toEqual(samples(await runDiffusionJob({ ...job, seed: 2 })));
    // The older run's progress stopped when it was superseded.
    expect(olderProgress.length).toBe(seenByOlder);
  });

  it('rejects with the worker’s message when a job cannot run', async () => {
    await expect(
      client.run({ ...job, process: { sde: 'nope' } } as unknown as DiffusionJob),
    ).rejects.toThrow();
  });
});
