/** The names the engine worker's roles are created with (engine.worker.ts dispatches on them). */
export const TRAINER_WORKER_NAME = 'score-lab-trainer';
export const SAMPLER_WORKER_NAME = 'score-lab-sampler';
export const PLANE_WORKER_NAME = 'score-lab-plane';
export const PLANE_SAMPLER_WORKER_NAME = 'score-lab-plane-learned-sampler';
