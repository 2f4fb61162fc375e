/** Messages between the diffusion page and its exact-score worker (diffusion.worker.ts). */
import type { DiffusionJob, JobProgress, JobResult } from '../engine/diffusion/job';

export interface ExactWorkerRequest {
  type: 'run';
  id: number;
  job: DiffusionJob;
}

export type ExactWorkerEvent =
  | ({ type: 'progress'; id: number } & JobProgress)
  | { type: 'result'; id: number; result: JobResult }
  | { type: 'error'; id: number; message: string };
