/**
 * How a plane sampler worker evaluates a trained network: PlaneSamplerService asks its LearnedForward for a pair
 * score once per learned run, and says in every frame how that score is computed.
 *
 * - javascriptForward: the blocked plain-JavaScript forward (engine/plane/batchedScore2.ts). The exact-score worker
 *   (planeSampler.worker.ts) and Node tests use it; it needs no tensor library.
 * - tensorForward (planeTensorForward.ts): TensorFlow.js on wasm, for the engine worker's plane-sampler role. A
 *   file of its own so that the exact-score worker's bundle never references TensorFlow.js.
 */
import type { PlaneLearnedModel } from '../engine/plane';
import { batchedPlaneScore, type PairBatchScore } from '../engine/plane/batchedScore2';

export interface BuiltForward {
  score: PairBatchScore;
  /** How the network is evaluated now, for the read-out (it changes if the tensor forward fails mid-run). */
  engine(): string;
  dispose(): void;
}

export interface LearnedForward {
  build(model: PlaneLearnedModel): Promise<BuiltForward>;
}

export const JAVASCRIPT_ENGINE = 'plain JavaScript (blocked loops in the worker)';

export const javascriptForward: LearnedForward = {
  build: (model) =>
    Promise.resolve({
      score: batchedPlaneScore(model.params, model.sigmaMin),
      engine: () => JAVASCRIPT_ENGINE,
      dispose: () => {},
    }),
};
