/** Samplers for the sampler worker: one ParticleRun interface, a plain-JS engine and a tensor engine. */
export type {
  EngineName,
  LevelSnapshotData,
  ParticleRun,
  TrackRecords,
  WeightRecord,
} from '../../sampling/particleRun';
export {
  nextMultiple,
  planRun,
  spreadIndices,
  strideIndices,
  TRACK_POINTS,
  WEIGHT_POINTS,
  WEIGHT_SAMPLE,
  type RunPlan,
  type SamplerKind,
  type SamplingSpec,
} from '../../sampling/plan';
export { JsParticleRun } from '../../sampling/jsRun';
export { TensorParticleRun, type TensorRunOptions } from './tensorRun';
export { ExactTensorScore, type TensorScore } from './tensorScore';
export { LearnedTensorScore } from './learnedScore';
export { nextNormals, seedNoise, type NoiseState } from './tensorNoise';
export { BLOCK_SIZE, blockSizes, deviceHistogram } from './blocks';
