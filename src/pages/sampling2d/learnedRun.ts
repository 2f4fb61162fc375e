/**
 * How the page starts a run: on the exact score, or with `score=learned` on the plane network field2d trained
 * (usePlaneModel), for every sampler whose noise levels that network covers (engine/plane/learnedPlan2.ts).
 */
import { smallestTrainedSigma, type PlaneLearnedModel, type PlaneRunConfig } from '../../engine/plane';
import { learnedDiffusionRefusal, trainedSigmaRange } from '../../engine/plane/learnedPlan2';
import type { PlaneModelSnapshot } from '../../engine/plane/planeModel';
import { usePlaneModel } from '../../store/planeModel';
import { clearPlaneRun, startPlaneRun } from '../../store/planeSampling';

/** The settings that decide whether a learned run can go ahead. */
export type LearnedRunShape = Pick<PlaneRunConfig, 'sampler' | 'steps' | 'smin' | 'smax'>;

/**
 * Why `model` cannot serve a run of this shape (one sentence with the σ range the run needs and the one the model
 * has), or null when it can: Langevin and annealed always; the VE diffusion samplers when the page's σ_min … σ_max
 * lie inside the trained range; DDPM when its σ̃ range does (never for field2d's σ_max ≤ 20); flow matching never.
 */
export function learnedRefusal(run: LearnedRunShape, model: PlaneModelSnapshot): string | null {
  const [sigmaMin, sigmaMax] = trainedSigmaRange(model.config);
  return learnedDiffusionRefusal(run, { sigmaMin, sigmaMax });
}

let cached: { version: number; payload: PlaneLearnedModel } | null = null;

/** The model as a run's `learned` field: its parameters copied once per published version, not once per run. */
function learnedPayload(model: PlaneModelSnapshot): PlaneLearnedModel {
  if (cached?.version !== model.version) {
    const [, sigmaMax] = trainedSigmaRange(model.config);
    cached = {
      version: model.version,
      payload: {
        params: model.params.map((p) => ({ name: p.name, shape: [...p.shape], values: p.values.slice() })),
        sigmaMin: smallestTrainedSigma(model.config),
        sigmaMax,
        step: model.step,
        version: model.version,
      },
    };
  }
  return cached.payload;
}

/**
 * Starts the page's run from `config`: on the exact score, or with `learned` on the current plane model. With no
 * model, or a run the model cannot serve, it runs nothing (the page's LearnedGate says why).
 */
export function startSampling(config: PlaneRunConfig, learned: boolean): void {
  if (!learned) {
    void startPlaneRun(config);
    return;
  }
  const model = usePlaneModel.getState().model;
  if (!model || learnedRefusal(config, model) !== null) {
    clearPlaneRun();
    return;
  }
  void startPlaneRun(
    { ...config, learned: learnedPayload(model) },
    { step: model.step, fisher: model.fisher },
  );
}
