/**
 * The exact variance of one reverse DDPM step, Var[x_{t−1} | x_t], for mixture data (SCIENCE.md §9).
 *
 * p_{t−1} = Σ π_k N(m_k, v_k) with m_k = √ᾱ_{t−1} μ_k, v_k = ᾱ_{t−1} s_k² + 1 − ᾱ_{t−1}, and the forward step
 * x_t = √α_t x_{t−1} + √β_t z. Within component k the pair is jointly Gaussian, so given x_t
 *
 *   x_{t−1} | x_t, k ~ N(M_k, V_k),   V_k = v_k β_t / (α_t v_k + β_t),
 *                                    M_k = m_k + √α_t v_k (x_t − √α_t m_k) / (α_t v_k + β_t),
 *
 * and the component itself has the posterior weight w_k(x_t) ∝ π_k N(x_t; √α_t m_k, α_t v_k + β_t). By the law
 * of total variance Var[x_{t−1} | x_t] = Σ w_k (V_k + M_k²) − (Σ w_k M_k)². Its average over x_t ~ p_t is
 * taken by the trapezoid rule on a fine grid.
 *
 * Two limits frame Ho et al.'s §3.2 remark: data N(0, 1) gives v_k = 1 and V = β_t exactly; a single point
 * x_0 gives v_k = 1 − ᾱ_{t−1} and V = β̃_t = β_t (1 − ᾱ_{t−1})/(1 − ᾱ_t). Other data need not fall between them.
 */
import { componentSpan, type Mixture } from '../mixture';
import type { VpSchedule } from '../schedules/schedule';
import { normalLogPdf } from '../special';

export interface StepPosterior {
  mean: number;
  variance: number;
}

/** Per-component quantities of one reverse step t (1-based; step 1 goes from x_1 to the data x_0). */
function stepComponents(mixture: Mixture, schedule: VpSchedule, t: number) {
  const beta = schedule.beta[t - 1];
  const alpha = 1 - beta;
  const prevBar = t === 1 ? 1 : schedule.alphaBar[t - 2];
  return mixture
    .filter((c) => c.weight > 0)
    .map((c) => {
      const m = Math.sqrt(prevBar) * c.mean;
      const v = prevBar * c.std * c.std + 1 - prevBar;
      const joint = alpha * v + beta;
      return {
        logWeight: Math.log(c.weight),
        m,
        v,
        /** x_t | k ~ N(√α m, α v + β). */
        xtMean: Math.sqrt(alpha) * m,
        xtStd: Math.sqrt(joint),
        gain: (Math.sqrt(alpha) * v) / joint,
        variance: (v * beta) / joint,
      };
    });
}

/** Var[x_{t−1} | x_t] and E[x_{t−1} | x_t] at the given x_t values. */
export function reverseStepPosterior(
  mixture: Mixture,
  schedule: VpSchedule,
  t: number,
  xt: ArrayLike<number>,
): StepPosterior[] {
  const comps = stepComponents(mixture, schedule, t);
  const logw = new Float64Array(comps.length);
  return Array.from(xt, (x) => {
    let max = -Infinity;
    comps.forEach((c, k) => {
      logw[k] = c.logWeight + normalLogPdf(x, c.xtMean, c.xtStd);
      max = Math.max(max, logw[k]);
    });
    let total = 0;
    let mean = 0;
    let second = 0;
    comps.forEach((c, k) => {
      const w = Math.exp(logw[k] - max);
      const M = c.m + c.gain * (x - c.xtMean);
      total += w;
      mean += w * M;
      second += w * (c.variance + M * M);
    });
    mean /= total;
    return { mean, variance: Math.max(0, second / total - mean * mean) };
  });
}

export interface ReverseVarianceCurve {
  /** Steps t = 1..T. */
  t: Int32Array;
  /** E_{x_t ~ p_t} Var[x_{t−1} | x_t]. */
  exact: Float64Array;
  beta: Float64Array;
  /** β̃_t = β_t (1 − ᾱ_{t−1})/(1 − ᾱ_t). */
  betaTilde: Float64Array;
}

