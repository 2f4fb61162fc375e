/**
 * Throughput of the fused samplers beside the tensor-ops sampler on the same WebGPU adapter, for
 * bench/fused-sampling.mjs (which bundles this file and serves it through page.route, as the e2e probe is): the
 * learned score (the train page's default 2→64→64→1 network, seeded weights) at 10⁵ particles, fused and as tf ops
 * on TF.js's WebGPU backend, and the exact score fused at 10⁶ particles; and flow matching's Heun on the same
 * network as a velocity, fused and as tf ops (AsyncFlowRun), at 10⁵. particle-steps/s over the measured steps
 * only (the first chunk, which compiles the kernels, is a warm-up), readbacks of the run's records included.
 */
import { splitParams } from '../../src/engine/gpu/network';
import { FusedParticleRun, type FusedScore } from '../../src/engine/tf/fused/samplerRun';
import { registerWebGpu } from '../../src/engine/tf/webgpu';
import { tf } from '../../src/engine/tf/core';
import { LearnedTensorScore, TensorParticleRun, type ParticleRun } from '../../src/engine/tf/sampling';
import { paramLayout } from '../../src/engine/tf/net';
import { DEFAULT_MIXTURE } from '../../src/engine/mixture';
import { planRun, type SamplingSpec } from '../../src/engine/sampling/plan';
import { DEFAULT_TRAIN_CONFIG } from '../../src/engine/training/config';
import { device, randomNet } from './probe';
import { buildSamplerPlan } from '../../src/engine/gpu/samplerPlan';
import { diffusionRows, packRows } from '../../src/engine/gpu/samplerSchedule';
import { fusedFieldKind } from '../../src/engine/gpu/diffusionSupport';
import { PlanRunner } from '../../src/engine/tf/fused/planRunner';
import { runDiffusionChunk, SAMPLER_STREAM } from '../../src/engine/tf/fused/samplerRun';
import { ScoreNet } from '../../src/engine/tf/net';
import { epsAt } from '../../src/engine/tf/eps/evaluate';
import { runSeeds } from '../../src/engine/sampling/seeds';
import { AsyncFlowRun } from '../../src/engine/flow';
import { flowProcess } from '../../src/engine/flow/process';

const spec = (n: number, steps: number): SamplingSpec => ({
  kind: 'langevin',
  mixture: DEFAULT_MIXTURE.map((c) => ({ ...c })),
  n,
  eps: 0.01,
  steps,
  init: { kind: 'uniform', a: -3, b: 3 },
  seed: 1,
  snapshotRange: { lo: -5, hi: 5, bins: 40 },
  tracks: 40,
});

/** Steps `warm` then `steps` more, one advance each (the run picks its own chunks); rate of the second part. */
async function rate(run: ParticleRun, warm: number, steps: number): Promise<number> {
  await run.advance(warm, 60_000);
  const t0 = performance.now();
  let done = 0;
  while (done < steps) done += await run.advance(steps - done, 60_000);
  const seconds = (performance.now() - t0) / 1000;
  run.dispose();
  return (run.n * done) / seconds;
}

const config = { ...DEFAULT_TRAIN_CONFIG };
const shape = { width: config.width, depth: config.depth };
const flat = randomNet(shape.width, shape.depth, 3);
const params = splitParams(shape, flat).map((values, i) => ({ ...paramLayout(shape)[i], values }));
const learned: FusedScore = { kind: 'learned', config, params };

async function fusedLearned(n: number, steps: number) {
  const run = await FusedParticleRun.create(await device(), planRun(spec(n, steps + 2)), learned);
  return rate(run, 2, steps);
}

async function opsLearned(n: number, steps: number) {
  // backend.ts's initBackend imports the wasm files through Vite's ?url; only WebGPU is needed here.
  await registerWebGpu({ allowFallbackAdapter: true, onLost: () => undefined });
  if (!(await tf.setBackend('webgpu'))) throw new Error('the WebGPU backend did not start');
  const choice = { name: tf.getBackend(), reason: 'webgpu' };
  const score = new LearnedTensorScore({ config, step: 0, dataGeneration: 0, params });
  const run = new TensorParticleRun(planRun(spec(n, steps + 1)), { score });
  const r = await rate(run, 1, steps);
  score.dispose();
  return { rate: r, backend: choice.name, reason: choice.reason };
}

async function fusedExact(n: number, steps: number) {
  const run = await FusedParticleRun.create(await device(), planRun(spec(n, steps + 2)), { kind: 'exact' });
  return rate(run, 2, steps);
}

/** Flow matching's Heun on the same seeded velocity network, fused: one warm-up step (compiles), then `steps`. */
async function fusedFlowLearned(n: number, steps: number) {
  const sampler = { kind: 'flow' as const, solver: 'heun' as const };
  const init = runSeeds(1).init;
  const plan = buildSamplerPlan({
    score: fusedFieldKind(sampler, shape),
    mixture: DEFAULT_MIXTURE,
    net: flat,
    schedule: packRows(diffusionRows(flowProcess(), sampler, steps + 1)),
    initial: Float32Array.from({ length: n }, () => init.normal()),
    trackCount: 0,
    weightStride: 0,
    maxRecords: 0,
    maxGather: 1,
  });
  const runner = new PlanRunner(await device(), plan);
  const options = { fields: { n, key0: 1, key1: SAMPLER_STREAM, bound: 1e6 } };
  await runDiffusionChunk(runner, options, 0, 1);
  const t0 = performance.now();
  const { committed } = await runDiffusionChunk(runner, options, 1, steps);
  const seconds = (performance.now() - t0) / 1000;
  runner.dispose();
  return (n * committed) / seconds;
}

/** The same run as tensor ops: AsyncFlowRun awaiting the network on TF.js's WebGPU backend (tf/eps/evaluate.ts). */
async function opsFlowLearned(n: number, steps: number) {
  await registerWebGpu({ allowFallbackAdapter: true, onLost: () => undefined });
  if (!(await tf.setBackend('webgpu'))) throw new Error('the WebGPU backend did not start');
  const net = ScoreNet.fromParams(shape, params);
  const process = flowProcess();
  const run = new AsyncFlowRun({ solver: 'heun', steps: steps + 1, n, seed: 1 }, (xs, t) =>
    epsAt(net, process, xs, t),
  );
  await run.step(1);
  const t0 = performance.now();
  await run.step(steps);
  const seconds = (performance.now() - t0) / 1000;
  net.dispose();
  return { rate: (n * steps) / seconds, backend: tf.getBackend() };
}

declare global {
  interface Window {
    gpuBench: Record<string, (...args: never[]) => Promise<unknown>>;
  }
}

window.gpuBench = { fusedLearned, opsLearned, fusedExact, fusedFlowLearned, opsFlowLearned };
document.title = 'gpu bench ready';
