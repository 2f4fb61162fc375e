/**
 * Which noise levels training sees, and how the variational bound would weight them (SCIENCE.md §9).
 *
 * - DDPM draws t uniformly from 1..T, so every step carries mass 1/T and the levels' density over log λ
 *   (λ_t = σ_t/α_t, the noise std in units of the signal) is, for a schedule smooth in t,
 *     ρ(log λ_t) ≈ 1 / (T · |Δ log λ_t|),   Δ log λ_t the change of log λ per step (central differences).
 *   A geometric σ sequence — NCSN's levels, drawn uniformly — has Δ log λ constant: a flat density.
 * - The variational bound L_vlb = Σ_t L_{t−1} of Ho et al. (2020, eq. 12) in the ε-parametrisation weights
 *   the squared ε-error at step t ≥ 2 by
 *     w_t = β_t² / (2 σ_t² α_t (1 − ᾱ_t)),   σ_t² the reverse step's variance (β_t or β̃_t),
 *   and L_simple (eq. 14) drops it: w_t = 1. With σ_t² = β_t this is β_t / (2 α_t (1 − ᾱ_t)). Step 1 is the
 *   decoder term L_0 in the paper, not this sum; with σ_1² = β̃_1 = 0 its weight would be infinite.
 */
import type { Schedule, VpSchedule } from './schedule';

export interface LevelDensity {
  /** log λ_t at each step t = 1..T. */
  logLambda: Float64Array;
  /** Density of log λ under t ~ U{1..T}, per unit of log λ. */
  density: Float64Array;
}

export function levelDensity(schedule: Schedule): LevelDensity {
  const T = schedule.T;
  const logLambda = Float64Array.from(schedule.lambda, Math.log);
  const density = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    const lo = Math.max(0, i - 1);
    const hi = Math.min(T - 1, i + 1);
    const slope = Math.abs(logLambda[hi] - logLambda[lo]) / Math.max(1, hi - lo);
    density[i] = slope > 0 ? 1 / (T * slope) : Infinity;
  }
  return { logLambda, density };
}

/** The uniform density of log σ over [log σ_min, log σ_max]: NCSN's levels in the limit of many. */
export function logUniformDensity(sigmaMin: number, sigmaMax: number): number {
  return 1 / Math.log(sigmaMax / sigmaMin);
}

export type ReverseVarianceChoice = 'beta' | 'betaTilde';

/**
 * The ELBO weight w_t of the ε-loss at steps t = 1..T (index t − 1); w_1 is NaN (step 1 is the decoder term).
 * σ_t² = β_t or β̃_t = β_t (1 − ᾱ_{t−1})/(1 − ᾱ_t).
 */
export function elboWeights(schedule: VpSchedule, variance: ReverseVarianceChoice = 'beta'): Float64Array {
  const T = schedule.T;
  const out = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    if (i === 0) {
      out[i] = NaN;
      continue;
    }
    const beta = schedule.beta[i];
    const alpha = 1 - beta;
    const oneMinusBar = -Math.expm1(schedule.logAlphaBar[i]);
    const oneMinusPrev = -Math.expm1(schedule.logAlphaBar[i - 1]);
    const sigma2 = variance === 'beta' ? beta : (beta * oneMinusPrev) / oneMinusBar;
    out[i] = (beta * beta) / (2 * sigma2 * alpha * oneMinusBar);
  }
  return out;
}
