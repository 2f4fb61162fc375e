/**
 * Plain Langevin dynamics (SCIENCE.md §4): x ← x + (ε/2) s(x) + √ε z for a fixed number of steps.
 *
 * As ε → 0 and steps → ∞ the particles follow p. With ε > 0 the chain has its own stationary law, slightly
 * wider than p (for a Gaussian of variance v: v / (1 − ε/(4v))). With well-separated modes the particles stay
 * in the basin they start in, so the mode weights stay those of the initial split (presets.ts shows it).
 */
import type { BatchScore } from './batchScore';
import { createExactScore } from './exactScore';
import { drawInitialParticles } from './initParticles';
import { SamplerRun, type ExplainDivergence } from './runner';
import { runSeeds } from './seeds';
import type { LangevinSetting, RunExtras } from './settings';
import { explainExactDivergence } from './stability';
import { TrajectoryRecorder } from './trajectories';

export interface LangevinRunOptions {
  particles: Float32Array;
  score: BatchScore;
  eps: number;
  steps: number;
  /**
   * σ passed to the score: omitted for the exact score of p; a noise-conditional network s(x, σ) has no
   * σ = 0, so plain Langevin with it runs at its smallest trained level.
   */
  sigma?: number;
  noiseSeed: number;
  bound?: number;
  explain?: ExplainDivergence;
  trajectories?: TrajectoryRecorder;
}

export class LangevinRun extends SamplerRun {
  readonly eps: number;

  constructor(options: LangevinRunOptions) {
    super({ ...options, levels: [{ stepSize: options.eps, steps: options.steps, sigma: options.sigma }] });
    this.eps = options.eps;
  }
}

export interface LangevinConfig extends LangevinSetting, RunExtras {
  /** σ for the score (see LangevinRunOptions.sigma). */
  sigma?: number;
}

/** A run from page parameters: initial draws from the seed, the exact score unless another is given. */
export function createLangevinRun(config: LangevinConfig): LangevinRun {
  const seeds = runSeeds(config.seed);
  const particles = drawInitialParticles(config.init, config.n, seeds.init);
  const exact = config.score === undefined;
  return new LangevinRun({
    particles,
    score: config.score ?? createExactScore(config.mixture),
    eps: config.eps,
    steps: config.steps,
    sigma: config.sigma,
    noiseSeed: seeds.noiseSeed,
    bound: config.bound,
    explain: exact ? (stepSize, sigma) => explainExactDivergence(config.mixture, stepSize, sigma) : undefined,
    trajectories:
      config.trajectories === false
        ? undefined
        : new TrajectoryRecorder({ n: config.n, ...config.trajectories }),
  });
}
