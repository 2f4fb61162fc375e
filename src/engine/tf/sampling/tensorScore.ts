/**
 * Scores as tf ops on a batch of particles x (shape [n]): the exact mixture score, for GPU backends, and the
 * trained network (learnedScore.ts). Both are called inside a tf.tidy by the run; they return a new [n] tensor.
 *
 * Exact score (SCIENCE.md §1–2), with v_k = s_k² (+ σ² for q_σ), w_k = 1/v_k, c_k = log π_k − ½ log v_k:
 *   s(x) = Σ_k r_k(x) (μ_k − x) w_k,   r = softmax_k(c_k − ½ (x − μ_k)² w_k).
 * Two components (the common case) need no [n, K] intermediate: with g_k = (μ_k − x) w_k,
 *   s = g₁ + r₂ (g₂ − g₁),   r₂ = sigmoid(l₂ − l₁),
 * which is stable at any |x| (sigmoid saturates to 0 or 1 instead of dividing underflowed exps). K > 2 uses
 * tf.softmax along the components, which subtracts the row maximum first.
 */
import type { Mixture } from '../../mixture';
import { tf } from '../core';

export interface TensorScore {
  /** s(x) of the data (σ undefined) or of q_σ. Call inside tf.tidy. */
  apply(x: tf.Tensor1D, sigma: number | undefined): tf.Tensor1D;
  /** The σ this score is really evaluated at for a requested σ (a learned score may substitute its own). */
  sigmaUsed(sigma: number | undefined): number | undefined;
  dispose(): void;
}

interface Constants {
  mean: number[];
  precision: number[];
  logConst: number[];
}

function constants(mixture: Mixture, sigma: number): Constants {
  const out: Constants = { mean: [], precision: [], logConst: [] };
  for (const c of mixture) {
    if (!(c.weight > 0)) continue;
    const v = c.std * c.std + sigma * sigma;
    out.mean.push(c.mean);
    out.precision.push(1 / v);
    out.logConst.push(Math.log(c.weight) - 0.5 * Math.log(v));
  }
  return out;
}

function scoreTwo(x: tf.Tensor1D, k: Constants): tf.Tensor1D {
  const d1 = tf.sub(x, k.mean[0]);
  const d2 = tf.sub(x, k.mean[1]);
  const g1 = tf.mul(d1, -k.precision[0]);
  const g2 = tf.mul(d2, -k.precision[1]);
  // l₂ − l₁ = (c₂ − c₁) − ½ (d₂² w₂ − d₁² w₁)
  const quad = tf.sub(
    tf.mul(tf.square(d2), 0.5 * k.precision[1]),
    tf.mul(tf.square(d1), 0.5 * k.precision[0]),
  );
  const r2 = tf.sigmoid(tf.sub(k.logConst[1] - k.logConst[0], quad));
  return tf.add(g1, tf.mul(r2, tf.sub(g2, g1))) as tf.Tensor1D;
}

function scoreMany(x: tf.Tensor1D, k: Constants): tf.Tensor1D {
  const K = k.mean.length;
  const d = tf.sub(tf.reshape(x, [-1, 1]), tf.tensor2d(k.mean, [1, K])); // [n, K]
  const halfPrecision = k.precision.map((w) => 0.5 * w);
  const l = tf.sub(tf.tensor2d(k.logConst, [1, K]), tf.mul(tf.square(d), tf.tensor2d(halfPrecision, [1, K])));
  const r = tf.softmax(l);
  const g = tf.mul(tf.neg(d), tf.tensor2d(k.precision, [1, K]));
  return tf.sum(tf.mul(r, g), 1) as tf.Tensor1D;
}

export class ExactTensorScore implements TensorScore {
  private readonly cache = new Map<number, Constants>();

  constructor(private readonly mixture: Mixture) {
    if (!mixture.some((c) => c.weight > 0))
      throw new Error('ExactTensorScore: the mixture has no component with positive weight.');
  }

  sigmaUsed(sigma: number | undefined): number | undefined {
    return sigma;
  }

  apply(x: tf.Tensor1D, sigma: number | undefined): tf.Tensor1D {
    const s = sigma ?? 0;
    let k = this.cache.get(s);
    if (!k) {
      k = constants(this.mixture, s);
      this.cache.set(s, k);
    }
    if (k.mean.length === 1) return tf.mul(tf.sub(x, k.mean[0]), -k.precision[0]) as tf.Tensor1D;
    if (k.mean.length === 2) return scoreTwo(x, k);
    return scoreMany(x, k);
  }

  dispose(): void {
    this.cache.clear();
  }
}
