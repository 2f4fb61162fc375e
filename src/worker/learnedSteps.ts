/**
 * The sampler worker's answer to `learnedSteps` (samplerProtocol.ts): which of the models it holds can draw a
 * learned curve for the request's mixture, and the curves of those that can (engine/flow/learnedSteps.ts); on
 * WebGPU the VP ε-model's curves run on the fused kernels (learnedDiffusion.ts).
 */
import { learnedStepsCurves, type LearnedStepsOptions } from '../engine/flow/learnedSteps';
import { learnedField, type EpsModel } from '../engine/tf/eps/learnedJob';
import { normalizeWeights, type Mixture } from '../engine/mixture';
import type { TrainConfig } from '../engine/training/config';
import type { LearnedStepsEvent, LearnedStepsRequest } from './samplerProtocol';

/** Equal mixtures after normalising the weights (a model file keeps them normalised, a URL need not). */
export function sameMixture(a: Mixture, b: Mixture): boolean {
  if (a.length !== b.length) return false;
  const na = normalizeWeights(a);
  const nb = normalizeWeights(b);
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return na.every(
    (c, k) => close(c.weight, nb[k].weight) && close(c.mean, nb[k].mean) && close(c.std, nb[k].std),
  );
}

/** Whether a model is a time-conditional network trained on process `sde` and this mixture. */
export function isModelOf(config: TrainConfig, sde: 'fm' | 'vp', mixture: Mixture): boolean {
  return config.objective === 'eps' && config.diffusion?.sde === sde && sameMixture(config.mixture, mixture);
}

/**
 * The curves; with `models.fused` (WebGPU) the VP ODE runs on the fused kernels, and if they fail the curves are drawn
 * again on the tensor ops after `fused.fail` has recorded why.
 */
export async function learnedStepsReply(
  request: LearnedStepsRequest,
  models: {
    fm: EpsModel | null;
    vp: EpsModel | null;
    fused?: { vpRun: LearnedStepsOptions['vpRun']; fail: (error: unknown) => void };
  },
  cancelled: () => boolean,
): Promise<Omit<LearnedStepsEvent, 'type' | 'replyTo'>> {
  const { fm, vp, fused } = models;
  const curves = (vpRun?: LearnedStepsOptions['vpRun']) =>
    learnedStepsCurves({
      ...request,
      velocity: fm?.config.diffusion ? learnedField(fm, fm.config.diffusion) : undefined,
      vpScore: vp?.config.diffusion ? learnedField(vp, vp.config.diffusion) : undefined,
      vpRun,
      cancelled,
    });
  const found = { fm: fm !== null, vp: vp !== null };
  if (fused && vp)
    try {
      return { curves: await curves(fused.vpRun), models: found };
    } catch (error) {
      fused.fail(error);
    }
  return { curves: await curves(), models: found };
}
