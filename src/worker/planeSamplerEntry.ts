/**
 * The learned plane sampler role of the engine worker (engine.worker.ts starts it when the worker is named
 * PLANE_SAMPLER_WORKER_NAME): the same PlaneSamplerService as the exact-score worker (planeSampler.worker.ts), with
 * the network evaluated by TensorFlow.js on wasm (planeTensorForward.ts). A role of the one tensor worker script, so
 * the bundle keeps one copy of TensorFlow.js and a run on the exact score never loads it.
 */
import type { PlaneSamplerApi } from './planeSamplerProtocol';
import { PlaneSamplerService } from './planeSamplerService';
import { tensorForward } from './planeTensorForward';
import { serve } from './rpc';

export function startPlaneSampler(scope: DedicatedWorkerGlobalScope): void {
  const forward = tensorForward();
  serve<PlaneSamplerApi>(scope, (host) => new PlaneSamplerService(host, forward));
}
