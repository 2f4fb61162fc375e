/**
 * The exact forward marginals of mixture data (SCIENCE.md §5). If x_0 ~ Σ π_k N(μ_k, s_k²) and
 * x_t = a_t x_0 + s_t ε with ε ~ N(0, 1) independent, then x_t is again a mixture with the same weights:
 *
 *   p_t(x) = Σ_k π_k N(x; a_t μ_k, a_t² s_k² + s_t²)
 *
 * (a scaled Gaussian plus an independent Gaussian is Gaussian; means and variances add). VP: a = √ᾱ_t,
 * s² = 1 − ᾱ_t. VE: a = 1, s = σ_t. Its score is the mixture score of these components, so every p_t has a
 * closed-form score too.
 */
import type { Mixture } from '../mixture';
import { linspace } from '../grid';
import { marginalCoefficients, type Schedule } from './schedule';

/** The mixture followed by a x_0 + s ε. */
export function forwardMarginal(mixture: Mixture, a: number, s: number): Mixture {
  return mixture.map((c) => ({
    weight: c.weight,
    mean: a * c.mean,
    std: Math.sqrt(a * a * c.std * c.std + s * s),
  }));
}

/** p_t of a schedule at step t (t = 0: the data itself). */
export function scheduleMarginal(mixture: Mixture, schedule: Schedule, t: number): Mixture {
  const { a, s } = marginalCoefficients(schedule, t);
  return forwardMarginal(mixture, a, s);
}

/** Σ π_k N(x; m_k, v_k) at every x, written into out (plain densities: far tails underflow to 0). */
export function mixtureDensityInto(
  mixture: Mixture,
  xs: ArrayLike<number>,
  out: Float32Array | Float64Array,
) {
  out.fill(0);
  for (const c of mixture) {
    if (!(c.weight > 0)) continue;
    const precision = 1 / (c.std * c.std);
    const scale = c.weight / (c.std * Math.sqrt(2 * Math.PI));
    for (let i = 0; i < xs.length; i++) {
      const d = xs[i] - c.mean;
      out[i] += scale * Math.exp(-0.5 * d * d * precision);
    }
  }
}

export interface MarginalMap {
  /** The steps of the columns, 0..T increasing (0 = the data). */
  steps: Int32Array;
  /** Their times t/T in [0, 1]. */
  u: Float64Array;
  /** Row positions x, increasing. */
  x: Float64Array;
  /** p_t(x): values[j · x.length + i] is column j (steps[j]) at row i (x[i]). */
  values: Float32Array;
  /** Largest value in the map. */
  max: number;
}

/**
 * p_t(x) on a grid for the heat map: `columns` steps spread evenly over 0..T (every step when T + 1 ≤ columns;
 * otherwise rounded to whole steps, so each column is an exact marginal of the schedule), and `rows`
 * positions over xRange.
 */
export function marginalMap(
  mixture: Mixture,
  schedule: Schedule,
  options: { xRange: [number, number]; rows: number; columns: number },
): MarginalMap {
  const T = schedule.T;
  const count = Math.max(2, Math.min(T + 1, Math.floor(options.columns)));
  const steps = new Int32Array(count);
  for (let j = 0; j < count; j++) steps[j] = Math.round((j * T) / (count - 1));
  const u = Float64Array.from(steps, (t) => t / T);
  const x = linspace(options.xRange[0], options.xRange[1], Math.max(2, Math.floor(options.rows)));
  const values = new Float32Array(count * x.length);
  const column = new Float64Array(x.length);
  let max = 0;
  for (let j = 0; j < count; j++) {
    mixtureDensityInto(scheduleMarginal(mixture, schedule, steps[j]), x, column);
    for (let i = 0; i < x.length; i++) {
      values[j * x.length + i] = column[i];
      if (column[i] > max) max = column[i];
    }
  }
  return { steps, u, x, values, max };
}
