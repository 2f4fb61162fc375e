/** Noise schedules (SCIENCE.md §5): β, ᾱ, σ, λ and log SNR on one axis, and the exact forward marginals. */
export * from './names';
export * from './betas';
export * from './sigmas';
export * from './schedule';
export * from './marginal';
export * from './trainingLevels';
