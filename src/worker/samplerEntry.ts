/**
 * The sampling role of the engine worker (engine.worker.ts starts it when the worker is named SAMPLER_WORKER_NAME):
 * serve() wires messages to a SamplerService; all logic lives there.
 *
 * Frames are small (histogram counts, a few dozen positions per record, a handful of metrics), so they are
 * structured-cloned rather than transferred.
 */
import type { SamplerApi } from './samplerProtocol';
import { serve } from './rpc';
import { SamplerService } from './samplerService';

export function startSampler(scope: DedicatedWorkerGlobalScope): void {
  serve<SamplerApi>(scope, (host) => new SamplerService(host));
}
