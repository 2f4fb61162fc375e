/**
 * The figures the `langevin` and `annealed` pages report (CONTRACT.md §2): step, n, modeWeights, w1, ks, mean,
 * std (annealed adds level), computed with the engine's metrics (SCIENCE.md §8).
 *
 * Cost: W1 and KS sort the samples and evaluate the mixture CDF at each (W1 also its antiderivative, and a
 * bisection wherever F_n crosses F). Measured on the 2-core machine for the default mixture: all the
 * metrics on every particle take ≈ 1 s at n = 10⁶ (W1 ≈ 0.65 s, KS ≈ 0.3 s, mode weights ≈ 0.13 s) and
 * ≈ 0.09 s at 10⁵. So W1 and KS use at most `maxSorted` particles (default 10⁵; then ≈ 0.22 s at
 * n = 10⁶, most of it the mode weights over all particles), taken with a stride. The particles are exchangeable (independent initial draws, independent noise), so a strided
 * subset is a uniform random subsample; its sampling noise (W1 ≈ 0.005, KS ≈ 0.003 at 10⁵ for this mixture)
 * is far below the differences the pages show. Mode weights, mean and std are one cheap pass over all.
 */
import { ksStatistic, modeWeights, sampleMean, sampleStd, wasserstein1 } from '../metrics';
import type { Mixture } from '../mixture';

export const DEFAULT_MAX_SORTED = 100_000;

export interface RunMetrics {
  step: number;
  n: number;
  /** Mean responsibility of each component over the particles (compare with π_k). */
  modeWeights: number[];
  w1: number;
  ks: number;
  mean: number;
  std: number;
  /** How many particles W1 and KS were computed on (n, or the strided subsample). */
  sortedSample: number;
  /** Annealed runs: the 1-based level now running. */
  level?: number;
}

export interface RunMetricsOptions {
  step: number;
  /** 1-based annealing level, for annealed runs. */
  level?: number;
  /** Largest sample W1 and KS are computed on. */
  maxSorted?: number;
}

/** Every k-th particle, k = ⌈n / max⌉ (the array itself when n ≤ max). */
export function strideSubsample(xs: Float32Array, max: number): Float32Array {
  if (xs.length <= max) return xs;
  const stride = Math.ceil(xs.length / max);
  const out = new Float32Array(Math.ceil(xs.length / stride));
  for (let i = 0, j = 0; i < xs.length; i += stride, j++) out[j] = xs[i];
  return out;
}

export function computeRunMetrics(
  xs: Float32Array,
  mixture: Mixture,
  options: RunMetricsOptions,
): RunMetrics {
  const sorted = strideSubsample(xs, Math.max(1, options.maxSorted ?? DEFAULT_MAX_SORTED));
  const metrics: RunMetrics = {
    step: options.step,
    n: xs.length,
    modeWeights: modeWeights(xs, mixture),
    w1: wasserstein1(sorted, mixture),
    ks: ksStatistic(sorted, mixture),
    mean: sampleMean(xs),
    std: sampleStd(xs),
    sortedSample: sorted.length,
  };
  if (options.level !== undefined) metrics.level = options.level;
  return metrics;
}
