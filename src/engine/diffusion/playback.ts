/**
 * Playback of the diffusion page, as plain data (no DOM): a run that stops after any step, in either direction,
 * and the bounded record of its frames that the scrubber replays.
 *
 * - Reverse: DiffusionRun (the sampler from t = 1 down to the end time), one step at a time.
 * - Forward: n data particles x_0 ~ p_0 noised along the same grid, t increasing to 1, by the process's exact
 *   transition x_t = α x_t' + σ z with α = a(t)/a(t'), σ² = s(t)² − α² s(t')² (process.transition). Every
 *   step is exact, so at every grid time the particles are n independent draws of p_t.
 *
 * Each kept frame holds the histogram, the tracked particles' positions and the distances of the particles to
 * the exact p_t at the frame's t (W1 and KS, frameDistances.ts), so a finished run can be replayed without keeping
 * its particles.
 */
import { histogram } from '../sampling/histogram';
import { NormalStream } from '../sampling/normalStream';
import { runSeeds } from '../sampling/seeds';
import { sampleMixture, type Mixture } from '../mixture';
import type { DiffusionProcess } from './process';
import { GridRun } from './gridRun';
import { exactProcessScore, processMarginal } from './score';
import { distancesToMixture } from './frameDistances';
import { DiffusionRun, type SamplerSpec } from './run';

export type Direction = 'reverse' | 'forward';

/** What playback needs of a run: its grid, where it is, and one more step. */
export interface SteppedRun {
  readonly particles: Float64Array;
  readonly totalSteps: number;
  readonly stepIndex: number;
  readonly done: boolean;
  /** The time the particles are at now. */
  readonly time: number;
  step(count?: number): boolean;
}

export interface ForwardRunOptions {
  process: DiffusionProcess;
  mixture: Mixture;
  steps: number;
  n: number;
  seed: number;
}

/** Data particles noised forward along the process's grid, from its end time up to t = 1 (exact steps). */
/** Its times increase: the reverse sampler's grid read backwards. */
export class ForwardRun extends GridRun implements SteppedRun {
  readonly particles: Float64Array;
  private readonly process: DiffusionProcess;
  private readonly noise: Float64Array;
  private readonly stream: NormalStream;

  constructor(options: ForwardRunOptions) {
    super(options.process.grid(options.steps).reverse());
    const n = Math.max(1, Math.floor(options.n));
    this.process = options.process;
    const seeds = runSeeds(options.seed);
    const x0 = sampleMixture(options.mixture, n, seeds.init);
    // Start from p_t at the grid's first time (the data itself when it is t = 0).
    const { alpha, variance } = this.process.transition(this.times[0], 0);
    this.stream = new NormalStream(seeds.noiseSeed);
    this.noise = new Float64Array(n);
    this.particles = x0;
    this.move(alpha, variance);
  }

  step(count = 1): boolean {
    for (let c = 0; c < count && !this.done; c++) {
      const { alpha, variance } = this.process.transition(
        this.times[this.stepIndex + 1],
        this.times[this.stepIndex],
      );
      this.move(alpha, variance);
      this.stepIndex++;
    }
    return this.done;
  }

  /** x ← α x + σ z, z ~ N(0, 1) independent per particle. */
  private move(alpha: number, variance: number): void {
    const std = Math.sqrt(Math.max(0, variance));
    const x = this.particles;
    if (std > 0) this.stream.fill(this.noise);
    for (let i = 0; i < x.length; i++) x[i] = alpha * x[i] + (std > 0 ? std * this.noise[i] : 0);
  }
}

export interface PlaybackOptions {
  direction: Direction;
  process: DiffusionProcess;
  mixture: Mixture;
  sampler: SamplerSpec;
  steps: number;
  n: number;
  seed: number;
}

/** The run Play animates: the sampler on the exact score (reverse) or the exact noising (forward). */
export function createPlaybackRun(o: PlaybackOptions): SteppedRun {
  if (o.direction === 'forward') return new ForwardRun(o);
  return new DiffusionRun({
    process: o.process,
    score: exactProcessScore(o.mixture, o.process),
    sampler: o.sampler,
    steps: o.steps,
    n: o.n,
    seed: o.seed,
    tracks: 0,
  });
}

export interface PlaybackFrame {
  /** Steps taken, and the time the particles are at. */
  step: number;
  t: number;
  /** Histogram counts over the frame range, and the particles outside it. */
  counts: Uint32Array;
  outside: number;
  /** Positions of the tracked particles. */
  tracks: Float32Array;
  /** Distances of the particles to the exact p_t at t; NaN when a particle is not finite. */
  w1: number;
  ks: number;
}

export interface FrameLayout {
  range: [number, number];
  bins: number;
  /** Indices of the tracked particles. */
  tracks: Int32Array;
}

/** Evenly spread track indices (the particles are exchangeable, so this is as good as a random choice). */
export function trackIndices(n: number, count: number): Int32Array {
  const k = Math.min(n, Math.max(0, Math.floor(count)));
  return Int32Array.from({ length: k }, (_, j) => Math.floor(((j + 0.5) * n) / k));
}

/** What a frame reads of a run: where its particles are, after how many steps. */
export type FrameSource = Pick<SteppedRun, 'particles' | 'stepIndex' | 'time'>;

/** The frame of a run as it is now, against the exact marginal p_t of the mixture under the process. */
export function frameOf(
  run: FrameSource,
  mixture: Mixture,
  process: DiffusionProcess,
  layout: FrameLayout,
): PlaybackFrame {
  const xs = run.particles;
  const h = histogram(xs, { lo: layout.range[0], hi: layout.range[1], bins: layout.bins });
  const tracks = new Float32Array(layout.tracks.length);
  layout.tracks.forEach((i, j) => (tracks[j] = xs[i]));
  let finite = true;
  for (let i = 0; i < xs.length && finite; i++) finite = Number.isFinite(xs[i]);
  const d = finite ? distancesToMixture(xs, processMarginal(mixture, process, run.time)) : null;
  return {
    step: run.stepIndex,
    t: run.time,
    counts: Uint32Array.from(h.counts),
    outside: h.below + h.above + h.nonFinite,
    tracks,
    w1: d?.w1 ?? NaN,
    ks: d?.ks ?? NaN,
  };
}

/** The most frames a run keeps; about 0.6 kB each with 90 bins and 40 tracks, so at most ~0.15 MB a run. */
export const MAX_FRAMES = 256;

/**
 * Which steps a run of `totalSteps` keeps: every `stride`-th, the first and the last, so never more than
 * MAX_FRAMES + 1 frames whatever the step count.
 */
export function frameStride(totalSteps: number, maxFrames = MAX_FRAMES): number {
  return Math.max(1, Math.ceil(totalSteps / Math.max(1, maxFrames)));
}

export function keepsFrame(step: number, totalSteps: number, stride: number): boolean {
  return step % stride === 0 || step >= totalSteps;
}
