/**
 * The page's handle on the training worker: typed requests that return promises of their replies, and a
 * subscription to every event (progress, evaluations, divergence, backend notices).
 *
 * The worker keeps its model between pages, so one shared client (sharedTrainerClient) serves the whole app: the
 * train page trains, and the sampling pages later ask the same worker for learned scores (scoreAt).
 */
import type { OdeSolver } from '../engine/diffusion';
import type { ProcessSpec } from '../engine/diffusion/processSpec';
import { RpcClient, type RpcWorker } from './rpc';
import { TRAINER_WORKER_NAME } from './workerNames';
import type { BackendRequest, TrainConfig, TrainerApi, WorkerEvent, WorkerRequest } from './protocol';

/** What the client needs of a Worker (tests pass an in-process stand-in). */
export type WorkerLike = RpcWorker<WorkerRequest, WorkerEvent>;

export function createTrainerWorker(): Worker {
  // The same script as the sampler (engine.worker.ts); the name selects the training role.
  return new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: TRAINER_WORKER_NAME,
  });
}

export class TrainerClient extends RpcClient<TrainerApi> {
  constructor(worker: WorkerLike = createTrainerWorker()) {
    super(worker, 'training worker');
  }

  init(backend: BackendRequest, remeasure = false) {
    return this.request<'init'>({ type: 'init', backend, ...(remeasure ? { remeasure } : {}) });
  }
  configure(config: TrainConfig, options: { keep?: boolean; undoable?: boolean } = {}) {
    return this.request<'configure'>({ type: 'configure', config, ...options });
  }
  undo() {
    return this.request<'undo'>({ type: 'undo' });
  }
  play() {
    return this.request<'play'>({ type: 'play' });
  }
  pause() {
    return this.request<'pause'>({ type: 'pause' });
  }
  step(count = 1) {
    return this.request<'step'>({ type: 'step', count });
  }
  reset() {
    return this.request<'reset'>({ type: 'reset' });
  }
  setSpeed(stepsPerSec: number | null, evalEveryMs?: number) {
    return this.request<'setSpeed'>({ type: 'setSpeed', stepsPerSec, evalEveryMs });
  }
  regenerateData() {
    return this.request<'regenerateData'>({ type: 'regenerateData' });
  }
  evaluate(options: { level?: number; points?: number } = {}) {
    return this.request<'evaluate'>({ type: 'evaluate', ...options });
  }
  runToEnd(steps: number, fromScratch = true) {
    return this.request<'runToEnd'>({ type: 'runToEnd', steps, fromScratch });
  }
  save() {
    return this.request<'save'>({ type: 'save' });
  }
  load(json: string) {
    return this.request<'load'>({ type: 'load', json });
  }
  /**
   * s_θ(x, σ) at the points (the reply's scores are transferred, not copied). Pass transfer = true to hand the
   * xs buffer over too (it is then empty here), which saves a copy for large particle sets.
   */
  scoreAt(xs: Float32Array, sigma?: number, transfer = false) {
    return this.request<'scoreAt'>(
      { type: 'scoreAt', xs, sigma },
      transfer ? [xs.buffer as ArrayBuffer] : [],
    );
  }
  /** ε_θ(x, t) of a time-conditional ε-model. */
  epsAt(xs: Float32Array, t: number) {
    return this.request<'epsAt'>({ type: 'epsAt', xs, t });
  }
  /** log p_θ(x) by the probability-flow ODE on the learned ε-model (for the model's own process). */
  likelihood(process: ProcessSpec, xs: number[], steps: number, solver: OdeSolver) {
    return this.request<'likelihood'>({ type: 'likelihood', process, xs, steps, solver });
  }
  status() {
    return this.request<'status'>({ type: 'status' });
  }
}

let shared: TrainerClient | null = null;

/** The app's one training worker, started on first use. */
export function sharedTrainerClient(): TrainerClient {
  shared ??= new TrainerClient();
  return shared;
}
