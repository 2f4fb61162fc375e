/**
 * The diffusion page's actions in terms of its URL values: each maps the values to the plain settings of
 * store/diffusionSession (the job, the score, the ε-model's training configuration) and calls the store.
 */
import type { ParamValues } from '../../store/paramSpec';
import type { BackendRequest } from '../../worker/protocol';
import * as session from '../../store/diffusionSession';
import type { DiffusionSettings, ScoreKind, ShownResult } from '../../store/diffusionSession';
import { jobOf, processLabel, samplerLabel, trainConfigOf } from './diffusionModel';

export function settingsOf(values: ParamValues): DiffusionSettings {
  const job = jobOf(values);
  return {
    job,
    score: values.score as ScoreKind,
    config: trainConfigOf(values),
    labels: { process: processLabel(job.process), sampler: samplerLabel(job.sampler) },
    backend: values.backend as BackendRequest,
  };
}

/** Whether the training worker holds the ε-model for these values. */
export const hasModelFor = (values: ParamValues): boolean => session.hasModelFor(trainConfigOf(values));

/** Samples these values to the end (see store/diffusionSession's sample). */
export const sample = (values: ParamValues): Promise<ShownResult | null> =>
  session.sample(settingsOf(values));

/** Trains the ε-model for these values from scratch, `values.train` steps. */
export const train = (values: ParamValues): Promise<boolean> =>
  session.train(trainConfigOf(values), values.train as number);

export const adoptWorkerModel = (values: ParamValues): Promise<void> =>
  session.adoptWorkerModel(trainConfigOf(values));
