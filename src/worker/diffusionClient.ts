/**
 * The page's handle on the exact-score diffusion worker: run(job) resolves with the result, or with null when a
 * newer run replaced it. One worker for the app, started on first use.
 */
import type { DiffusionJob, JobProgress, JobResult } from '../engine/diffusion/job';
import type { DiffusionApi, DiffusionEvent, DiffusionRequest } from './diffusionProtocol';
import { RpcClient, type RpcWorker } from './rpc';

/** What the client needs of a Worker (tests pass an in-process stand-in). */
export type DiffusionWorkerLike = RpcWorker<DiffusionRequest, DiffusionEvent>;

export function createDiffusionWorker(): Worker {
  return new Worker(new URL('./diffusion.worker.ts', import.meta.url), {
    type: 'module',
    name: 'score-lab-diffusion',
  });
}

export class DiffusionClient extends RpcClient<DiffusionApi> {
  /** Resolves the caller of the run in flight with null. */
  private supersede: (() => void) | null = null;

  constructor(worker: DiffusionWorkerLike = createDiffusionWorker()) {
    super(worker, 'sampling worker');
  }

  /**
   * Runs the job on the exact score. The run in flight is superseded: its caller gets null at once, and the
   * worker stops it at its next chunk.
   */
  run(job: DiffusionJob, onProgress?: (p: JobProgress) => void): Promise<JobResult | null> {
    this.supersede?.();
    const { id, reply } = this.send<'run'>({ type: 'run', job });
    const off = this.on('progress', (p) => {
      if (p.job === id) onProgress?.(p);
    });
    return new Promise<JobResult | null>((resolve, reject) => {
      const settle = (): void => {
        off();
        if (this.supersede === supersede) this.supersede = null;
      };
      const supersede = (): void => {
        settle();
        resolve(null);
      };
      this.supersede = supersede;
      reply.then(
        ({ result }) => {
          settle();
          resolve(result);
        },
        (error: Error) => {
          settle();
          reject(error);
        },
      );
    });
  }
}

let shared: DiffusionClient | null = null;

export function diffusionClient(): DiffusionClient {
  shared ??= new DiffusionClient();
  return shared;
}
