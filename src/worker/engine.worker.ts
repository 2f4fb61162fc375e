/**
 * The one worker script behind the tensor workers: the trainer, the sampler, the plane's trainer and the plane's
 * learned sampler are instances of this file, told apart by the name they were created with (WorkerOptions.name, visible here as self.name).
 *
 * Why one script: Vite bundles every worker entry on its own, so two entries carried two copies of TensorFlow.js
 * (about 1.6 MB each). One entry means one copy, fetched and compiled once and shared by the HTTP cache.
 * Both roles are imported statically: a role set up after an `await import()` would miss the messages the page
 * posts before it (a worker drops messages that arrive while no handler is set).
 */
import { startPlane } from './planeEntry';
import { startPlaneSampler } from './planeSamplerEntry';
import { startSampler } from './samplerEntry';
import { startTrainer } from './trainerEntry';
import { PLANE_SAMPLER_WORKER_NAME, PLANE_WORKER_NAME, SAMPLER_WORKER_NAME } from './workerNames';

const scope = self as unknown as DedicatedWorkerGlobalScope;
if (scope.name === SAMPLER_WORKER_NAME) startSampler(scope);
else if (scope.name === PLANE_WORKER_NAME) startPlane(scope);
else if (scope.name === PLANE_SAMPLER_WORKER_NAME) startPlaneSampler(scope);
else startTrainer(scope);
