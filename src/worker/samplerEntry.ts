/**
 * The sampling role of the engine worker (engine.worker.ts starts it when the worker is named SAMPLER_WORKER_NAME).
 * It only wires messages to a SamplerService; all logic lives there.
 *
 * Frames are small (histogram counts, a few dozen positions per record, a handful of metrics), so they are
 * structured-cloned rather than transferred.
 */
import type { SamplerEvent, SamplerRequest } from './samplerProtocol';
import { SamplerService } from './samplerService';

export function startSampler(scope: DedicatedWorkerGlobalScope): void {
  // A zero-delay task turn: a MessageChannel message runs as a new task after the messages already queued,
  // without the ≥ 4 ms clamp that nested setTimeout(0) gets.
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();

  const service = new SamplerService({
    post: (event: SamplerEvent) => scope.postMessage(event),
    yieldTurn: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      }),
  });

  scope.onmessage = (event: MessageEvent<SamplerRequest>) => service.handle(event.data);
}
