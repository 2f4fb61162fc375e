/**
 * The typed messages between the diffusion page and its exact-score worker (diffusion.worker.ts), in rpc.ts's
 * shape: a request carries an `id`, the event that answers it carries `replyTo`.
 */
import type { DiffusionJob, JobProgress, JobResult } from '../engine/diffusion/job';

/** Run a diffusion sampler on the exact score to its end. A newer `run` supersedes this one. Replies `result`. */
export interface DiffusionRequest {
  type: 'run';
  id: number;
  job: DiffusionJob;
}

export type DiffusionEvent =
  /** A broadcast while a run goes on: it carries the run's id as `job`, not replyTo. */
  | ({ type: 'progress'; replyTo?: undefined; job: number } & JobProgress)
  /** The run's end; `result` is null when a newer run superseded it. */
  | { type: 'result'; replyTo?: number; result: JobResult | null }
  | { type: 'error'; replyTo?: number; message: string };

export interface DiffusionReplyMap {
  run: Extract<DiffusionEvent, { type: 'result' }>;
}

/** The exact-score diffusion worker as rpc.ts describes a worker. */
export interface DiffusionApi {
  request: DiffusionRequest;
  event: DiffusionEvent;
  replies: DiffusionReplyMap;
}
