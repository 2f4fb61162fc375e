/**
 * Throughput of the fused samplers beside the tensor-ops sampler on the same WebGPU adapter, for
 * bench/fused-sampling.mjs (which bundles this file and serves it through page.route, as the e2e probe is): the
 * learned score (the train page's default 2→64→64→1 network, seeded weights) at 10⁵ particles, fused and as tf ops
 * on TF.js's WebGPU backend, and the exact score fused at 10⁶ particles. particle-steps/s over the measured steps
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

declare global {
  interface Window {
    gpuBench: Record<string, (...args: never[]) => Promise<unknown>>;
  }
}

window.gpuBench = { fusedLearned, opsLearned, fusedExact };
document.title = 'gpu bench ready';
