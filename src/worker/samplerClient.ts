/**
 * The page's handle on the sampler worker: typed requests that return promises of their replies, and a
 * subscription to every event (engine changes, frames, results).
 *
 * One sampler worker serves both sampling pages (sharedSamplerClient); it keeps the loaded model between them.
 */
import { RpcClient, type RpcWorker } from './rpc';
import { SAMPLER_WORKER_NAME } from './workerNames';
import type { DiffusionJob, JobProgress, JobResult } from '../engine/diffusion/job';
import type {
  BackendRequest,
  LearnedStepsRequest,
  ReflowRequest,
  SamplerApi,
  SamplerConfig,
  SamplerEvent,
  SamplerRequest,
} from './samplerProtocol';

/** What the client needs of a Worker (tests pass an in-process stand-in). */
export type SamplerWorkerLike = RpcWorker<SamplerRequest, SamplerEvent>;

export function createSamplerWorker(): Worker {
  // The same script as the trainer (engine.worker.ts); the name selects the sampling role.
  return new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: SAMPLER_WORKER_NAME,
  });
}

export class SamplerClient extends RpcClient<SamplerApi> {
  constructor(worker: SamplerWorkerLike = createSamplerWorker()) {
    super(worker, 'sampler worker');
  }

  configure(config: SamplerConfig) {
    return this.request<'configure'>({ type: 'configure', config });
  }
  loadModel(json: string) {
    return this.request<'loadModel'>({ type: 'loadModel', json });
  }
  advance(steps: number, budgetMs: number) {
    return this.request<'advance'>({ type: 'advance', steps, budgetMs });
  }
  reset() {
    return this.request<'reset'>({ type: 'reset' });
  }
  runToEnd() {
    return this.request<'runToEnd'>({ type: 'runToEnd' });
  }
  /** W1 against steps on the learned fields the worker holds (samplerProtocol.ts, `learnedSteps`). */
  learnedSteps(request: LearnedStepsRequest, backend: BackendRequest) {
    return this.request<'learnedSteps'>({ type: 'learnedSteps', request, backend });
  }
  /** One round of reflow on the loaded velocity model; `onProgress` sees its training steps. */
  async reflow(
    request: ReflowRequest,
    backend: BackendRequest,
    onProgress?: (step: number, total: number) => void,
  ) {
    const { id, reply } = this.send<'reflow'>({ type: 'reflow', request, backend });
    const off = this.on('reflowProgress', (e) => {
      if (e.job === id) onProgress?.(e.step, e.total);
    });
    try {
      return (await reply).outcome;
    } finally {
      off();
    }
  }
  /**
   * A diffusion sampler on the loaded ε-model, to its end; `onProgress` sees this job's diffusionProgress events.
   * Resolves with null when a newer job replaced it.
   */
  async sampleDiffusion(
    job: DiffusionJob,
    backend: BackendRequest,
    onProgress?: (p: JobProgress) => void,
  ): Promise<JobResult | null> {
    const { id, reply } = this.send<'sampleDiffusion'>({ type: 'sampleDiffusion', job, backend });
    const off = this.on('diffusionProgress', (e) => {
      if (e.job === id) onProgress?.(e);
    });
    try {
      return (await reply).result;
    } finally {
      off();
    }
  }
}

let shared: SamplerClient | null = null;

/** The app's one sampler worker, started on first use. */
export function sharedSamplerClient(): SamplerClient {
  shared ??= new SamplerClient();
  return shared;
}
