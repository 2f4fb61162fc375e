/**
 * A diffusion sampling job on a trained ε-model: the score the samplers follow is Tweedie's
 *
 *   s_θ(x, t) = −ε_θ(x, t) / s(t)        (DDPM: −ε_θ/√(1 − ᾱ_t)),
 *
 * evaluated on the tensor backend in one forward pass per score call (the particles travel as one batch;
 * the page receives only the histogram, the paths and the metrics).
 */
import type { TrainConfig } from '../../training/config';
import { runDiffusionJob, type DiffusionJob, type JobHooks, type JobResult } from '../../diffusion/job';
import { buildProcess, type ProcessSpec } from '../../diffusion/processSpec';

/** What a job needs of a trained ε-model: its configuration and ε_θ(x, t) (a Trainer, or a loaded model). */
export interface EpsModel {
  readonly config: TrainConfig;
  epsAt(xs: ArrayLike<number>, t: number): Promise<Float32Array>;
}

function sameProcess(a: ProcessSpec, b: ProcessSpec): boolean {
  return a.sde === b.sde && (a.sde !== 'ddpm' || (a.schedule === b.schedule && a.T === b.T));
}

/** Why the trainer's model cannot sample this job, or null. */
export function learnedJobProblem(trainer: Pick<EpsModel, 'config'>, job: DiffusionJob): string | null {
  const { objective, diffusion } = trainer.config;
  if (objective !== 'eps' || !diffusion)
    return 'The training worker holds a noise-conditional score network, not an ε-model: press Train first.';
  if (!sameProcess(diffusion, job.process))
    return 'The ε-model was trained on another process or schedule: press Train to train one for this one.';
  return null;
}

/**
 * The field a job integrates on a model of `spec`'s process: the score −ε_θ(x, t)/s(t) (Tweedie), or for flow
 * matching the network's output as it is, the velocity v_θ(x, t).
 */
export function learnedField(
  model: EpsModel,
  spec: ProcessSpec,
): (xs: ArrayLike<number>, t: number) => Promise<Float32Array> {
  if (spec.sde === 'fm') return (xs, t) => model.epsAt(xs, t);
  const process = buildProcess(spec);
  return async (xs, t) => {
    const eps = await model.epsAt(xs, t);
    const scale = -1 / process.s(t);
    for (let i = 0; i < eps.length; i++) eps[i] *= scale;
    return eps;
  };
}

export function runLearnedJob(
  trainer: EpsModel,
  job: DiffusionJob,
  hooks: JobHooks,
): Promise<JobResult | null> {
  const problem = learnedJobProblem(trainer, job);
  if (problem) return Promise.reject(new Error(problem));
  return runDiffusionJob(job, hooks, learnedField(trainer, job.process));
}
