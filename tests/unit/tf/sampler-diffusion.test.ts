/**
 * Learned-score diffusion sampling lives in the sampler worker: there, on the ε-model copied in through its model
 * file, a job gives bit for bit the result that runLearnedJob gives on the training worker's own Trainer, and a
 * newer job supersedes an older one (which replies null).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffusionJob, JobProgress, JobResult } from '../../../src/engine/diffusion/job';
import { learnedStepsCurves } from '../../../src/engine/flow/learnedSteps';
import { learnedField, runLearnedJob } from '../../../src/engine/tf/eps/learnedJob';
import { Trainer } from '../../../src/engine/tf/trainer';
import { SamplerClient } from '../../../src/worker/samplerClient';
import type { SamplerEvent, SamplerRequest } from '../../../src/worker/samplerProtocol';
import { SamplerService } from '../../../src/worker/samplerService';
import { InProcessWorker } from '../inProcessWorker';
import { LearnedDiffusion } from '../../../src/worker/learnedDiffusion';
import { parseModelFile } from '../../../src/engine/tf/modelFile';
import type { EngineEvent } from '../../../src/worker/samplerProtocol';
import { gaussianConfig, useCpu } from './helpers';

const client = new SamplerClient(
  new InProcessWorker<SamplerRequest, SamplerEvent>((host) => new SamplerService(host)),
);
afterAll(() => client.terminate());

const process = { sde: 'ddpm', schedule: 'linear', T: 100 } as const;
const job: DiffusionJob = {
  process,
  sampler: { kind: 'ancestral', variance: 'betaTilde' },
  steps: 40,
  n: 500,
  seed: 4,
  mixture: [{ weight: 1, mean: 1, std: 0.5 }],
  tracks: 6,
  range: [-4, 4],
  bins: 40,
};

/** A result without its wall-clock fields, which differ run to run. */
function samples(result: JobResult | null) {
  if (!result) return result;
  const { seconds: _s, particleStepsPerSec: _p, ...rest } = result;
  return rest;
}

let trainer: Trainer;
beforeAll(async () => {
  await useCpu();
  trainer = new Trainer(
    gaussianConfig({ objective: 'eps', diffusion: process, width: 8, depth: 1, batch: 64 }),
  );
  await trainer.train(20);
  await client.loadModel(await trainer.save());
});
afterAll(() => trainer.dispose());

describe('learned-score diffusion in the sampler worker', () => {
  it('gives the training worker’s result bit for bit, with progress on the way', async () => {
    const progress: JobProgress[] = [];
    const here = await client.sampleDiffusion(job, 'cpu', (p) => progress.push(p));
    const there = await runLearnedJob(trainer, job, {});
    expect(here).not.toBeNull();
    expect(samples(here)).toEqual(samples(there));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.totalSteps === 40 && p.step > 0 && p.step <= 40)).toBe(true);
  });

  it('a newer job supersedes an older one, which replies null', async () => {
    const older = client.sampleDiffusion({ ...job, steps: 100 }, 'cpu');
    const newer = client.sampleDiffusion({ ...job, seed: 5 }, 'cpu');
    expect(await older).toBeNull();
    expect(samples(await newer)).toEqual(samples(await runLearnedJob(trainer, { ...job, seed: 5 }, {})));
  });

  it('reports the tensor engine; on WebGPU whose fused kernels fail, runs the ops instead and says why, once', async () => {
    const engines: SamplerEvent[] = [];
    const off = client.on('engine', (e) => engines.push(e));
    await client.sampleDiffusion(job, 'cpu');
    off();
    expect(engines.map((e) => e.type === 'engine' && [e.engine, e.backend])).toEqual([['tensor', 'cpu']]);
    // Node has no WebGPU: a job on a backend that says webgpu tries the fused kernels, which cannot start.
    const parsed = parseModelFile(await trainer.save());
    if (!parsed.ok) throw new Error(parsed.error);
    const posted: EngineEvent[] = [];
    const context = {
      choice: { name: 'webgpu' as const, reason: 'asked for WebGPU', fallbacks: [] },
      model: parsed.model,
      eps: () => trainer,
      host: { post: (e: EngineEvent) => posted.push(e) },
    };
    const diffusion = new LearnedDiffusion();
    expect(diffusion.fuses(context.choice, job)).toBe(true);
    const result = await diffusion.run(context, job, {});
    expect(samples(result)).toEqual(samples(await runLearnedJob(trainer, job, {})));
    expect(posted.map((e) => e.engine)).toEqual(['fused', 'tensor']);
    expect(posted[1].engineReason).toMatch(/fused GPU sampler failed on webgpu: no WebGPU/);
    expect(posted[1].fallbacks.join(' ')).toMatch(/fused GPU sampler failed/);
    // Later jobs go straight to the ops, still saying why.
    expect(diffusion.fuses(context.choice, job)).toBe(false);
    await diffusion.run(context, { ...job, seed: 9 }, {});
    expect(posted.map((e) => e.engine)).toEqual(['fused', 'tensor', 'tensor']);
    expect(posted[2].engineReason).toMatch(/no WebGPU/);
  });

  it('refuses a job on another process than the model’s', async () => {
    await expect(
      client.sampleDiffusion({ ...job, process: { sde: 'vp' } as DiffusionJob['process'] }, 'cpu'),
    ).rejects.toThrow(/another process/);
  });
});

