/**
 * How the page starts a run: on the exact score, or with `score=learned` on the plane network field2d trained
 * (usePlaneModel), for the two samplers whose noise levels such a network is trained on.
 */
import {
  smallestTrainedSigma,
  type PlaneLearnedModel,
  type PlaneRunConfig,
  type PlaneSampler,
} from '../../engine/plane';
import type { PlaneModelSnapshot } from '../../engine/plane/planeModel';
import { usePlaneModel } from '../../store/planeModel';
import { clearPlaneRun, startPlaneRun } from '../../store/planeSampling';

/**
 * Langevin and annealed Langevin ask for the score of q_σ at σ values like those of an NCSN ladder; the diffusion
 * and flow samplers ask for the score (or velocity) of p_t up to t = 1, where p_t is close to N(0, I), which no
 * field2d network is trained on.
 */
export function learnedSamplerSupported(sampler: PlaneSampler): boolean {
  return sampler === 'langevin' || sampler === 'annealed';
}

let cached: { version: number; payload: PlaneLearnedModel } | null = null;

/** The model as a run's `learned` field: its parameters copied once per published version, not once per run. */
function learnedPayload(model: PlaneModelSnapshot): PlaneLearnedModel {
  if (cached?.version !== model.version) {
    cached = {
      version: model.version,
      payload: {
        params: model.params.map((p) => ({ name: p.name, shape: [...p.shape], values: p.values.slice() })),
        sigmaMin: smallestTrainedSigma(model.config),
        step: model.step,
        version: model.version,
      },
    };
  }
  return cached.payload;
}

/**
 * Starts the page's run from `config`: on the exact score, or with `learned` on the current plane model. With no
 * model, or a sampler the model cannot serve, it runs nothing (the page's LearnedGate says why).
 */
export function startSampling(config: PlaneRunConfig, learned: boolean): void {
  if (!learned) {
    void startPlaneRun(config);
    return;
  }
  const model = usePlaneModel.getState().model;
  if (!model || !learnedSamplerSupported(config.sampler)) {
    clearPlaneRun();
    return;
  }
  void startPlaneRun(
    { ...config, learned: learnedPayload(model) },
    { step: model.step, fisher: model.fisher },
  );
}
