/**
 * Denoising a noisy observation x̃ = x + σ z (x ~ p, z ~ N(0, 1)) by its posterior mean (SCIENCE.md §9).
 *
 * - Exact, for a mixture: given component k, (x, x̃) is jointly Gaussian, so
 *     E[x | x̃, k] = μ_k + s_k² (x̃ − μ_k)/(s_k² + σ²) = (s_k² x̃ + σ² μ_k)/(s_k² + σ²),
 *   and E[x | x̃] = Σ_k r̃_k(x̃) E[x | x̃, k], with r̃_k the responsibilities under q_σ (variances s_k² + σ²).
 * - Tweedie's formula, for any p: E[x | x̃] = x̃ + σ² ∇log q_σ(x̃). It needs only the score of the noisy
 *   density, which is why a network trained by denoising score matching is also a denoiser.
 * The two agree to rounding for a mixture: substituting the mixture score of q_σ into Tweedie gives the sum above.
 */
import { mixtureScore, perturbMixture, responsibilities, type Mixture } from './mixture';

/** The exact posterior mean E[x | x̃] for p a Gaussian mixture and noise of std σ. */
export function posteriorMean(mixture: Mixture, sigma: number, xTilde: number): number {
  const r = responsibilities(perturbMixture(mixture, sigma), xTilde);
  const s2 = sigma * sigma;
  let mean = 0;
  for (let k = 0; k < mixture.length; k++) {
    const v = mixture[k].std * mixture[k].std;
    mean += (r[k] * (v * xTilde + s2 * mixture[k].mean)) / (v + s2);
  }
  return mean;
}

/** Tweedie's estimate x̃ + σ² s_σ(x̃) from the exact score of q_σ. */
export function tweedieMean(mixture: Mixture, sigma: number, xTilde: number): number {
  return xTilde + sigma * sigma * mixtureScore(perturbMixture(mixture, sigma), xTilde);
}
