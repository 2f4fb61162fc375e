/**
 * The page's handle on its exact-score worker: run(job) resolves with the result, or with null when a newer run
 * replaced it. One worker for the app, started on first use.
 */
import type { DiffusionJob, JobProgress, JobResult } from '../engine/diffusion/job';
import type { ExactWorkerEvent, ExactWorkerRequest } from './exactProtocol';

interface Pending {
  resolve: (result: JobResult | null) => void;
  reject: (error: Error) => void;
  onProgress?: (p: JobProgress) => void;
}

class ExactClient {
  private readonly worker = new Worker(new URL('./diffusion.worker.ts', import.meta.url), {
    type: 'module',
    name: 'score-lab-diffusion',
  });
  private nextId = 1;
  private pending: { id: number; p: Pending } | null = null;

  constructor() {
    this.worker.addEventListener('message', (event: MessageEvent<ExactWorkerEvent>) => {
      const e = event.data;
      const current = this.pending;
      if (!current || current.id !== e.id) return;
      if (e.type === 'progress') return current.p.onProgress?.(e);
      this.pending = null;
      if (e.type === 'result') current.p.resolve(e.result);
      else current.p.reject(new Error(e.message));
    });
    this.worker.addEventListener('error', (event) => {
      this.pending?.p.reject(new Error(`The sampling worker failed: ${event.message || 'it did not start'}`));
      this.pending = null;
    });
  }

  run(job: DiffusionJob, onProgress?: (p: JobProgress) => void): Promise<JobResult | null> {
    // The run in flight is superseded: its caller gets null, the worker stops it at its next chunk.
    this.pending?.p.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = { id, p: { resolve, reject, onProgress } };
      const message: ExactWorkerRequest = { type: 'run', id, job };
      this.worker.postMessage(message);
    });
  }
}

let shared: ExactClient | null = null;

export function exactClient(): ExactClient {
  shared ??= new ExactClient();
  return shared;
}
