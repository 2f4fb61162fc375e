/**
 * The learned ε-model's likelihood by the probability-flow ODE, computed in the training worker (which holds
 * the model) on the same grid and the same fixed data samples as the exact curves (likelihoodModel.ts). One
 * result is kept, keyed by everything that changes it, including the model's training step.
 */
import { create } from 'zustand';
import { meanNll, nllSamples } from '../../engine/diffusion/likelihood';
import { pageValues } from '../../store/appStore';
import type { PageValues } from '../../store/schemas';
import { trainerClient } from '../../store/trainSession';
import { processSpecOf } from './diffusionModel';
import { useDiffusionSession } from '../../store/diffusionSession';
import { hasModelFor } from './diffusionActions';
import { likelihoodGridOf } from './likelihoodModel';

export type LearnedLikelihood =
  | { kind: 'none' }
  | { kind: 'computing'; key: string }
  | { kind: 'done'; key: string; ode: Float64Array; nll: number }
  | { kind: 'failed'; key: string; message: string };

export const useLearnedLikelihood = create<{ state: LearnedLikelihood }>(() => ({ state: { kind: 'none' } }));

export function learnedKey(values: PageValues<'diffusion'>): string {
  const step = useDiffusionSession.getState().model?.step ?? 0;
  return JSON.stringify([values.mix, processSpecOf(values), values.steps, values.solver, step]);
}

let inflight: { key: string; promise: Promise<LearnedLikelihood> } | null = null;

/** Computes (or joins the computation of) the learned likelihood for these settings; null without a model. */
export function learnedLikelihood(values: PageValues<'diffusion'>): Promise<LearnedLikelihood> | null {
  if (values.score !== 'learned' || !hasModelFor(values)) return null;
  const key = learnedKey(values);
  const now = useLearnedLikelihood.getState().state;
  if (now.kind === 'done' && now.key === key) return Promise.resolve(now);
  if (inflight?.key === key) return inflight.promise;
  const promise = compute(values, key);
  inflight = { key, promise };
  void promise.finally(() => {
    if (inflight?.promise === promise) inflight = null;
  });
  return promise;
}

async function compute(values: PageValues<'diffusion'>, key: string): Promise<LearnedLikelihood> {
  const set = (state: LearnedLikelihood) => {
    // A newer request owns the store: an older answer is dropped.
    if (learnedKey(pageValues('diffusion')) === key) useLearnedLikelihood.setState({ state });
    return state;
  };
  set({ kind: 'computing', key });
  const mixture = values.mix;
  const grid = likelihoodGridOf(mixture);
  const samples = nllSamples(mixture);
  try {
    const reply = await trainerClient().likelihood(
      processSpecOf(values),
      [...grid, ...samples],
      values.steps,
      values.solver,
    );
    const logp = Float64Array.from(reply.logp);
    return set({
      kind: 'done',
      key,
      ode: logp.slice(0, grid.length),
      nll: meanNll(logp.subarray(grid.length)),
    });
  } catch (error) {
    return set({ kind: 'failed', key, message: error instanceof Error ? error.message : String(error) });
  }
}
