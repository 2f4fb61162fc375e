/**
 * Flow matching on the straight (rectified-flow) path, SCIENCE.md §10, with t = 1 the noise end as on the
 * diffusion page's time axis:
 *
 *   x_t = (1 − t) x_0 + t x_1,   x_0 ~ data,   x_1 ~ N(0, 1) independent.
 *
 * This is a linear forward process x_t = a x_0 + b z with a = 1 − t, b = t, so for mixture data the marginal is
 * again a mixture with the same weights (schedules/marginal.ts):
 *
 *   p_t(x) = Σ_k π_k N(x; m_k, V_k),   m_k = (1 − t) μ_k,   V_k = (1 − t)² s_k² + t².
 *
 * The marginal velocity is the conditional average of the per-pair velocity x_1 − x_0 given x_t = x. Given the
 * component k, (x_0, x_1, x_t) are jointly Gaussian, so by Gaussian conditioning
 *
 *   E[x_0 | x_t = x, k] = μ_k + (1 − t) s_k² (x − m_k)/V_k,   E[x_1 | x_t = x, k] = t (x − m_k)/V_k,
 *
 * and v(x, t) = Σ_k r_k(x, t) (E[x_1 | x, k] − E[x_0 | x, k]) with r_k the responsibilities under p_t. Every term
 * is finite on all of [0, 1] (V_k ≥ min(s_k², ½ s_k²/(1 + s_k²)) > 0), so the ODE can start exactly at t = 1,
 * where the score form v = −(x + t ∇log p_t)/(1 − t) would divide 0 by 0.
 */
import type { Mixture } from '../mixture';
import { forwardMarginal } from '../schedules/marginal';

export type Batch = Float32Array | Float64Array;

/** A batched velocity field: writes v(xs[i], t) into out[i] (out is never xs). */
export type Velocity = (xs: Batch, t: number, out: Batch) => void;

/** The exact marginal p_t of the straight path from mixture data to N(0, 1). */
export function flowMarginal(mixture: Mixture, t: number): Mixture {
  return forwardMarginal(mixture, 1 - t, t);
}

/** exp(−37) is below half an ulp of 1: a component trailing the largest log term by more adds nothing. */
const NEGLIGIBLE_LOG_GAP = -37;

/**
 * The exact marginal velocity field of the mixture, batched. Per component the velocity is affine in x:
 *   v_k(x) = (t − (1 − t) s_k²)(x − m_k)/V_k − μ_k,
 * and the responsibilities use log terms with the largest subtracted, so the field is finite in the far tails.
 * The per-t constants are recomputed only when t changes.
 */
export function exactVelocity(mixture: Mixture): Velocity {
  const comps = mixture.filter((c) => c.weight > 0);
  const K = comps.length;
  if (K === 0) throw new Error('exactVelocity: the mixture has no component with positive weight.');
  const mean = new Float64Array(K);
  const precision = new Float64Array(K);
  const slope = new Float64Array(K);
  const logConst = new Float64Array(K);
  const terms = new Float64Array(K);
  let lastT = NaN;
  return (xs, t, out) => {
    if (t !== lastT) {
      const a = 1 - t;
      for (let k = 0; k < K; k++) {
        const c = comps[k];
        const s2 = c.std * c.std;
        const V = a * a * s2 + t * t;
        mean[k] = a * c.mean;
        precision[k] = 1 / V;
        slope[k] = (t - a * s2) / V;
        logConst[k] = Math.log(c.weight) - 0.5 * Math.log(V);
      }
      lastT = t;
    }
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        const d = x - mean[k];
        terms[k] = logConst[k] - 0.5 * d * d * precision[k];
        if (terms[k] > max) max = terms[k];
      }
      let numerator = 0;
      let denominator = 0;
      for (let k = 0; k < K; k++) {
        const gap = terms[k] - max;
        if (gap < NEGLIGIBLE_LOG_GAP) continue;
        const e = Math.exp(gap);
        denominator += e;
        numerator += e * (slope[k] * (x - mean[k]) - comps[k].mean);
      }
      out[i] = numerator / denominator;
    }
  };
}

/**
 * The score link of SCIENCE.md §10. Tweedie with a = 1 − t, b = t gives E[x_1 | x_t] = −t ∇log p_t and
 * E[x_0 | x_t] = (x_t + t² ∇log p_t)/(1 − t); subtracting, v = −(x + t ∇log p_t)/(1 − t), for t < 1.
 */
export function velocityFromScore(x: number, t: number, score: number): number {
  return -(x + t * score) / (1 - t);
}

/** The same link solved for the score, ∇log p_t = −(x + (1 − t) v)/t, for t > 0. */
export function scoreFromVelocity(x: number, t: number, velocity: number): number {
  return -(x + (1 - t) * velocity) / t;
}
