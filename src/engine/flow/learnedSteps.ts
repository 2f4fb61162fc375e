/**
 * W1 to the data against the number of sampling steps for transports whose field answers asynchronously (a
 * network in a worker): flow matching's ODE on a learned velocity v_θ, and the VP probability-flow ODE on the
 * score of a learned ε-model, each with Euler and Heun. Every run starts from the same n draws of N(0, 1) at
 * t = 1, `startNoise(seed, n)`, the draws the exact fields' curves start from too (pages/diffusion's
 * flowFiguresModel), so a learned curve and its exact twin differ only by the field they integrate.
 *
 * What the curves show: with few steps W1 is dominated by the solver's discretisation error, which is smaller on
 * straighter paths; with many steps it settles at the field's own error (the learned field's, or none for the
 * exact one) plus the sampling noise of n particles, which more steps cannot remove.
 */
import { AsyncDiffusionRun, type AsyncTimeScore } from '../diffusion/asyncRun';
import { vpProcess } from '../diffusion/process';
import { wasserstein1 } from '../metrics';
import type { Mixture } from '../mixture';
import { createRng } from '../rng';
import type { AsyncVelocity, FlowSolver } from './ode';
import { AsyncFlowRun } from './run';

/** One curve of the steps figure: W1 at each step count. */
export interface StepsCurve {
  id: string;
  label: string;
  steps: number[];
  w1: number[];
}

/** The shared starting noise of every run of the steps figure. */
export function startNoise(seed: number, n: number): Float64Array {
  return createRng(seed).normals(n);
}

export interface LearnedStepsOptions {
  mixture: Mixture;
  seed: number;
  n: number;
  stepCounts: readonly number[];
  /** v_θ(x, t) of a velocity model trained on flow matching's path; its curves are left out when absent. */
  velocity?: AsyncVelocity;
  /** The VP score −ε_θ(x, t)/s(t) of a learned ε-model; its curves are left out when absent. */
  vpScore?: AsyncTimeScore;
  /**
   * Integrates the VP probability-flow ODE on that ε-model from `start` by another engine (the fused GPU kernels),
   * in place of AsyncDiffusionRun on vpScore: the same particles up to rounding.
   */
  vpRun?: (solver: FlowSolver, steps: number, start: Float64Array) => Promise<Float64Array>;
  /** The velocity curves' id prefix and name (default `fm`, "learned velocity"). */
  velocityName?: { id: string; label: string };
  /** Checked between runs: true stops the work, which then resolves null. */
  cancelled?: () => boolean;
}

const SOLVERS: { solver: FlowSolver; name: string }[] = [
  { solver: 'heun', name: 'Heun' },
  { solver: 'euler', name: 'Euler' },
];

/** The learned curves (ids `fm-<solver>-learned`, `vp-<solver>-learned`), or null when cancelled. */
export async function learnedStepsCurves(o: LearnedStepsOptions): Promise<StepsCurve[] | null> {
  const start = startNoise(o.seed, o.n);
  const common = { n: o.n, seed: o.seed, start, tracks: 0 };
  const samplers: { id: string; label: string; sample: (steps: number) => Promise<Float64Array> }[] = [];
  const { velocity, vpScore } = o;
  const named = o.velocityName ?? { id: 'fm', label: 'learned velocity' };
  if (velocity)
    for (const { solver, name } of SOLVERS)
      samplers.push({
        id: `${named.id}-${solver}-learned`,
        label: `Flow matching, ${name}, ${named.label}`,
        sample: async (steps) => {
          const run = new AsyncFlowRun({ ...common, solver, steps }, velocity);
          await run.step(steps);
          return run.particles;
        },
      });
  if (vpScore) {
    const process = vpProcess();
    for (const { solver, name } of SOLVERS)
      samplers.push({
        id: `vp-${solver}-learned`,
        label: `VP probability-flow ODE, ${name}, learned ε-model`,
        sample: async (steps) => {
          if (o.vpRun) return o.vpRun(solver, steps, start);
          const run = new AsyncDiffusionRun({
            ...common,
            process,
            sampler: { kind: 'ode', solver },
            steps,
            score: vpScore,
          });
          await run.step(steps);
          return run.particles;
        },
      });
  }
  const curves: StepsCurve[] = [];
  for (const s of samplers) {
    const curve: StepsCurve = { id: s.id, label: s.label, steps: [], w1: [] };
    for (const steps of o.stepCounts) {
      if (o.cancelled?.()) return null;
      curve.steps.push(steps);
      curve.w1.push(wasserstein1(await s.sample(steps), o.mixture));
    }
    curves.push(curve);
  }
  return curves;
}