/** At least this many grid points per std of the narrowest component of p_t, and at least MIN_POINTS. */
const POINTS_PER_STD = 12;
const MIN_POINTS = 401;

/** E_{p_t} Var[x_{t−1} | x_t] for one step, by the trapezoid rule over ±8 std of every component of p_t. */
export function meanReverseVariance(mixture: Mixture, schedule: VpSchedule, t: number): number {
  const comps = stepComponents(mixture, schedule, t);
  const K = comps.length;
  const { lo, hi, narrowest } = componentSpan(
    comps.map((c) => ({ mean: c.xtMean, std: c.xtStd })),
    8,
  );
  const n = Math.max(MIN_POINTS, Math.ceil((POINTS_PER_STD * (hi - lo)) / narrowest) + 1);
  // The joint density π_k N(x_t; ·) is both the posterior weight of k and, summed over k, p_t(x_t).
  const logConst = comps.map((c) => c.logWeight - Math.log(c.xtStd) - 0.5 * Math.log(2 * Math.PI));
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const x = lo + (i * (hi - lo)) / (n - 1);
    let density = 0;
    let mean = 0;
    let second = 0;
    for (let k = 0; k < K; k++) {
      const c = comps[k];
      const d = (x - c.xtMean) / c.xtStd;
      const w = Math.exp(logConst[k] - 0.5 * d * d);
      const M = c.m + c.gain * (x - c.xtMean);
      density += w;
      mean += w * M;
      second += w * (c.variance + M * M);
    }
    if (!(density > 0)) continue;
    mean /= density;
    const variance = Math.max(0, second / density - mean * mean);
    const edge = i === 0 || i === n - 1 ? 0.5 : 1;
    num += edge * density * variance;
    den += edge * density;
  }
  return num / den;
}

/**
 * The averaged exact reverse-step variance beside β_t and β̃_t, at every step or, with `points`, at that many
 * steps spread evenly over 1..T (both ends kept).
 */
export function reverseVarianceCurve(
  mixture: Mixture,
  schedule: VpSchedule,
  points = schedule.T,
): ReverseVarianceCurve {
  const T = schedule.T;
  const count = Math.max(2, Math.min(T, Math.floor(points)));
  const t = Int32Array.from({ length: count }, (_, i) => Math.round(1 + (i * (T - 1)) / (count - 1)));
  const exact = Float64Array.from(t, (k) => meanReverseVariance(mixture, schedule, k));
  const beta = Float64Array.from(t, (k) => schedule.beta[k - 1]);
  const betaTilde = Float64Array.from(t, (k) => {
    const prevBar = k === 1 ? 1 : schedule.alphaBar[k - 2];
    return (schedule.beta[k - 1] * (1 - prevBar)) / (1 - schedule.alphaBar[k - 1]);
  });
  return { t, exact, beta, betaTilde };
}

/**
 * The first step from which the averaged exact variance stays above β_t up to T, or null if it is not above
 * β_T. The curve's samples locate the last crossing; the steps between two samples are then checked one by one.
 */
export function firstStepAboveBeta(
  mixture: Mixture,
  schedule: VpSchedule,
  curve: ReverseVarianceCurve,
): number | null {
  const last = curve.t.length - 1;
  if (!(curve.exact[last] > curve.beta[last])) return null;
  let i = last;
  while (i > 0 && curve.exact[i - 1] > curve.beta[i - 1]) i--;
  if (i === 0) return curve.t[0];
  let first = curve.t[i];
  for (let k = curve.t[i] - 1; k > curve.t[i - 1]; k--) {
    if (meanReverseVariance(mixture, schedule, k) > schedule.beta[k - 1]) first = k;
    else break;
  }
  return first;
}
