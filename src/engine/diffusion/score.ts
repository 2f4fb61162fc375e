/**
 * The time-dependent score a reverse sampler follows, for a whole batch at once.
 *
 * `score(xs, t, out)` writes ∇ log p_t(xs[i]) into out[i] (out is never xs). It is pluggable: the exact score
 * of the mixture's marginals below, or a learned network. A network trained with the ε-prediction loss gives
 * ε̂(x, t) ≈ E[ε | x_t = x], and since x_t = a x_0 + s ε, Tweedie's formula gives
 *
 *   ∇ log p_t(x) = −E[ε | x_t = x] / s(t)     (for DDPM: s = −ε/√(1 − ᾱ_t)),
 *
 * which `scoreFromEpsilon` applies.
 */
import type { Mixture } from '../mixture';
import { scoreMany, type ScoreTables } from '../sampling/exactScore';
import { forwardMarginal } from '../schedules/marginal';
import type { DiffusionProcess } from './process';

export type Batch = Float32Array | Float64Array;

export type TimeScore = (xs: Batch, t: number, out: Batch) => void;

/**
 * The batched score of Σ π_k N(a μ_k, a² s_k² + s²) for any (a, s), in place:
 *   s(x) = Σ_k r_k(x) (m_k − x)/v_k,  r_k ∝ exp(l_k),  l_k = log π_k − ½ log v_k − ½ (x − m_k)²/v_k,
 * with the largest l_k subtracted first so the ratio is exact far out in the tails (no 0/0): the general kernel of
 * sampling/exactScore.ts on this mixture's tables. The component constants are recomputed only when (a, s) changes.
 */
export function createMarginalScore(mixture: Mixture): (xs: Batch, a: number, s: number, out: Batch) => void {
  const comps = mixture.filter((c) => c.weight > 0);
  const K = comps.length;
  if (K === 0) throw new Error('createMarginalScore: the mixture has no component with positive weight.');
  const tables: ScoreTables = {
    k: K,
    mean: new Float64Array(K),
    precision: new Float64Array(K),
    logConst: new Float64Array(K),
    terms: new Float64Array(K),
  };
  let lastA = NaN;
  let lastS = NaN;
  return (xs, a, s, out) => {
    if (a !== lastA || s !== lastS) {
      forwardMarginal(comps, a, s).forEach((c, k) => {
        tables.mean[k] = c.mean;
        tables.precision[k] = 1 / (c.std * c.std);
        tables.logConst[k] = Math.log(c.weight) + 0.5 * Math.log(tables.precision[k]);
      });
      lastA = a;
      lastS = s;
    }
    scoreMany(tables, xs, out);
  };
}

/** The exact score of the process's marginal p_t of the mixture: a = a(t), s = s(t). */
export function exactProcessScore(mixture: Mixture, process: DiffusionProcess): TimeScore {
  const kernel = createMarginalScore(mixture);
  return (xs, t, out) => kernel(xs, process.a(t), process.s(t), out);
}

/** The exact marginal p_t of the mixture under the process (for plots and checks). */
export function processMarginal(mixture: Mixture, process: DiffusionProcess, t: number): Mixture {
  return forwardMarginal(mixture, process.a(t), process.s(t));
}

/** A score from an ε-predictor: ∇ log p_t = −ε̂ / s(t). */
export function scoreFromEpsilon(process: DiffusionProcess, epsilon: TimeScore): TimeScore {
  return (xs, t, out) => {
    epsilon(xs, t, out);
    const scale = -1 / process.s(t);
    for (let i = 0; i < out.length; i++) out[i] *= scale;
  };
}

/** The ε a score implies, ε = −s(t) ∇ log p_t: the exact target an ε-network should learn. */
export function epsilonFromScore(process: DiffusionProcess, score: TimeScore): TimeScore {
  return (xs, t, out) => {
    score(xs, t, out);
    const scale = -process.s(t);
    for (let i = 0; i < out.length; i++) out[i] *= scale;
  };
}
