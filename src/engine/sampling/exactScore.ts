/**
 * The exact score of a mixture (or of its noise-perturbed version q_σ), for a batch of particles, in place.
 *
 *   s(x) = Σ_k r_k(x) (μ_k − x) / v_k,   r_k(x) = exp(l_k(x)) / Σ_j exp(l_j(x)),
 *   l_k(x) = log π_k − ½ log v_k − ½ (x − μ_k)² / v_k,
 *
 * with v_k = s_k² for p and v_k = s_k² + σ² for q_σ (convolving with N(0, σ²) adds σ² to every variance).
 * The constant −½ log 2π cancels in r_k and is dropped.
 *
 * Stability: far from the data every exp(l_k) underflows to 0 (0/0), so the largest l_k is subtracted first;
 * the dominant component then contributes exp(0) = 1 and the ratio is exact to rounding at any |x|.
 *
 * Speed (this is the samplers' hot path): per component the constants c_k = log π_k − ½ log v_k and
 * w_k = 1/v_k are computed once per σ, nothing is allocated per call, and the one- and two-component cases
 * (the common ones) have their own loops: two components need a single exp per particle, through the
 * logistic form r₂ = 1/(1 + exp(l₁ − l₂)).
 */
import type { Mixture } from '../mixture';
import type { BatchScore } from './batchScore';

/** Per-component constants for one σ: means, precisions w_k = 1/v_k and log terms c_k. */
export interface ScoreTables {
  /** Components (of positive weight). */
  k: number;
  mean: Float64Array;
  precision: Float64Array;
  logConst: Float64Array;
  /** Scratch for the log terms of one particle (general case only). */
  terms: Float64Array;
}

function allocateTables(mixture: Mixture): ScoreTables {
  // Components of weight 0 can never take responsibility: dropping them saves work and avoids log 0.
  const k = mixture.filter((c) => c.weight > 0).length;
  return {
    k,
    mean: new Float64Array(k),
    precision: new Float64Array(k),
    logConst: new Float64Array(k),
    terms: new Float64Array(k),
  };
}

function fillTables(mixture: Mixture, sigma: number, t: ScoreTables): void {
  let j = 0;
  for (const c of mixture) {
    if (!(c.weight > 0)) continue;
    const variance = c.std * c.std + sigma * sigma;
    t.mean[j] = c.mean;
    t.precision[j] = 1 / variance;
    t.logConst[j] = Math.log(c.weight) - 0.5 * Math.log(variance);
    j++;
  }
}

/**
 * exp(−37) ≈ 8.5e-17 is below half an ulp of 1: a component whose log term is that far below the largest
 * adds nothing representable to the sums, so its exp is skipped (exact to rounding, and in a mixture of
 * separated modes most components are that far from most particles).
 */
const NEGLIGIBLE_LOG_GAP = -37;

function scoreOne(t: ScoreTables, xs: Float32Array, out: Float32Array): void {
  const mu = t.mean[0];
  const w = t.precision[0];
  for (let i = 0; i < xs.length; i++) out[i] = (mu - xs[i]) * w;
}

function scoreTwo(t: ScoreTables, xs: Float32Array, out: Float32Array): void {
  const mu1 = t.mean[0];
  const mu2 = t.mean[1];
  const w1 = t.precision[0];
  const w2 = t.precision[1];
  const c1 = t.logConst[0];
  const c2 = t.logConst[1];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const d1 = x - mu1;
    const d2 = x - mu2;
    // g_k = (μ_k − x)/v_k is component k's own score; s = g₁ + r₂ (g₂ − g₁).
    const g1 = -d1 * w1;
    const g2 = -d2 * w2;
    // gap = l₂ − l₁; r₂ = 1/(1 + e^(−gap)), evaluated with a non-positive exponent either way.
    const gap = c2 - c1 - 0.5 * (d2 * d2 * w2 - d1 * d1 * w1);
    // Beyond ±37 the responsibility is 0 or 1 to rounding: skip the exp (most particles, once they sit
    // in separated modes).
    let r2: number;
    if (gap > -NEGLIGIBLE_LOG_GAP) r2 = 1;
    else if (gap < NEGLIGIBLE_LOG_GAP) r2 = 0;
    else if (gap >= 0) r2 = 1 / (1 + Math.exp(-gap));
    else {
      const e = Math.exp(gap);
      r2 = e / (1 + e);
    }
    out[i] = g1 + r2 * (g2 - g1);
  }
}

/**
 * Any number of components: s(x) = Σ_k e^(l_k − l_max) g_k / Σ_k e^(l_k − l_max), g_k = (μ_k − x) w_k. Also the
 * kernel of the diffusion marginals' score (diffusion/score.ts), with tables for N(a μ_k, a² s_k² + s²).
 */
export function scoreMany(
  t: ScoreTables,
  xs: Float32Array | Float64Array,
  out: Float32Array | Float64Array,
): void {
  const { k, mean, precision, logConst, terms } = t;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    let max = -Infinity;
    let best = 0;
    for (let j = 0; j < k; j++) {
      const d = x - mean[j];
      const l = logConst[j] - 0.5 * d * d * precision[j];
      terms[j] = l;
      if (l > max) {
        max = l;
        best = j;
      }
    }
    // The dominant component contributes exp(0) = 1 without calling exp.
    let numerator = (mean[best] - x) * precision[best];
    let denominator = 1;
    for (let j = 0; j < k; j++) {
      const gap = terms[j] - max;
      if (j === best || gap < NEGLIGIBLE_LOG_GAP) continue;
      const e = Math.exp(gap);
      denominator += e;
      numerator += e * (mean[j] - x) * precision[j];
    }
    out[i] = numerator / denominator;
  }
}

/**
 * The exact batched score of `mixture` (σ omitted or 0) or of q_σ. The returned function keeps its tables
 * for the last σ it saw, so a run that asks for the same σ every step recomputes nothing.
 */
export function createExactScore(mixture: Mixture): BatchScore {
  const tables = allocateTables(mixture);
  if (tables.k === 0) throw new Error('createExactScore: the mixture has no component with positive weight.');
  let tablesSigma = NaN;
  const kernel = tables.k === 1 ? scoreOne : tables.k === 2 ? scoreTwo : scoreMany;
  return (xs, out, sigma = 0) => {
    if (sigma !== tablesSigma) {
      fillTables(mixture, sigma, tables);
      tablesSigma = sigma;
    }
    kernel(tables, xs, out);
  };
}