describe('learned W1-against-steps curves in the sampler worker', () => {
  const request = { mixture: gaussianConfig().mixture, seed: 2, n: 300, stepCounts: [2, 8] };
  const tiny = { width: 8, depth: 1, batch: 64 };
  let fm: Trainer;
  let vp: Trainer;
  beforeAll(async () => {
    vp = new Trainer(gaussianConfig({ objective: 'eps', diffusion: { ...process, sde: 'vp' }, ...tiny }));
    fm = new Trainer(gaussianConfig({ objective: 'eps', diffusion: { ...process, sde: 'fm' }, ...tiny }));
    await vp.train(10);
    await fm.train(10);
  });
  afterAll(() => {
    fm.dispose();
    vp.dispose();
  });

  it('draws the velocity model’s and the VP ε-model’s curves, the VP one kept after the velocity model is loaded', async () => {
    await client.loadModel(await vp.save());
    const vpOnly = await client.learnedSteps(request, 'cpu');
    expect(vpOnly.models).toEqual({ fm: false, vp: true });
    await client.loadModel(await fm.save());
    const both = await client.learnedSteps(request, 'cpu');
    expect(both.models).toEqual({ fm: true, vp: true });
    const here = await learnedStepsCurves({
      ...request,
      velocity: learnedField(fm, fm.config.diffusion!),
      vpScore: learnedField(vp, vp.config.diffusion!),
    });
    expect(both.curves).toEqual(here);
    expect(vpOnly.curves).toEqual(here!.filter((c) => c.id.startsWith('vp')));
  });

  it('reflows the velocity model: progress, both models’ paths from the same noise and the new curves', async () => {
    const ask = { ...request, pairs: 256, pairSteps: 8, trainSteps: 150 };
    await client.loadModel(await vp.save());
    await expect(client.reflow(ask, 'cpu')).rejects.toThrow(/needs a velocity model/);
    await client.loadModel(await fm.save());
    const progress: number[] = [];
    const outcome = (await client.reflow(ask, 'cpu', (step) => progress.push(step)))!;
    expect(progress).toEqual([100, 150]);
    expect(outcome.w1VsSteps.map((c) => c.id)).toEqual(['reflow-heun-learned', 'reflow-euler-learned']);
    expect(outcome.w1VsSteps[0].steps).toEqual([2, 8]);
    for (const read of [outcome.before, outcome.after]) {
      expect(read.paths).toHaveLength(24);
      expect(read.paths.every((p) => p.length === read.times.length)).toBe(true);
      expect(read.straightness).toBeGreaterThanOrEqual(1);
    }
    // Same starting noise for both models; the trained copy moves it elsewhere.
    expect(outcome.after.paths.map((p) => p[0])).toEqual(outcome.before.paths.map((p) => p[0]));
    expect(outcome.after.paths.map((p) => p.at(-1))).not.toEqual(outcome.before.paths.map((p) => p.at(-1)));
    expect(Number.isFinite(outcome.finalLoss)).toBe(true);
  });

  it('draws no curve for a mixture the models were not trained on', async () => {
    const other = { ...request, mixture: [{ weight: 1, mean: -3, std: 1 }] };
    const reply = await client.learnedSteps(other, 'cpu');
    expect(reply.models).toEqual({ fm: false, vp: false });
    expect(reply.curves).toEqual([]);
  });
});
