/**
 * The expected training loss of the exact score, per objective (objectives.ts defines the losses): what a
 * perfect network would read on the loss chart, with fresh samples from p.
 *
 * - ncsn, dsm: ½ E[(σ s_σ(x̃) + z)²] = ½ (1 − σ² J(q_σ)) per level, J(q) = E_q[s_q²] its Fisher information
 *   (expand the square and use Stein's identity E[z f(x + σz)] = σ E[f′(x̃)] with E_q[s′] = −J(q)). Positive:
 *   the target −z/σ is random, so even the exact score leaves this floor. ncsn averages it over the L levels
 *   (each sample's level is uniform among them), dsm takes σ_min.
 * - esm: ½ E_p[(s_θ − s)²] is 0 at s_θ = s.
 * - ism: E_p[½ s² + s′] = ½ J(p) − J(p) = −½ J(p): negative, the Fisher divergence shifted by the constant
 *   −½ E_p[s²] that Hyvärinen's integration by parts drops.
 * A finite training set (data > 0) moves the denoising optimum to the kernel-density score of that set, whose
 * loss is lower than this floor: that is memorisation, not a better model.
 */
import { fisherInformation } from '../dsm';
import { perturbMixture } from '../mixture';
import { trainingSigmas, type TrainConfig } from './config';

/** The expected loss of the exact score; null for 'eps' (the diffusion page's ε-loss, not shown on this chart). */
export function lossAtExactScore(config: TrainConfig): number | null {
  switch (config.objective) {
    case 'esm':
      return 0;
    case 'ism':
      return -0.5 * fisherInformation(config.mixture);
    case 'eps':
      return null;
    case 'ncsn':
    case 'dsm': {
      const sigmas = trainingSigmas(config);
      let total = 0;
      for (const sigma of sigmas) {
        total += 0.5 * (1 - sigma * sigma * fisherInformation(perturbMixture(config.mixture, sigma)));
      }
      return total / sigmas.length;
    }
  }
}
