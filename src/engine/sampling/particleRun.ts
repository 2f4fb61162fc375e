/**
 * One interface over the two ways the sampler worker moves particles:
 *  - `JsParticleRun` (jsRun.ts): the plain-JavaScript runners of engine/sampling on the exact mixture score,
 *    particles in a Float32Array;
 *  - `TensorParticleRun` (tensorRun.ts): particles as tensors on the active TensorFlow.js backend, with the
 *    exact score or a trained network, noise generated on the backend.
 *
 * Both take the same steps (x ← x + (α/2) s(x) + √α z, SCIENCE.md §4) over the same schedule of levels, and both
 * report only what the page draws: a histogram, a few dozen tracked paths, mode weights at regular steps, and
 * one histogram at the end of every annealing level. Reading particles back is asynchronous (a GPU backend
 * answers when its queue has drained), hence the promises.
 */
import type { Histogram, HistogramRange, SamplerLevel, SamplerState } from './index';

/** 'fused': the WGSL kernels of engine/gpu (engine/tf/fused/samplerRun.ts), one dispatch per chunk of steps. */
export type EngineName = 'js' | 'tensor' | 'fused';

/** New positions of the tracked particles since the last take: record-major, `tracks` per record. */
export interface TrackRecords {
  steps: number[];
  /** positions[t * tracks + j] is track j at steps[t]. */
  positions: number[];
  tracks: number;
}

/** Mode weights (mean responsibilities over a fixed subsample) at one step. */
export interface WeightRecord {
  step: number;
  weights: number[];
}

/** The particles at the end of one level (annealed runs; plain Langevin has one level and none). */
export interface LevelSnapshotData {
  /** 0-based level. */
  level: number;
  sigma: number;
  stepSize: number;
  step: number;
  histogram: Histogram;
}

export interface ParticleRun {
  readonly engine: EngineName;
  readonly n: number;
  readonly totalSteps: number;
  readonly levels: readonly SamplerLevel[];
  /** Where the run stands (cheap, no readback). particleStepsPerSec counts stepping time only. */
  state(): SamplerState;
  /**
   * Takes up to `maxSteps` steps and stops early once `budgetMs` of wall time have passed (checked between
   * chunks) or on divergence. Resolves with the number of steps taken.
   */
  advance(maxSteps: number, budgetMs: number): Promise<number>;
  /** All particles counted into `range` (bins of equal width; see engine/sampling/histogram.ts). */
  histogram(range: HistogramRange): Promise<Histogram>;
  /** Every k-th particle, at most `max` of them (a uniform subsample: particles are exchangeable). */
  subsample(max: number): Promise<Float32Array>;
  /** Every particle (for the final figures). */
  particles(): Promise<Float32Array>;
  /** Tracked paths recorded since the last call. */
  takeTracks(): TrackRecords;
  /** Mode-weight records since the last call. */
  takeWeights(): WeightRecord[];
  /** End-of-level snapshots since the last call. */
  takeSnapshots(): LevelSnapshotData[];
  /** Frees what the run owns (tensors); the run is unusable afterwards. */
  dispose(): void;
}
