/**
 * The diffusion page's own worker: exact-score sampling jobs (engine/diffusion's DiffusionRun, plain TS), served
 * through rpc.ts like the engine worker's two roles.
 *
 * Why a worker of its own rather than the training worker: the exact run needs no TensorFlow.js, so this worker
 * starts in milliseconds without loading a tensor backend, and its jobs never queue behind training chunks (or
 * the other way round). Learned-score jobs run in the sampler worker, the home of all learned-score sampling, on
 * a copy of the training worker's ε-model; both call the same runDiffusionJob, so the two kinds of result are
 * computed and shaped identically.
 */
import type { DiffusionApi } from './diffusionProtocol';
import { DiffusionService } from './diffusionService';
import { serve } from './rpc';

serve<DiffusionApi>(self as unknown as DedicatedWorkerGlobalScope, (host) => new DiffusionService(host));
