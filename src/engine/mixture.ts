/**
 * The data of every page: a 1D Gaussian mixture p(x) = Σ_k π_k N(x; μ_k, s_k²).
 *
 * Everything is computed in log space where products of small numbers appear (responsibilities, score),
 * so the functions stay finite far out in the tails where p(x) underflows.
 */
import { logSumExp, normalCdf, normalLogPdf } from './special';
import type { Rng } from './rng';

export interface Component {
  /** Mixture weight π_k ≥ 0 (the weights of a mixture sum to 1). */
  weight: number;
  mean: number;
  /** Standard deviation s_k > 0. */
  std: number;
}

export type Mixture = readonly Component[];

/** The standard lecture example: π = (0.6, 0.4), μ = (2, −2), s = (0.5, 0.2). */
export const DEFAULT_MIXTURE: Mixture = [
  { weight: 0.6, mean: 2, std: 0.5 },
  { weight: 0.4, mean: -2, std: 0.2 },
];

export const MAX_COMPONENTS = 6;

/**
 * The same mixture with weights rescaled to sum to 1 (equal weights if none is positive): π_k = w_k / Σ w_j.
 * When that sum overflows (1e308 + 1e308 is Infinity, which would turn every weight into 0), each weight is first
 * divided by the largest: π_k = (w_k / w_max) / Σ (w_j / w_max), whose terms lie in [0, 1] so the sum is at most the
 * number of components. Infinite weights share the mass equally. Weights that already sum to a finite number are
 * divided directly, so weights summing to 1 come back bit for bit.
 */
export function normalizeWeights(mixture: Mixture): Mixture {
  const weights = mixture.map((c) => (c.weight > 0 ? c.weight : 0));
  const largest = Math.max(0, ...weights);
  if (!(largest > 0)) return mixture.map((c) => ({ ...c, weight: 1 / mixture.length }));
  let total = weights.reduce((sum, w) => sum + w, 0);
  let scaled = weights;
  if (!Number.isFinite(total)) {
    scaled = weights.map((w) => (largest === Infinity ? (w === Infinity ? 1 : 0) : w / largest));
    total = scaled.reduce((sum, w) => sum + w, 0);
  }
  return mixture.map((c, k) => ({ ...c, weight: scaled[k] / total }));
}

/** Per-component log joint terms l_k(x) = log π_k + log N(x; μ_k, s_k²), written into `out`. */
function componentLogTerms(mixture: Mixture, x: number, out: Float64Array): Float64Array {
  for (let k = 0; k < mixture.length; k++) {
    const c = mixture[k];
    out[k] = c.weight > 0 ? Math.log(c.weight) + normalLogPdf(x, c.mean, c.std) : -Infinity;
  }
  return out;
}

/** log p(x) by log-sum-exp over components. */
export function mixtureLogPdf(mixture: Mixture, x: number): number {
  return logSumExp(componentLogTerms(mixture, x, new Float64Array(mixture.length)));
}

export function mixturePdf(mixture: Mixture, x: number): number {
  return Math.exp(mixtureLogPdf(mixture, x));
}

/** Responsibilities r_k(x) = π_k N(x; μ_k, s_k²) / p(x), which sum to 1. */
export function responsibilities(mixture: Mixture, x: number): Float64Array {
  const terms = componentLogTerms(mixture, x, new Float64Array(mixture.length));
  const total = logSumExp(terms);
  for (let k = 0; k < terms.length; k++) terms[k] = Math.exp(terms[k] - total);
  return terms;
}

/** Score s(x) = d/dx log p(x) = Σ_k r_k(x) (μ_k − x) / s_k². */
export function mixtureScore(mixture: Mixture, x: number): number {
  const r = responsibilities(mixture, x);
  let score = 0;
  for (let k = 0; k < mixture.length; k++) {
    const c = mixture[k];
    score += (r[k] * (c.mean - x)) / (c.std * c.std);
  }
  return score;
}

/** CDF F(x) = Σ_k π_k Φ((x − μ_k)/s_k). */
export function mixtureCdf(mixture: Mixture, x: number): number {
  let total = 0;
  for (const c of mixture) total += c.weight * normalCdf((x - c.mean) / c.std);
  return total;
}

/**
 * The noise-perturbed density q_σ = p ∗ N(0, σ²): convolving Gaussians adds variances, so q_σ is the same
 * mixture with every s_k² grown to s_k² + σ².
 */
export function perturbMixture(mixture: Mixture, sigma: number): Mixture {
  return mixture.map((c) => ({ ...c, std: Math.sqrt(c.std * c.std + sigma * sigma) }));
}

/** n exact samples: pick component k with probability π_k, then draw μ_k + s_k z. */
export function sampleMixture(mixture: Mixture, n: number, rng: Rng): Float64Array {
  const cumulative: number[] = [];
  let running = 0;
  for (const c of mixture) cumulative.push((running += c.weight));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform() * running;
    let k = 0;
    while (k < cumulative.length - 1 && u >= cumulative[k]) k++;
    const c = mixture[k];
    out[i] = c.mean + c.std * rng.normal();
  }
  return out;
}

export function mixtureMean(mixture: Mixture): number {
  return mixture.reduce((sum, c) => sum + c.weight * c.mean, 0);
}

/** Var = Σ π_k (s_k² + μ_k²) − mean². */
export function mixtureStd(mixture: Mixture): number {
  const mean = mixtureMean(mixture);
  const second = mixture.reduce((sum, c) => sum + c.weight * (c.std * c.std + c.mean * c.mean), 0);
  return Math.sqrt(Math.max(0, second - mean * mean));
}

/**
 * [lo, hi] = [min_k (μ_k − k s_k), max_k (μ_k + k s_k)]: where every component has all but a negligible tail
 * (k = 8 leaves 10⁻¹⁵ of each outside), and the narrowest s_k, which sets the spacing a grid over it needs.
 */
export function componentSpan(
  components: readonly { mean: number; std: number }[],
  k: number,
): { lo: number; hi: number; narrowest: number } {
  let lo = Infinity;
  let hi = -Infinity;
  let narrowest = Infinity;
  for (const c of components) {
    lo = Math.min(lo, c.mean - k * c.std);
    hi = Math.max(hi, c.mean + k * c.std);
    narrowest = Math.min(narrowest, c.std);
  }
  return { lo, hi, narrowest };
}

/**
 * A plotting range that shows every component out to ±4 s_k, at least `minHalfWidth` either side of the
 * centre, rounded outwards to whole numbers so axes stay steady while parameters move a little.
 */
export function plotRange(mixture: Mixture, minHalfWidth = 4): [number, number] {
  const span = componentSpan(mixture, 4);
  const centre = (span.lo + span.hi) / 2;
  const lo = Math.min(span.lo, centre - minHalfWidth);
  const hi = Math.max(span.hi, centre + minHalfWidth);
  return [Math.floor(lo), Math.ceil(hi)];
}
