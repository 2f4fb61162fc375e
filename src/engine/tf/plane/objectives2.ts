/**
 * The score-matching losses in D dimensions (SCIENCE.md §3 and §11), each per sample, shape [n]; training minimises
 * the mean. With out = net(x, log σ) ∈ R^D and s_θ = out/σ:
 *
 * ncsn, dsm: x̃ = x + σ z, target −z/σ, weighted by λ(σ) = σ²:  ½ σ² |s_θ(x̃) + z/σ|² = ½ |out + z|².
 *   (ncsn draws a level per sample from the ladder; dsm has one level.)
 * esm: ½ |s_θ(x) − s(x)|² with s the exact score of q_σ at x ~ q_σ, the Fisher divergence itself; it exists
 *   only because this toy's density is known.
 * ism (Hyvärinen 2005): ½ |s_θ|² + tr ∇_x s_θ. Integrating s_θ·∇log q = s_θ·∇q/q by parts against q turns the
 *   cross term of ESM into −E[tr ∇s_θ], so ISM = ESM − ½ E|s|²: the same up to a constant free of θ. The trace is
 *   Σ_i e_iᵀ (∇_x s_θ) e_i, one tangent pass per coordinate: D passes.
 * ssm (Song et al. 2019): vᵀ (∇_x s_θ) v + ½ (vᵀ s_θ)², averaged over M directions per sample with E[v vᵀ] = I.
 *   Since E[vᵀ A v] = tr(A E[v vᵀ]) = tr A and E[(vᵀ s)²] = sᵀ E[v vᵀ] s = |s|², its expectation over v is ISM's
 *   loss exactly: an unbiased estimate at the cost of M passes instead of D. The variance-reduced form keeps the
 *   random trace term and uses the exact ½|s_θ|² in place of ½(vᵀ s_θ)².
 */
import { tf } from '../core';
import type { PlaneObjective } from '../../plane/trainConfig2';
import type { PlaneBatch } from './batches2';
import type { VectorScoreNet } from './vectorNet';

export interface PlaneBatchTensors {
  /** Rows [x, log σ], shape [n, D + 1]. */
  input: tf.Tensor2D;
  /** Each row's σ, shape [n, 1] (so it broadcasts over the D outputs). */
  sigma: tf.Tensor2D;
  /** ncsn, dsm: the noise z, shape [n, D]. */
  z?: tf.Tensor2D;
  /** esm: the exact score, shape [n, D]. */
  target?: tf.Tensor2D;
  /** ssm: the directions v, M tensors of shape [n, D]. */
  directions?: tf.Tensor2D[];
}

/** Uploads a batch (the caller disposes the tensors, or makes them inside a tidy). */
export function planeBatchTensors(b: PlaneBatch): PlaneBatchTensors {
  const { n, dim } = b;
  return {
    input: tf.tensor2d(b.input, [n, dim + 1]),
    sigma: tf.tensor2d(b.sigma, [n, 1]),
    z: b.z && tf.tensor2d(b.z, [n, dim]),
    target: b.target && tf.tensor2d(b.target, [n, dim]),
    directions: b.directions?.map((v) => tf.tensor2d(v, [n, dim])),
  };
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the batch lacks ${what}`);
  return value;
}

/** Σ over the D coordinates of each row: [n, D] → [n]. */
function rowSum(t: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(t, 1);
}

/** ½|s_θ|² + tr ∇_x s_θ per sample, the trace from D tangent passes (one per coordinate). */
export function ismLoss(net: VectorScoreNet, b: PlaneBatchTensors): tf.Tensor1D {
  return tf.tidy(() => {
    const { dim } = net.shape;
    const coordinates = Array.from({ length: dim }, (_, i) => i);
    const { value, jvps } = net.applyWithJvps(b.input, coordinates);
    const score = tf.div(value, b.sigma) as tf.Tensor2D;
    // e_iᵀ (∇_x net) e_i is column i of the i-th product.
    const diagonal = jvps.map((jv, i) => tf.slice(jv, [0, i], [-1, 1]));
    const trace = tf.reshape(tf.div(tf.addN(diagonal), b.sigma), [-1]) as tf.Tensor1D;
    return tf.add(tf.mul(0.5, rowSum(tf.square(score))), trace);
  });
}

/** The sliced loss per sample, averaged over the batch's M directions (one tangent pass each). */
export function ssmLoss(net: VectorScoreNet, b: PlaneBatchTensors, varianceReduced: boolean): tf.Tensor1D {
  return tf.tidy(() => {
    const directions = need(b.directions, 'the projections v');
    const { value, jvps } = net.applyWithJvps(b.input, directions);
    const score = tf.div(value, b.sigma) as tf.Tensor2D;
    const terms = directions.map((v, m) => {
      // vᵀ (∇_x s_θ) v = vᵀ ((∇_x net) v) / σ
      const quadratic = tf.div(rowSum(tf.mul(v, jvps[m])), tf.reshape(b.sigma, [-1]));
      if (varianceReduced) return quadratic;
      return tf.add(quadratic, tf.mul(0.5, tf.square(rowSum(tf.mul(v, score)))));
    });
    const mean = tf.div(tf.addN(terms), directions.length) as tf.Tensor1D;
    return varianceReduced ? tf.add(mean, tf.mul(0.5, rowSum(tf.square(score)))) : mean;
  });
}

/** The loss of every sample in the batch, shape [n]. */
export function planePerSampleLoss(
  objective: PlaneObjective,
  net: VectorScoreNet,
  b: PlaneBatchTensors,
  varianceReduced = false,
): tf.Tensor1D {
  return tf.tidy(() => {
    switch (objective) {
      case 'ncsn':
      case 'dsm':
        return tf.mul(0.5, rowSum(tf.square(tf.add(net.apply(b.input), need(b.z, 'noise z')))));
      case 'esm': {
        const score = tf.div(net.apply(b.input), b.sigma);
        return tf.mul(0.5, rowSum(tf.square(tf.sub(score, need(b.target, 'the exact score')))));
      }
      case 'ism':
        return ismLoss(net, b);
      case 'ssm':
        return ssmLoss(net, b, varianceReduced);
    }
  });
}

/** The batch mean of planePerSampleLoss: the scalar that training minimises. */
export function planeBatchLoss(
  objective: PlaneObjective,
  net: VectorScoreNet,
  b: PlaneBatchTensors,
  varianceReduced = false,
): tf.Scalar {
  return tf.tidy(() => tf.mean(planePerSampleLoss(objective, net, b, varianceReduced)));
}
