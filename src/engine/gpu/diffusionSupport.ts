/**
 * Which diffusion-page jobs the fused kernels run, as a pure decision for the sampler worker: the fused sampler
 * that reproduces the job's JavaScript run (engine/diffusion/job.ts's runnerFor), or null where there is none.
 *
 * - Flow matching (sde = fm) integrates its velocity, whatever sampler the job names: Euler or Heun as the job's
 *   ODE solver says, Heun otherwise (flowRunnerFor's rule).
 * - DDPM ancestral, the reverse SDE and the probability-flow ODE map one to one.
 * - The predictor–corrector runs with 1…MAX_FUSED_CORRECTOR corrector steps (the page allows 1–10).
 * - A learned network must fit the kernels: width 1…MAX_GPU_WIDTH, depth ≥ 1.
 */
import type { DiffusionJob } from '../diffusion/job';
import { MAX_GPU_WIDTH, type NetworkShape } from './network';
import { MAX_FUSED_CORRECTOR } from './pcSchedule';
import type { FusedDiffusionSampler } from './samplerSchedule';
import type { ScoreKind } from './samplerKernels';

/** The fused sampler of a job, or null when the fused kernels cannot run it. */
export function fusedDiffusionSampler(
  job: Pick<DiffusionJob, 'process' | 'sampler'>,
): FusedDiffusionSampler | null {
  const s = job.sampler;
  if (job.process.sde === 'fm')
    return { kind: 'flow', solver: s.kind === 'ode' ? (s.solver ?? 'heun') : 'heun' };
  switch (s.kind) {
    case 'ancestral':
      return { kind: 'ancestral', variance: s.variance ?? 'betaTilde' };
    case 'sde':
      return { kind: 'sde' };
    case 'ode':
      return { kind: 'ode', solver: s.solver ?? 'heun' };
    case 'pc': {
      const steps = s.correctorSteps ?? 1;
      if (!(Number.isInteger(steps) && steps >= 1 && steps <= MAX_FUSED_CORRECTOR)) return null;
      return { kind: 'pc', predictor: s.predictor ?? 'ancestral', correctorSteps: steps, snr: s.snr };
    }
  }
  return null;
}

/** Whether the fused kernels run this job, on the exact field (no network) or on a network of this shape. */
export function fusedDiffusionSupports(
  job: Pick<DiffusionJob, 'process' | 'sampler'>,
  network?: NetworkShape,
): boolean {
  if (network && !(network.width >= 1 && network.width <= MAX_GPU_WIDTH && network.depth >= 1)) return false;
  return fusedDiffusionSampler(job) !== null;
}

/** The field the plan's kernels evaluate for a fused diffusion sampler: a velocity for flow matching. */
export function fusedFieldKind(sampler: FusedDiffusionSampler, network?: NetworkShape): ScoreKind {
  if (network) return { kind: 'learned', ...network };
  return sampler.kind === 'flow' ? { kind: 'exact', field: 'flowVelocity' } : { kind: 'exact' };
}
