/**
 * The four score-matching losses (SCIENCE.md §3), each as a per-sample loss of shape [n]; training minimises
 * its mean. Writing out = net(x, log σ) so that s_θ(x, σ) = out/σ:
 *
 * ncsn, dsm (denoising, Vincent 2011, weighted by λ(σ) = σ²). With x ~ p, z ~ N(0,1), x̃ = x + σz, the DSM
 *   target is (x − x̃)/σ² = −z/σ, and
 *     λ(σ) · ½ (s_θ(x̃, σ) − (−z/σ))² = ½ σ² (out/σ + z/σ)² = ½ (out + z)².
 *   So the loss reported is ½(out + z)², with the ½ of SCIENCE.md's J kept. Every level contributes on the same
 *   scale: at the optimum out = σ s_σ(x̃) and, by Stein's identity E[z f(x + σz)] = σ E[f'(x̃)] with
 *   E_q[s'] = −E_q[s²], the expected per-level loss is ½ (1 − σ² E_q[s_σ²]) ∈ [0, ½]. For data N(m, v) that is
 *   ½ v/(v + σ²): ½ for σ ≪ √v, falling like v/σ² beyond. ncsn draws one level per sample, uniformly from the
 *   L levels, which is an unbiased estimate of (1/L) Σ_i λ(σ_i) ℓ(θ; σ_i). dsm uses the one level σ_min, so its
 *   loss is σ_min² times the textbook J_DSM (the same minimiser).
 *
 * esm (explicit, the Fisher divergence): ½ (s_θ(x) − s(x))² with s the exact score of p, available only because
 *   this toy's density is known in closed form; real data never offers it. The network gets σ = σ_min as input.
 *
 * ism (implicit, Hyvärinen 2005): ½ s_θ(x)² + ∂s_θ/∂x(x), which equals ESM up to a constant independent of θ
 *   (integrate the cross term s_θ·s = s_θ·p'/p against p by parts). ∂s_θ/∂x = (∂out/∂x)/σ comes from the
 *   network's forward-mode pass (net.ts).
 *   Sliced score matching (Song et al. 2019) projects on random directions v: E_v[v ∂s_θ/∂x v + ½ (v s_θ)²].
 *   In 1D a direction is v = ±1 (or any v with E[v²] = 1), so v·∂s_θ/∂x·v = v² ∂s_θ/∂x and ½(v s_θ)² = ½ v² s_θ²:
 *   the expectation over v is exactly the ISM loss. SSM differs from ISM only in more than one dimension, where
 *   it replaces the trace of the Jacobian by a random projection.
 *
 * eps (DDPM's ε-prediction, SCIENCE.md §6): (ε − ε_θ(x_t, t))² with x_t = a x_0 + s ε and the network's input
 *   [c_in x_t, log λ_t] (eps/process.ts); z carries ε. The minimiser is ε_θ = E[ε | x_t], so by Tweedie
 *   s_θ = −ε_θ/s(t) is the score of p_t: this is DSM at level s(t), weighted by s(t)², summed over times.
 *   On flow matching's path (diffusion process fm) z carries x_1 − x_0 instead (training/flowBatches.ts): the same
 *   square is then the conditional flow-matching loss, and the network's output is the velocity v_θ(x_t, t).
 */
import type { TrainObjective } from '../training/config';
import { tf } from './core';
import type { NetFunction } from './net';

export interface BatchTensors {
  /**
   * The network's input rows [x, log σ], shape [n, 2]. For ncsn and dsm x is already the noisy x̃ = x + σz
   * (batches.ts forms it in JavaScript); for esm and ism it is the clean sample.
   */
  input: tf.Tensor2D;
  /** The σ of each row (its noise level, or the fixed σ_min input), shape [n] (esm, ism). */
  sigma?: tf.Tensor1D;
  /** The standard normal noise z that made x̃, shape [n] (ncsn, dsm). */
  z?: tf.Tensor1D;
  /** The exact score of p at x, shape [n] (esm). */
  target?: tf.Tensor1D;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the batch lacks ${what}`);
  return value;
}

/** The loss of every sample in the batch, shape [n]. */
export function perSampleLoss(objective: TrainObjective, net: NetFunction, b: BatchTensors): tf.Tensor1D {
  return tf.tidy(() => {
    switch (objective) {
      case 'eps':
        return tf.square(tf.sub(net.apply(b.input), need(b.z, 'noise ε')));
      case 'ncsn':
      case 'dsm': {
        const out = net.apply(b.input);
        return tf.mul(0.5, tf.square(tf.add(out, need(b.z, 'noise z'))));
      }
      case 'esm': {
        const score = tf.div(net.apply(b.input), need(b.sigma, 'σ'));
        return tf.mul(0.5, tf.square(tf.sub(score, need(b.target, 'the exact score'))));
      }
      case 'ism': {
        const sigma = need(b.sigma, 'σ');
        const { value, dx } = net.applyWithDx(b.input);
        const score = tf.div(value, sigma);
        const slope = tf.div(dx, sigma);
        return tf.add(tf.mul(0.5, tf.square(score)), slope);
      }
    }
  });
}

/** The batch mean of perSampleLoss: the scalar that training minimises. */
export function batchLoss(objective: TrainObjective, net: NetFunction, b: BatchTensors): tf.Scalar {
  return tf.tidy(() => tf.mean(perSampleLoss(objective, net, b)));
}
