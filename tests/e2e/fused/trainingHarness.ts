/**
 * Test-only entry, bundled by tests/e2e/fused-training.spec.ts and injected into a page (never part of the app's
 * build): runs a fused training plan on the browser's WebGPU adapter (SwiftShader here), and the ops path
 * (engine/tf/trainer.ts on TF.js's CPU backend) on the same batches, and returns what the spec compares.
 */
import '@tensorflow/tfjs-backend-cpu';
import { tf } from '../../../src/engine/tf/core';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, Trainer } from '../../../src/engine/tf/trainer';
import { initialParams } from '../../../src/engine/tf/net';
import { streamRng } from '../../../src/engine/training/streams';
import { flattenParams } from '../../../src/engine/gpu/network';
import { BatchSource, trainingSet } from '../../../src/engine/training/batches';
import { EpsBatchSource } from '../../../src/engine/training/epsBatches';
import { FlowBatchSource } from '../../../src/engine/training/flowBatches';
import { trainingSigmas, type TrainConfig } from '../../../src/engine/training/config';
import { packBatches, type FusedObjective } from '../../../src/engine/gpu/training';
import { trainingBenchPlan, type TrainingBenchOptions } from '../../../src/engine/gpu/trainingBench';
import { PlanRunner } from '../../../src/engine/tf/fused/planRunner';
import { networkForwardWgsl, type NetworkShape } from '../../../src/engine/gpu/network';
import { FusedTraining } from '../../../src/engine/tf/fused/training';
import { fusedContext } from '../../../src/engine/tf/fused/context';
import type { TrainingPlanSpec } from '../../../src/engine/gpu/training';

/** A TrainingPlanSpec with its typed arrays as plain number arrays (what page.evaluate can carry). */
export type PlainSpec = Omit<TrainingPlanSpec, 'params' | 'average' | 'dataset'> & {
  params: number[];
  dataset: number[] | null;
};

export interface HarnessResult {
  params: number[][];
  average: number[][];
  losses: number[];
  /** Seconds spent in the timed chunks (after a first, untimed chunk compiled the pipelines). */
  seconds: number;
  timedSteps: number;
  adapter: string;
}

async function train(
  spec: PlainSpec,
  steps: number,
  chunk: number,
  fed: number[] | null,
): Promise<HarnessResult> {
  const context = await fusedContext({ allowSoftware: true });
  const run = await FusedTraining.create(context.device, {
    ...spec,
    params: Float32Array.from(spec.params),
    dataset: spec.dataset,
  });
  try {
    if (fed) run.feed(Float32Array.from(fed));
    const losses: number[] = [];
    const first = Math.min(chunk, steps);
    losses.push(...(await run.train(first)));
    const start = performance.now();
    for (let done = first; done < steps; done += chunk)
      losses.push(...(await run.train(Math.min(chunk, steps - done))));
    const seconds = (performance.now() - start) / 1000;
    const { params, average } = await run.readParams();
    return {
      params: params.map((p) => Array.from(p)),
      average: average.map((p) => Array.from(p)),
      losses,
      seconds,
      timedSteps: steps - first,
      adapter: context.description,
    };
  } finally {
    run.dispose();
  }
}

/** The fused plan of the ops trainer's run of `config`: its initial weights (the seed's), Adam's constants. */
function specFor(c: TrainConfig, fedSteps: number): PlainSpec {
  return {
    width: c.width,
    depth: c.depth,
    objective: c.objective as FusedObjective,
    batch: c.batch,
    lr: c.lr,
    seed: c.seed,
    sigmas: trainingSigmas(c),
    mixture: c.mixture,
    dataset: null,
    params: Array.from(flattenParams(c, initialParams(c, streamRng(c.seed, 'init')))),
    fedSteps,
    lossSlots: 256,
    beta1: ADAM_BETA1,
    beta2: ADAM_BETA2,
    epsilon: ADAM_EPSILON,
  };
}

/** The batches the ops trainer of `config` will draw (its seed's training stream), packed for the fused plan. */
function opsBatches(config: TrainConfig, steps: number): number[] {
  // The sources the ops Trainer picks (tf/trainer.ts): flow matching's pairs for sde = fm, ε rows otherwise.
  const data = trainingSet(config, 0);
  const source =
    config.objective !== 'eps'
      ? new BatchSource(config, data)
      : config.diffusion?.sde === 'fm'
        ? new FlowBatchSource(config, data)
        : new EpsBatchSource(config, data);
  return Array.from(packBatches(Array.from({ length: steps }, () => source.next())));
}

/** `steps` steps of the ops path on TF.js's CPU backend: the trained parameters and each step's loss. */
async function ops(config: TrainConfig, steps: number): Promise<{ params: number[][]; losses: number[] }> {
  await tf.setBackend('cpu');
  const trainer = new Trainer(config);
  try {
    const losses = Array.from(await trainer.train(steps));
    const params = (await trainer.net.readParams()).map((p) => Array.from(p.values));
    return { params, losses };
  } finally {
    trainer.dispose();
  }
}

/** The hardware benchmark's plan (trainingBenchPlan) run `steps` times in one submit, then its own check. */
async function bench(options: TrainingBenchOptions, steps: number): Promise<string> {
  const context = await fusedContext({ allowSoftware: true });
  const bench = trainingBenchPlan(options);
  const runner = new PlanRunner(context.device, bench.plan);
  try {
    runner.run(bench.sequence, steps);
    return await bench.check((name) => runner.read(name));
  } finally {
    runner.dispose();
  }
}

/** network.ts's per-point WGSL (netForwardDx) at the points xs and one log σ: (net, ∂net/∂x) per point. */
async function forward(
  shape: NetworkShape,
  params: number[],
  xs: number[],
  logSigma: number,
): Promise<number[]> {
  const context = await fusedContext({ allowSoftware: true });
  const code = `${networkForwardWgsl(shape)}
@group(0) @binding(0) var<storage, read> params: array<f32>;
@group(0) @binding(1) var<storage, read> xs: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<vec2<f32>>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= ${xs.length}u) { return; }
  out[gid.x] = netForwardDx(xs[gid.x], ${logSigma});
}`;
  const runner = new PlanRunner(context.device, {
    buffers: [
      { name: 'params', bytes: 4 * params.length, kind: 'storage', init: Float32Array.from(params) },
      { name: 'xs', bytes: 4 * xs.length, kind: 'storage', init: Float32Array.from(xs) },
      { name: 'out', bytes: 8 * xs.length, kind: 'storage' },
    ],
    sequences: {
      run: [{ label: 'net forward', code, bindings: ['params', 'xs', 'out'], workgroups: [1, 1, 1] }],
    },
  });
  try {
    runner.run('run');
    return Array.from(new Float32Array(await runner.read('out')));
  } finally {
    runner.dispose();
  }
}

(globalThis as unknown as { fusedHarness: unknown }).fusedHarness = {
  train,
  ops,
  opsBatches,
  specFor,
  bench,
  forward,
};
