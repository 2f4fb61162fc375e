/**
 * Reverse-diffusion samplers on a pluggable time-dependent score (SCIENCE.md §6–7): DDPM ancestral (with
 * skipping), reverse-SDE Euler–Maruyama, probability-flow ODE (Euler, Heun) and predictor–corrector, on the
 * continuous VP and VE SDEs or on any discrete schedule of ../schedules.
 */
export {
  DEFAULT_VE,
  DEFAULT_VP,
  discreteProcess,
  keptSteps,
  veProcess,
  vpProcess,
  type DiffusionProcess,
  type Transition,
} from './process';
export {
  createMarginalScore,
  epsilonFromScore,
  exactProcessScore,
  processMarginal,
  scoreFromEpsilon,
  type Batch,
  type TimeScore,
} from './score';
export {
  DEFAULT_SNR,
  DiffusionRun,
  correctorAlpha,
  correctsAt,
  sampleDiffusion,
  type DiffusionRunOptions,
  type SamplerKind,
  type SamplerSpec,
  type Trajectories,
} from './run';
export type { AncestralVariance, OdeSolver } from './steps';
export {
  BENCHMARK_STEPS,
  exactSampleW1,
  standardSamplers,
  w1VsSteps,
  type BenchmarkOptions,
  type BenchmarkRow,
  type BenchmarkSampler,
} from './benchmark';
