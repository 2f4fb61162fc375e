/**
 * The training worker's entry: `new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module' })`
 * (client.ts does this). It only wires messages to a TrainingSession; all logic lives there.
 */
import type { WorkerEvent, WorkerRequest } from './protocol';
import { TrainingSession } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;

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
