import type { ObjectiveName } from '../../engine/training/config';

/** The objectives as the train page offers them: typed keys with display labels and one-line summaries. */
export const OBJECTIVE_OPTIONS = [
  { value: 'ncsn', label: 'NCSN' },
  { value: 'dsm', label: 'DSM' },
  { value: 'esm', label: 'ESM' },
  { value: 'ism', label: 'ISM' },
] as const;

export const OBJECTIVE_SUMMARY: Record<ObjectiveName, string> = {
  ncsn: 'Denoising score matching at every level σ₁ > … > σ_L at once, weighted by σ², one network conditioned on σ.',
  dsm: 'Denoising score matching at one noise level σ_min: learns the score of q_σ, not of p.',
  esm: 'Explicit score matching against the exact score of p — only possible because this toy’s score is known.',
  ism: 'Implicit (Hyvärinen) score matching: ½ s_θ² + ∂s_θ/∂x, needing no target at all.',
};
