/**
 * What a sampling run is, as plain data (it crosses postMessage), and the schedule both engines follow.
 *
 * Plain Langevin is one level, x ← x + (ε/2) s(x) + √ε z for `steps` steps. Annealed Langevin is L levels
 * σ_1 > … > σ_L (geometric), T steps each with α_i = ε σ_i²/σ_L² (annealedLevels in engine/sampling).
 *
 * Besides the steps the plan fixes what is recorded on the way, so the JS and tensor engines report the same
 * things at the same steps:
 *  - tracked paths: `trackCount` particles spread evenly over the indices (i_j = ⌊(j + ½) n / m⌋, as
 *    engine/sampling/trajectories.ts), every `trackEvery` steps, at most ~TRACK_POINTS records per run;
 *  - mode weights every `weightsEvery` steps (~WEIGHT_POINTS per run) on a strided subsample of
 *    `weightSample` particles: enough for ±0.01 (the standard error of a share near ½ at 2,500 is 0.01);
 *  - one histogram of the particles at the end of every level (annealed).
 */
import type { Component, Mixture } from '../mixture';
import {
  annealedLevels,
  geometricSigmas,
  type HistogramRange,
  type InitSpec,
  type SamplerLevel,
} from './index';

/** Which Langevin sampler a run (and its page) uses: plain or annealed. */
export type SamplerKind = 'langevin' | 'annealed';

/** What every run has, whichever sampler. */
interface SamplingCommon {
  mixture: Component[];
  n: number;
  /** ε: the step of plain Langevin, or of the last annealing level. */
  eps: number;
  /** Langevin: all steps. Annealed: steps per level (T). */
  steps: number;
  init: InitSpec;
  seed: number;
  /** Range and bins of the end-of-level histograms. */
  snapshotRange: HistogramRange;
  /** Particles whose paths are tracked. */
  tracks: number;
}

/** Plain Langevin: one level of `steps` steps of size ε. */
export interface LangevinSpec extends SamplingCommon {
  kind: 'langevin';
}

/** Annealed Langevin: `levels` noise scales from σ_max down to σ_min (geometric), `steps` steps each. */
export interface AnnealedSpec extends SamplingCommon {
  kind: 'annealed';
  smin: number;
  smax: number;
  levels: number;
}

export type SamplingSpec = LangevinSpec | AnnealedSpec;

/** Records per run of the tracked paths (the time × x view) and of the mode weights. */
export const TRACK_POINTS = 600;
export const WEIGHT_POINTS = 240;
export const WEIGHT_SAMPLE = 2500;

export interface RunPlan {
  spec: SamplingSpec;
  mixture: Mixture;
  levels: SamplerLevel[];
  /** σ per level (annealed); empty for plain Langevin. */
  sigmas: number[];
  totalSteps: number;
  trackIndices: Int32Array;
  trackEvery: number;
  weightsEvery: number;
  /** Indices of the weight subsample (every k-th particle). */
  weightIndices: Int32Array;
}

/** i_j = ⌊(j + ½) n / m⌋: m indices spread evenly over 0..n−1. */
export function spreadIndices(n: number, m: number): Int32Array {
  const count = Math.max(0, Math.min(n, Math.floor(m)));
  const out = new Int32Array(count);
  for (let j = 0; j < count; j++) out[j] = Math.floor(((j + 0.5) * n) / count);
  return out;
}

/** Every k-th index, k = ⌈n / max⌉ (the same stride as strideSubsample in engine/sampling). */
export function strideIndices(n: number, max: number): Int32Array {
  const stride = Math.max(1, Math.ceil(n / Math.max(1, max)));
  const out = new Int32Array(Math.ceil(n / stride));
  for (let i = 0, j = 0; i < n; i += stride, j++) out[j] = i;
  return out;
}

export function planRun(spec: SamplingSpec): RunPlan {
  let levels: SamplerLevel[];
  let sigmas: number[] = [];
  if (spec.kind === 'annealed') {
    const s = geometricSigmas(spec.smax, spec.smin, spec.levels);
    sigmas = Array.from(s);
    levels = annealedLevels(spec.eps, s, spec.steps);
  } else {
    levels = [{ stepSize: spec.eps, steps: spec.steps }];
  }
  const totalSteps = levels.reduce((sum, l) => sum + l.steps, 0);
  return {
    spec,
    mixture: spec.mixture,
    levels,
    sigmas,
    totalSteps,
    trackIndices: spreadIndices(spec.n, spec.tracks),
    trackEvery: Math.max(1, Math.ceil(totalSteps / TRACK_POINTS)),
    weightsEvery: Math.max(1, Math.ceil(totalSteps / WEIGHT_POINTS)),
    weightIndices: strideIndices(spec.n, WEIGHT_SAMPLE),
  };
}

/** The next step at or after `step` that is a multiple of `every`. */
export function nextMultiple(step: number, every: number): number {
  return Math.ceil(step / every) * every;
}
