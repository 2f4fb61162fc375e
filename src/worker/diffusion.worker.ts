/**
 * The diffusion page's own worker: exact-score sampling jobs (engine/diffusion's DiffusionRun, plain TS).
 *
 * Why a worker of its own rather than the training worker: the exact run needs no TensorFlow.js, so this worker
 * starts in milliseconds without loading a tensor backend, and its jobs never queue behind training chunks (or
 * the other way round). Learned-score jobs run in the training worker, where the ε-model lives; both call the
 * same runDiffusionJob, so the two kinds of result are computed and shaped identically.
 *
 * Messages: { type: 'run', id, job } in; { type: 'progress', id, ... }, { type: 'result', id, result } or
 * { type: 'error', id, message } out. A newer run cancels an older one at its next chunk (no reply for it).
 */
import { runDiffusionJob } from '../engine/diffusion/job';
import type { ExactWorkerEvent, ExactWorkerRequest } from './exactProtocol';

const scope = self as unknown as {
  postMessage(message: ExactWorkerEvent): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ExactWorkerRequest>) => void): void;
};

let latest = 0;

/** A task turn, so a newer request is seen between chunks. */
function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

scope.addEventListener('message', (event) => {
  const { id, job } = event.data;
  latest = id;
  runDiffusionJob(job, {
    cancelled: () => latest !== id,
    onProgress: (p) => scope.postMessage({ type: 'progress', id, ...p }),
    yieldTurn,
  })
    .then((result) => {
      if (result) scope.postMessage({ type: 'result', id, result });
    })
    .catch((error: unknown) =>
      scope.postMessage({
        type: 'error',
        id,
        message: error instanceof Error ? error.message : String(error),
      }),
    );
});
