/**
 * The training role of the engine worker (engine.worker.ts starts it when the worker is named TRAINER_WORKER_NAME).
 * It only wires messages to a TrainingSession; all logic lives there.
 */
import type { WorkerEvent, WorkerRequest } from './protocol';
import { TrainingSession } from './session';

export function startTrainer(scope: DedicatedWorkerGlobalScope): void {
  // A zero-delay task turn: a MessageChannel message runs as a new task after the messages already queued, without
  // the ≥ 4 ms clamp that nested setTimeout(0) gets.
  const channel = new MessageChannel();
  const pending: (() => void)[] = [];
  channel.port1.onmessage = () => pending.shift()?.();

  const session = new TrainingSession({
    post: (event: WorkerEvent, transfer?: Transferable[]) => scope.postMessage(event, transfer ?? []),
    yieldThen: (fn) => {
      pending.push(fn);
      channel.port2.postMessage(null);
    },
  });

  scope.onmessage = (event: MessageEvent<WorkerRequest>) => session.handle(event.data);
}
