/**
 * The exact-score diffusion worker's logic: each `run` request runs engine/diffusion's job on the exact score to its
 * end, yielding a task turn between chunks. The latest request wins: an older run stops at its next chunk and
 * replies with a null result. A plain class with no Worker API in it, so Node tests drive it directly.
 */
import { runDiffusionJob } from '../engine/diffusion/job';
import type { DiffusionEvent, DiffusionRequest } from './diffusionProtocol';
import type { ServiceHost } from './rpc';

export class DiffusionService {
  /** The id of the latest run request. */
  private latest = 0;

  constructor(private readonly host: Pick<ServiceHost<DiffusionEvent>, 'post' | 'yieldTurn'>) {}

  handle(request: DiffusionRequest): void {
    const id = request.id;
    this.latest = id;
    runDiffusionJob(request.job, {
      cancelled: () => this.latest !== id,
      onProgress: (p) => this.host.post({ type: 'progress', job: id, ...p }),
      yieldTurn: () => this.host.yieldTurn(),
    })
      .then((result) => this.host.post({ type: 'result', replyTo: id, result }))
      .catch((error: unknown) =>
        this.host.post({
          type: 'error',
          replyTo: id,
          message: error instanceof Error ? error.message : String(error),
        }),
      );
  }
}
