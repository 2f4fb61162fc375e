/**
 * The diffusion page's actions in terms of its URL values: each maps the values to the plain settings of
 * store/diffusionSession (the job, the score, the ε-model's training configuration) and calls the store.
 */
import type { PageValues } from '../../store/schemas';
import * as session from '../../store/diffusionSession';
import type { DiffusionSettings, ShownResult } from '../../store/diffusionSession';
import { jobOf, processLabel, samplerLabel, trainConfigOf } from './diffusionModel';

type Values = PageValues<'diffusion'>;

export function settingsOf(values: Values): DiffusionSettings {
  const job = jobOf(values);
  return {
    job,
    score: values.score,
    config: trainConfigOf(values),
    labels: { process: processLabel(job.process), sampler: samplerLabel(job.sampler, job.process.sde) },
    backend: values.backend,
  };
}

/** Whether the training worker holds the ε-model for these values. */
export const hasModelFor = (values: Values): boolean => session.hasModelFor(trainConfigOf(values));

/** Samples these values to the end (see store/diffusionSession's sample). */
export const sample = (values: Values): Promise<ShownResult | null> => session.sample(settingsOf(values));

/** Trains the ε-model for these values from scratch, `values.train` steps. */
export const train = (values: Values): Promise<boolean> => session.train(trainConfigOf(values), values.train);

export const adoptWorkerModel = (values: Values): Promise<void> =>
  session.adoptWorkerModel(trainConfigOf(values));
