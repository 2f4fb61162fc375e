/**
 * Data whose every blurred density q_σ = p ∗ N(0, σ² I) is known exactly: exact draws of q_σ and its exact score.
 * That is what lets the plane's trainer offer ESM (which needs the true score) and measure every objective by its
 * Fisher divergence. Two kinds: the plane's 2D mixture (engine/plane), and an isotropic two-mode mixture in D
 * dimensions for the cost-of-dimension panel. Points are row-major [n, D] in Float64Arrays.
 *
 * (Plain JavaScript, no TensorFlow.js; it sits in engine/tf/plane only because this helper owns that folder.)
 */
import type { Rng } from '../rng';
import { PreparedMixture2, perturbMixture2, sampleMixture2, type Mixture2 } from './index';

export interface ScoreData {
  /** D, the dimension of a point. */
  readonly dim: number;
  /** n exact draws of q_σ (σ = 0: of p itself), row-major [n, D]. */
  sample(sigma: number, n: number, rng: Rng): Float64Array;
  /** ∇log q_σ at each point (row-major [n, D]), written into `out` (the same layout). */
  score(sigma: number, points: ArrayLike<number>, out: Float64Array): Float64Array;
}

/** The plane's mixture as ScoreData: q_σ is again a mixture (perturbMixture2), prepared once per σ and cached. */
export function mixture2Data(mixture: Mixture2): ScoreData {
  const prepared = new Map<number, PreparedMixture2>();
  const at = (sigma: number): PreparedMixture2 => {
    let p = prepared.get(sigma);
    if (!p) {
      p = new PreparedMixture2(sigma > 0 ? perturbMixture2(mixture, sigma) : mixture);
      prepared.set(sigma, p);
    }
    return p;
  };
  return {
    dim: 2,
    sample(sigma, n, rng) {
      const cloud = sampleMixture2(at(sigma).mixture, n, rng);
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        out[2 * i] = cloud.xs[i];
        out[2 * i + 1] = cloud.ys[i];
      }
      return out;
    },
    score(sigma, points, out) {
      const p = at(sigma);
      const g = new Float64Array(2);
      for (let i = 0; 2 * i < points.length; i++) {
        p.score(points[2 * i], points[2 * i + 1], g);
        out[2 * i] = g[0];
        out[2 * i + 1] = g[1];
      }
      return out;
    },
  };
}

/**
 * p = w N(m·1, I) + (1 − w) N(−m·1, I) in D dimensions (1 the all-ones vector). Blurring adds σ² I, so with
 * v = 1 + σ² and u = 1ᵀx, the responsibility of the + mode is r = sigmoid(2 m u / v + log(w / (1 − w))) and
 *   ∇log q_σ(x) = ((2r − 1) m·1 − x) / v.
 * The modes sit 2m√D apart; m = separation/(2√D) keeps that distance fixed, so their overlap is the same in
 * every D and only the dimension changes from one D to the next.
 */
export function isotropicPairData(dim: number, separation = 4, weight = 0.5): ScoreData {
  const m = separation / (2 * Math.sqrt(dim));
  const logOdds = Math.log(weight / (1 - weight));
  return {
    dim,
    sample(sigma, n, rng) {
      const out = new Float64Array(n * dim);
      const std = Math.sqrt(1 + sigma * sigma);
      for (let i = 0; i < n; i++) {
        const centre = rng.uniform() < weight ? m : -m;
        for (let d = 0; d < dim; d++) out[i * dim + d] = centre + std * rng.normal();
      }
      return out;
    },
    score(sigma, points, out) {
      const v = 1 + sigma * sigma;
      for (let i = 0; (i + 1) * dim <= points.length; i++) {
        let u = 0;
        for (let d = 0; d < dim; d++) u += points[i * dim + d];
        const r = 1 / (1 + Math.exp(-((2 * m * u) / v + logOdds)));
        const pull = (2 * r - 1) * m;
        for (let d = 0; d < dim; d++) out[i * dim + d] = (pull - points[i * dim + d]) / v;
      }
      return out;
    },
  };
}
