/**
 * What a plain or annealed Langevin run is, as a page's parameters (or a preset) give it. The presets, the run
 * constructors (langevin.ts, annealed.ts) and their options all start from these two shapes.
 */
import type { Mixture } from '../mixture';
import type { BatchScore } from './batchScore';
import type { InitSpec } from './initParticles';
import type { TrajectoryOptions } from './trajectories';

/** n particles drawn from `init` (seeded by `seed`), moved by `steps` steps x ← x + (ε/2) s(x) + √ε z. */
export interface LangevinSetting {
  mixture: Mixture;
  n: number;
  eps: number;
  steps: number;
  init: InitSpec;
  seed: number;
}

/** L = `levels` noise scales σ_max … σ_min (geometric), T steps each of size α_i = ε σ_i²/σ_L². */
export interface AnnealedSetting {
  mixture: Mixture;
  n: number;
  /** Step at the last level. */
  eps: number;
  smin: number;
  smax: number;
  levels: number;
  /** Steps per level. */
  T: number;
  init: InitSpec;
  seed: number;
}

/** What a run constructor may be given besides the setting. */
export interface RunExtras {
  /** The score to follow; default the exact score of `mixture` (of q_σ at each level, annealed). */
  score?: BatchScore;
  /** Tracked paths; false for none. */
  trajectories?: Omit<TrajectoryOptions, 'n'> | false;
  /** |x| beyond which a particle counts as diverged (runner.ts DEFAULT_BOUND). */
  bound?: number;
}
