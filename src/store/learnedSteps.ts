/**
 * The learned curves of the flow-matching page's W1-against-steps figure, computed in the sampler worker (the one
 * home of learned-field sampling, samplerProtocol.ts `learnedSteps`) on the models it holds: the training
 * worker's model is copied there first when it is a velocity or VP ε-model of the page's mixture.
 */
import type { Mixture } from '../engine/mixture';
import { isModelOf } from '../worker/learnedSteps';
import type { BackendRequest, LearnedStepsEvent } from '../worker/samplerProtocol';
import type { ReflowOutcome } from '../worker/reflow';
import { copyModelToSampler, samplerHasModel } from './learnedModel';
import { samplerClient } from './samplerSession';
import { trainerClient } from './trainSession';

export interface LearnedStepsAsk {
  mixture: Mixture;
  seed: number;
  n: number;
  stepCounts: readonly number[];
  /** Whether the page holds a velocity model for its settings (a velocity model of other settings is not used). */
  velocityModel: boolean;
  backend: BackendRequest;
}

export type LearnedStepsAnswer = Pick<LearnedStepsEvent, 'curves' | 'models'>;

export async function learnedSteps(ask: LearnedStepsAsk): Promise<LearnedStepsAnswer> {
  const status = await trainerClient().status();
  const config = status.step > 0 ? status.config : null;
  const relevant =
    config !== null && (isModelOf(config, 'fm', ask.mixture) || isModelOf(config, 'vp', ask.mixture));
  // Without a model to draw with, the sampler worker (and its tensor backend) need not start at all.
  if (!relevant && !samplerHasModel()) return { curves: [], models: { fm: false, vp: false } };
  if (relevant) await copyModelToSampler(status);
  const reply = await samplerClient().learnedSteps(
    {
      mixture: ask.mixture.map((c) => ({ ...c })),
      seed: ask.seed,
      n: ask.n,
      stepCounts: [...ask.stepCounts],
    },
    ask.backend,
  );
  const fm = reply.models.fm && ask.velocityModel;
  return {
    curves: reply.curves?.filter((c) => fm || !c.id.startsWith('fm-')) ?? null,
    models: { fm, vp: reply.models.vp },
  };
}

export interface ReflowAsk extends LearnedStepsAsk {
  pairs: number;
  pairSteps: number;
  trainSteps: number;
}

/**
 * One round of reflow on the page's velocity model, in the sampler worker (worker/reflow.ts): the training
 * worker's model is copied there first. Resolves null when a newer reflow replaced this one.
 */
export async function reflowOnce(
  ask: ReflowAsk,
  onProgress: (step: number, total: number) => void,
): Promise<ReflowOutcome | null> {
  await copyModelToSampler(await trainerClient().status());
  const { mixture, seed, n, stepCounts, pairs, pairSteps, trainSteps, backend } = ask;
  return samplerClient().reflow(
    {
      mixture: mixture.map((c) => ({ ...c })),
      seed,
      n,
      stepCounts: [...stepCounts],
      pairs,
      pairSteps,
      trainSteps,
    },
    backend,
    onProgress,
  );
}
