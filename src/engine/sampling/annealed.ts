/**
 * Annealed Langevin dynamics (Song & Ermon 2019, NCSN Algorithm 1; SCIENCE.md §4).
 *
 * Noise levels fall geometrically, σ_i = σ_max (σ_min/σ_max)^((i−1)/(L−1)), i = 1..L. At level i the particles
 * take T steps of Langevin on q_σi (the data blurred by N(0, σ_i²)) with step α_i = ε σ_i²/σ_L², and the end of
 * one level starts the next.
 *
 * Why it recovers mode weights that plain Langevin cannot: at large σ the blurred modes overlap, so particles
 * cross freely and settle in proportion to the weights; as σ shrinks the modes part, each keeping its share.
 * Why α_i ∝ σ_i² (Song & Ermon's reason): the update's drift-to-noise ratio is about √α_i |s|/2, and a score close
 * to the truth has |s| ∝ 1/σ_i once σ_i exceeds the component widths, so the ratio is then the same at every level.
 * Equivalently, near a mode q_σi is roughly Gaussian with variance s_k² + σ_i² ≈ σ_i² there, so each level relaxes
 * by about the same factor in T steps. Below the widths both fail: the score of q_σi tends to the score of p and
 * the smallest levels relax less (presets.ts gives the factors). The stability limit α < 4 v (stability.ts),
 * v = s_k² + σ_i² ≥ σ_i², is met at every level when ε < 4 σ_L², at every σ.
 */
import { plotRange } from '../mixture';
import type { BatchScore } from './batchScore';
import { createExactScore } from './exactScore';
import { histogram, type Histogram, type HistogramRange } from './histogram';
import { drawInitialParticles } from './initParticles';
import { SamplerRun, type ExplainDivergence, type SamplerLevel, type SamplerState } from './runner';
import { runSeeds } from './seeds';
import type { AnnealedSetting, RunExtras } from './settings';
import { explainExactDivergence } from './stability';
import { TrajectoryRecorder } from './trajectories';

/** σ_1 = smax > … > σ_L = smin, geometric. One level gives [smin] (Langevin on the finest level). */
export function geometricSigmas(smax: number, smin: number, levels: number): Float64Array {
  if (!(smin > 0) || !(smax >= smin)) {
    throw new Error(`geometricSigmas: needs 0 < smin ≤ smax, got smin = ${smin}, smax = ${smax}.`);
  }
  const count = Math.max(1, Math.floor(levels));
  const out = new Float64Array(count);
  if (count === 1) {
    out[0] = smin;
    return out;
  }
  const ratio = smin / smax;
  for (let i = 0; i < count; i++) out[i] = smax * Math.pow(ratio, i / (count - 1));
  // Exact ends despite rounding in pow.
  out[0] = smax;
  out[count - 1] = smin;
  return out;
}

/** The schedule of Algorithm 1: level i at σ_i with α_i = ε σ_i²/σ_L², T steps each. */
export function annealedLevels(
  eps: number,
  sigmas: ArrayLike<number>,
  stepsPerLevel: number,
): SamplerLevel[] {
  const last = sigmas[sigmas.length - 1];
  const levels: SamplerLevel[] = [];
  for (let i = 0; i < sigmas.length; i++) {
    // Written as ε (σ_i/σ_L)² so that the last level's step is ε exactly.
    const ratio = sigmas[i] / last;
    levels.push({ sigma: sigmas[i], stepSize: eps * ratio * ratio, steps: stepsPerLevel });
  }
  return levels;
}

export interface LevelSnapshot {
  /** 0-based level index. */
  level: number;
  sigma: number;
  stepSize: number;
  /** Global step count at the end of the level. */
  step: number;
  histogram: Histogram;
}

export interface AnnealedRunOptions {
  particles: Float32Array;
  /** Must accept σ: it is called with σ_i at level i. */
  score: BatchScore;
  eps: number;
  sigmas: ArrayLike<number>;
  stepsPerLevel: number;
  noiseSeed: number;
  /** Range and bins of the end-of-level histograms. */
  histogramRange: HistogramRange;
  bound?: number;
  explain?: ExplainDivergence;
  trajectories?: TrajectoryRecorder;
}

export interface AnnealedState extends SamplerState {
  sigmas: number[];
}

export class AnnealedRun extends SamplerRun {
  readonly eps: number;
  readonly sigmas: number[];
  readonly stepsPerLevel: number;
  readonly histogramRange: HistogramRange;
  /** One histogram per finished level, in order. */
  readonly snapshots: LevelSnapshot[] = [];

  constructor(options: AnnealedRunOptions) {
    super({
      ...options,
      levels: annealedLevels(options.eps, options.sigmas, options.stepsPerLevel),
      annealed: true,
    });
    this.eps = options.eps;
    this.sigmas = Array.from(options.sigmas);
    this.stepsPerLevel = options.stepsPerLevel;
    this.histogramRange = options.histogramRange;
  }

  override state(): AnnealedState {
    return { ...super.state(), sigmas: this.sigmas };
  }

  protected override onLevelEnd(level: number): void {
    const { sigma, stepSize } = this.levels[level];
    this.snapshots.push({
      level,
      sigma: sigma ?? 0,
      stepSize,
      step: this.currentStep,
      histogram: histogram(this.particles, this.histogramRange),
    });
  }
}

export interface AnnealedConfig extends AnnealedSetting, RunExtras {
  /** Default: the mixture's plot range in 80 bins. */
  histogramRange?: HistogramRange;
}

export function createAnnealedRun(config: AnnealedConfig): AnnealedRun {
  const seeds = runSeeds(config.seed);
  const particles = drawInitialParticles(config.init, config.n, seeds.init);
  const [lo, hi] = plotRange(config.mixture);
  const exact = config.score === undefined;
  return new AnnealedRun({
    particles,
    score: config.score ?? createExactScore(config.mixture),
    eps: config.eps,
    sigmas: geometricSigmas(config.smax, config.smin, config.levels),
    stepsPerLevel: config.T,
    noiseSeed: seeds.noiseSeed,
    histogramRange: config.histogramRange ?? { lo, hi, bins: 80 },
    bound: config.bound,
    explain: exact
      ? (stepSize, sigma, level) => explainExactDivergence(config.mixture, stepSize, sigma, level)
      : undefined,
    trajectories:
      config.trajectories === false
        ? undefined
        : new TrajectoryRecorder({ n: config.n, ...config.trajectories }),
  });
}
