/**
 * How far a set of samples is from the mixture (SCIENCE.md §8).
 *
 * W1 = ∫ |F_n(x) − F(x)| dx is computed exactly: between consecutive sorted samples F_n is a constant c and F is
 * increasing, so |c − F| changes sign at most once; with the antiderivative G(x) = ∫_{−∞}^x F, known in closed
 * form for Gaussians, every piece integrates exactly.
 */
import { mixtureCdf, responsibilities, type Mixture } from './mixture';
import { normalCdf, normalPdf } from './special';

/** G(x) = ∫_{−∞}^x F(t) dt = Σ_k π_k [ (x − μ_k) Φ(z_k) + s_k φ(z_k) ], z_k = (x − μ_k)/s_k. */
function cdfIntegral(mixture: Mixture, x: number): number {
  let total = 0;
  for (const c of mixture) {
    const z = (x - c.mean) / c.std;
    total += c.weight * ((x - c.mean) * normalCdf(z) + c.std * normalPdf(z, 0, 1));
  }
  return total;
}

/** T(x) = ∫_x^∞ (1 − F(t)) dt = Σ_k π_k [ s_k φ(z_k) − (x − μ_k)(1 − Φ(z_k)) ]. */
function survivalIntegral(mixture: Mixture, x: number): number {
  let total = 0;
  for (const c of mixture) {
    const z = (x - c.mean) / c.std;
    total += c.weight * (c.std * normalPdf(z, 0, 1) - (x - c.mean) * normalCdf(-z));
  }
  return total;
}

/** The x in [a, b] where F(x) = level, by bisection (F is increasing). */
function solveCdf(mixture: Mixture, level: number, a: number, b: number): number {
  let lo = a;
  let hi = b;
  for (let i = 0; i < 60 && hi - lo > 1e-12 * (1 + Math.abs(lo)); i++) {
    const mid = 0.5 * (lo + hi);
    if (mixtureCdf(mixture, mid) < level) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

export function sortedCopy(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

/** Wasserstein-1 distance between the empirical distribution of `samples` and the mixture. */
export function wasserstein1(samples: ArrayLike<number>, mixture: Mixture): number {
  const xs = sortedCopy(samples);
  const n = xs.length;
  if (n === 0) return NaN;
  let total = cdfIntegral(mixture, xs[0]) + survivalIntegral(mixture, xs[n - 1]);
  let fa = mixtureCdf(mixture, xs[0]);
  for (let i = 1; i < n; i++) {
    const a = xs[i - 1];
    const b = xs[i];
    const fb = mixtureCdf(mixture, b);
    if (b > a) {
      const c = i / n;
      const ga = cdfIntegral(mixture, a);
      const gb = cdfIntegral(mixture, b);
      if (fb <= c) total += c * (b - a) - (gb - ga);
      else if (fa >= c) total += gb - ga - c * (b - a);
      else {
        const cross = solveCdf(mixture, c, a, b);
        const gc = cdfIntegral(mixture, cross);
        total += c * (cross - a) - (gc - ga) + (gb - gc) - c * (b - cross);
      }
    }
    fa = fb;
  }
  return total;
}

/** Kolmogorov–Smirnov statistic sup_x |F_n(x) − F(x)|. */
export function ksStatistic(samples: ArrayLike<number>, mixture: Mixture): number {
  const xs = sortedCopy(samples);
  const n = xs.length;
  let sup = 0;
  for (let i = 0; i < n; i++) {
    const f = mixtureCdf(mixture, xs[i]);
    sup = Math.max(sup, (i + 1) / n - f, f - i / n);
  }
  return sup;
}

export function sampleMean(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i];
  return sum / samples.length;
}

/** Population standard deviation (divides by n). */
export function sampleStd(samples: ArrayLike<number>): number {
  const mean = sampleMean(samples);
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += (samples[i] - mean) ** 2;
  return Math.sqrt(sum / samples.length);
}

/** Mode weights: the mean responsibility of each component over the samples (compare with π_k). */
export function modeWeights(samples: ArrayLike<number>, mixture: Mixture): number[] {
  const totals = new Array<number>(mixture.length).fill(0);
  let counted = 0;
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i])) continue;
    const r = responsibilities(mixture, samples[i]);
    for (let k = 0; k < mixture.length; k++) totals[k] += r[k];
    counted++;
  }
  return totals.map((t) => (counted > 0 ? t / counted : NaN));
}

export interface SampleSummary {
  n: number;
  w1: number;
  ks: number;
  mean: number;
  std: number;
  modeWeights: number[];
}

export function summarizeSamples(samples: ArrayLike<number>, mixture: Mixture): SampleSummary {
  return {
    n: samples.length,
    w1: wasserstein1(samples, mixture),
    ks: ksStatistic(samples, mixture),
    mean: sampleMean(samples),
    std: sampleStd(samples),
    modeWeights: modeWeights(samples, mixture),
  };
}
