/** The analytic samplers: plain and annealed Langevin on a pluggable batched score, and what they report. */
export type { BatchScore } from './batchScore';
export { createExactScore } from './exactScore';
export { NormalStream } from './normalStream';
export {
  DEFAULT_INIT,
  INIT_LIMIT,
  drawInitialParticles,
  formatInit,
  initText,
  parseInit,
  parseInitParam,
  type InitParse,
  type InitSpec,
} from './initParticles';
export {
  DEFAULT_BOUND,
  SamplerRun,
  type Divergence,
  type ExplainDivergence,
  type SamplerLevel,
  type SamplerRunOptions,
  type SamplerState,
} from './runner';
export { LangevinRun, createLangevinRun, type LangevinConfig, type LangevinRunOptions } from './langevin';
export {
  AnnealedRun,
  annealedLevels,
  createAnnealedRun,
  geometricSigmas,
  type AnnealedConfig,
  type AnnealedRunOptions,
  type AnnealedState,
  type LevelSnapshot,
} from './annealed';
export {
  emptyHistogram,
  histogram,
  histogramEdges,
  histogramView,
  type Histogram,
  type HistogramRange,
  type HistogramView,
} from './histogram';
export { TrajectoryRecorder, type TrajectoryOptions, type TrajectorySnapshot } from './trajectories';
export {
  computeRunMetrics,
  strideSubsample,
  DEFAULT_MAX_SORTED,
  type RunMetrics,
  type RunMetricsOptions,
} from './runMetrics';
export {
  explainExactDivergence,
  explainGenericDivergence,
  stepSizeLimits,
  stepSizeWarnings,
} from './stability';
export { runSeeds, type RunSeeds } from './seeds';
export * from './presets';
export type { AnnealedSetting, LangevinSetting, RunExtras } from './settings';
