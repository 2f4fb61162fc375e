/**
 * The loss chart's caption, per objective: what the loss of a perfect network would read, so a reader knows
 * what "converged" looks like (engine/tf/lossAtOptimum.ts derives the values).
 */
import { fmt } from '../../components/Readout';
import type { TrainConfig } from '../../engine/training/config';
import { lossAtExactScore } from '../../engine/training/lossAtOptimum';

const HONEST = 'The Fisher divergence, in the next chart, is the honest measure.';

export function lossCaption(config: TrainConfig): string {
  const floor = lossAtExactScore(config);
  switch (config.objective) {
    case 'ncsn':
      return (
        `The loss is noisy and never reaches zero: the target −z/σ is random, so even the exact score of every ` +
        `q_σ scores (1/L) Σᵢ ½ (1 − σᵢ² E[s_σᵢ²]) = ${fmt(floor ?? NaN)} here (with fresh samples; a small training ` +
        `set lets the network go lower by memorising it). ${HONEST}`
      );
    case 'dsm':
      return (
        `The loss is noisy and never reaches zero: the target −z/σ is random, so even the exact score of q_σ ` +
        `scores ½ (1 − σ² E[s_σ²]) = ${fmt(floor ?? NaN)} at σ = σ_min (with fresh samples; a small training set ` +
        `lets the network go lower by memorising it). ${HONEST}`
      );
    case 'esm':
      return (
        'ESM’s loss is ½ E_p[(s_θ − s)²], the Fisher divergence on p itself, estimated on each batch: it goes ' +
        'to zero as the network approaches the exact score.'
      );
    case 'ism':
      return (
        `ISM’s loss is the Fisher divergence on p minus the constant ½ E_p[s²], so it is negative at its ` +
        `optimum: the exact score reads −½ E_p[s²] = ${fmt(floor ?? NaN)} for this mixture (with fresh ` +
        `samples). Only its distance above that value measures the network. ${HONEST}`
      );
    default:
      return HONEST;
  }
}
