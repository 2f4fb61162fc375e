/**
 * The loop shared by plain and annealed Langevin: a schedule of levels, each a score (of p, or of q_σ), a
 * step size α and a number of steps, with
 *
 *   x ← x + (α/2) s(x) + √α z,   z ~ N(0, 1) independently per particle and step,
 *
 * applied to every particle. Plain Langevin is one level with no σ; annealed Langevin is L levels (annealed.ts).
 *
 * Buffers: the run owns three Float32Arrays of length n (positions, a scratch array for the score and then
 * the new positions, and the noise) and swaps the first two after every step, so a step allocates nothing.
 * A step whose result is not finite or leaves |x| ≤ bound is not committed: the positions stay at the last
 * good state (so the metrics of a diverged run are still numbers) and the run stops with a reason.
 *
 * Determinism: the noise is one seeded stream consumed n draws per step, so the particles after k steps are
 * the same whether the steps were taken one at a time (animation) or all at once (`run()`).
 */
import type { BatchScore } from './batchScore';
import { NormalStream } from './normalStream';
import { explainGenericDivergence } from './stability';
import type { TrajectoryRecorder } from './trajectories';
import { monotonicClock } from '../clock';

export interface SamplerLevel {
  /** Noise level of the score (q_σ); omitted for the data score itself. */
  sigma?: number;
  /** α in the update above (ε for plain Langevin). */
  stepSize: number;
  /** Steps taken at this level. */
  steps: number;
}

export interface Divergence {
  /** The step (1-based) whose result was rejected; the particles are those after step − 1. */
  step: number;
  /** 0-based level, for annealed runs. */
  level?: number;
  /** Particles that became non-finite or left |x| ≤ bound in that step. */
  escaped: number;
  reason: string;
}

/** Explains a divergence at step size α (and σ, level in annealed runs). */
export type ExplainDivergence = (
  stepSize: number,
  sigma: number | undefined,
  level: number | undefined,
) => string;

export interface SamplerRunOptions {
  /** Initial positions; the run takes the array over and moves it. */
  particles: Float32Array;
  score: BatchScore;
  levels: readonly SamplerLevel[];
  /** Seed of the noise stream. */
  noiseSeed: number;
  /** |x| beyond this counts as divergence. Default 1e6. */
  bound?: number;
  /** Names the likely cause of a divergence; default: a generic step-size sentence. */
  explain?: ExplainDivergence;
  /** Records a few particles' paths after every step (and the initial state now). */
  trajectories?: TrajectoryRecorder;
  /** Levels are annealing levels (divergence reports then name the level and its step α_i). */
  annealed?: boolean;
}

export interface SamplerState {
  step: number;
  totalSteps: number;
  done: boolean;
  /** 0-based index of the level now running (of the last level once done). */
  level: number;
  levels: number;
  sigma: number | undefined;
  stepSize: number;
  divergence: Divergence | null;
  /** Particle updates per second of stepping, over the whole run so far. */
  particleStepsPerSec: number;
}

export const DEFAULT_BOUND = 1e6;

export class SamplerRun {
  readonly n: number;
  readonly levels: readonly SamplerLevel[];
  readonly totalSteps: number;
  readonly trajectories: TrajectoryRecorder | undefined;
  private xs: Float32Array;
  private scratch: Float32Array;
  private readonly noise: Float32Array;
  private readonly stream: NormalStream;
  private readonly score: BatchScore;
  private readonly bound: number;
  private readonly explain: ExplainDivergence;
  private readonly annealed: boolean;
  private stepIndex = 0;
  private levelIndex = 0;
  private stepInLevel = 0;
  private failure: Divergence | null = null;
  private busySeconds = 0;

  constructor(options: SamplerRunOptions) {
    this.xs = options.particles;
    this.n = this.xs.length;
    this.scratch = new Float32Array(this.n);
    this.noise = new Float32Array(this.n);
    this.stream = new NormalStream(options.noiseSeed);
    this.score = options.score;
    this.levels = options.levels.map((l) => ({ ...l, steps: Math.max(0, Math.floor(l.steps)) }));
    this.totalSteps = this.levels.reduce((sum, l) => sum + l.steps, 0);
    this.bound = options.bound ?? DEFAULT_BOUND;
    this.explain = options.explain ?? explainGenericDivergence;
    this.trajectories = options.trajectories;
    this.annealed = options.annealed ?? false;
    this.trajectories?.record(0, this.xs);
    this.skipEmptyLevels();
  }

  /** The current positions. The run swaps buffers every step: read them now, do not keep the reference. */
  get particles(): Float32Array {
    return this.xs;
  }

  get currentStep(): number {
    return this.stepIndex;
  }

  get level(): number {
    return Math.min(this.levelIndex, this.levels.length - 1);
  }

  get divergence(): Divergence | null {
    return this.failure;
  }

  get done(): boolean {
    return this.failure !== null || this.stepIndex >= this.totalSteps;
  }

  /** Takes up to `count` steps (fewer at the end of the schedule or on divergence); returns how many. */
  step(count = 1): number {
    const started = monotonicClock();
    let taken = 0;
    while (taken < count && !this.done) {
      const level = this.levels[this.levelIndex];
      if (!this.advance(level)) break;
      taken++;
      this.stepIndex++;
      this.stepInLevel++;
      this.trajectories?.record(this.stepIndex, this.xs);
      if (this.stepInLevel >= level.steps) {
        this.onLevelEnd(this.levelIndex);
        this.levelIndex++;
        this.stepInLevel = 0;
        this.skipEmptyLevels();
      }
    }
    this.busySeconds += (monotonicClock() - started) / 1000;
    return taken;
  }

  state(): SamplerState {
    const level = this.levels[this.level];
    const updates = this.stepIndex * this.n;
    return {
      step: this.stepIndex,
      totalSteps: this.totalSteps,
      done: this.done,
      level: this.level,
      levels: this.levels.length,
      sigma: level?.sigma,
      stepSize: level?.stepSize ?? NaN,
      divergence: this.failure,
      particleStepsPerSec: this.busySeconds > 0 ? updates / this.busySeconds : 0,
    };
  }

  /** Called once when a level's last step is done (annealed runs take histogram snapshots here). */
  protected onLevelEnd(level: number): void {
    void level;
  }

  private skipEmptyLevels(): void {
    while (this.levelIndex < this.levels.length && this.levels[this.levelIndex].steps === 0)
      this.levelIndex++;
  }

  /** One update of every particle at `level`; false (and the run stopped) if it diverged. */
  private advance(level: SamplerLevel): boolean {
    const xs = this.xs;
    const next = this.scratch;
    const z = this.noise;
    this.score(xs, next, level.sigma);
    this.stream.fill(z);
    const drift = 0.5 * level.stepSize;
    const diffusion = Math.sqrt(level.stepSize);
    const bound = this.bound;
    let escaped = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] + drift * next[i] + diffusion * z[i];
      next[i] = x;
      // Written so that NaN fails too.
      if (!(x <= bound && x >= -bound)) escaped++;
    }
    if (escaped > 0) {
      const annealedLevel = this.annealed ? this.levelIndex : undefined;
      this.failure = {
        step: this.stepIndex + 1,
        level: annealedLevel,
        escaped,
        reason: this.explain(level.stepSize, level.sigma, annealedLevel),
      };
      return false;
    }
    this.xs = next;
    this.scratch = xs;
    return true;
  }
}
