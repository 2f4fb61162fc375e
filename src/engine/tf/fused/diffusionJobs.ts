/**
 * Which diffusion jobs the fused WebGPU kernels run (engine/gpu/samplerSchedule.ts has rows for them), in one
 * place so that the list can grow with the kernels: DDPM ancestral (β or β̃), the reverse SDE (Euler–Maruyama) and
 * the probability-flow ODE (Euler or Heun), on the VP, VE and discrete (DDPM) processes, with the ε-model's score.
 * Flow matching integrates a velocity, and predictor–corrector adds Langevin corrector steps: neither has rows
 * here yet, so they stay on the tensor ops.
 */
import type { DiffusionJob } from '../../diffusion/job';
import type { SamplerSpec } from '../../diffusion/reverseRun';
import type { FusedDiffusionSampler } from '../../gpu/samplerSchedule';

/** The fused rows' name for a sampler, or null when the fused kernels have none for it. */
export function fusedSampler(sampler: SamplerSpec): FusedDiffusionSampler | null {
  switch (sampler.kind) {
    case 'ancestral':
      return { kind: 'ancestral', variance: sampler.variance ?? 'betaTilde' };
    case 'sde':
      return { kind: 'sde' };
    case 'ode':
      return { kind: 'ode', solver: sampler.solver ?? 'heun' };
    default:
      return null;
  }
}

/** Whether the fused kernels can run this job (the network's shape is checked when its plan is built). */
export function fusedJobSupported(job: Pick<DiffusionJob, 'process' | 'sampler'>): boolean {
  return job.process.sde !== 'fm' && fusedSampler(job.sampler) !== null;
}
