/**
 * Training throughput on one WebGPU adapter (SwiftShader on these machines), for bench/fused-training.mjs, which
 * bundles this file and serves it through page.route (never part of the app's build). The same Trainer
 * (engine/tf/trainer.ts) of the train page's DSM network takes its steps either through TF.js's WebGPU ops or
 * through the fused kernels as the training worker runs them (fused/trainingEngine.ts: batches fed from the
 * trainer's seeded stream, the weights copied back to the trainer after every call).
 *
 * Rate of one path: a first call of one step (it compiles the kernels), one timed step to size the calls, then
 * `calls` timed calls of n steps each, n chosen so that one call takes about `targetSeconds`; the median rate of
 * those calls. Each call ends with a readback, so the GPU's work is done when its clock stops.
 */
import { fusedStepEngine } from '../../src/engine/tf/fused/trainingEngine';
import { registerWebGpu } from '../../src/engine/tf/webgpu';
import { tf } from '../../src/engine/tf/core';
import { Trainer } from '../../src/engine/tf/trainer';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../src/engine/training/config';

const MAX_STEPS_PER_CALL = 2000;

async function start(): Promise<string> {
  // backend.ts's initBackend imports the wasm files through Vite's ?url; only WebGPU is needed here.
  await registerWebGpu({ allowFallbackAdapter: true, onLost: () => undefined });
  if (!(await tf.setBackend('webgpu'))) throw new Error('the WebGPU backend did not start');
  const info = (tf.backend() as unknown as { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  return [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'webgpu';
}

function dsm(width: number): TrainConfig {
  return { ...DEFAULT_TRAIN_CONFIG, objective: 'dsm', width, depth: 2, batch: 512, seed: 1 };
}

async function timed(train: (n: number) => Promise<unknown>, calls: number, targetSeconds: number) {
  const clock = () => performance.now() / 1000;
  await train(1);
  let t = clock();
  await train(1);
  const n = Math.max(
    1,
    Math.min(MAX_STEPS_PER_CALL, Math.round(targetSeconds / Math.max(clock() - t, 1e-4))),
  );
  const rates: number[] = [];
  for (let i = 0; i < calls; i++) {
    t = clock();
    await train(n);
    rates.push(n / (clock() - t));
  }
  rates.sort((a, b) => a - b);
  return { rate: rates[Math.floor(rates.length / 2)], stepsPerCall: n, rates };
}

/** DSM steps/s of the 2→W→W→1 network (inputs x and log σ) at batch 512, through the fused kernels or TF.js's WebGPU ops. */
async function trainingRate(path: 'fused' | 'ops', width: number, calls: number, targetSeconds: number) {
  const trainer = new Trainer(dsm(width));
  const engine = path === 'fused' ? await fusedStepEngine(trainer, true) : null;
  try {
    return await timed((n) => (engine ? engine.train(n) : trainer.train(n)), calls, targetSeconds);
  } finally {
    engine?.dispose();
    trainer.dispose();
  }
}

declare global {
  interface Window {
    trainingBench: Record<string, (...args: never[]) => Promise<unknown>>;
  }
}

window.trainingBench = { start, trainingRate };
document.title = 'training bench ready';
