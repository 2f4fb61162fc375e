/**
 * What every particle run on a time grid records, whatever moves its particles (a reverse-time sampler,
 * reverseRun.ts; a flow-matching ODE, flow/run.ts): the particles' start, a few tracked particles' paths for
 * plotting, and the count of batch score (or velocity) evaluations the driver reports.
 */
import type { Rng } from '../rng';
import { GridRun } from './gridRun';

/** Where the particles start, and what of their paths is kept. */
export interface TrackOptions {
  n: number;
  /** Initial positions at t = 1 (copied, repeated when shorter than n); default n draws from the prior. */
  start?: ArrayLike<number>;
  /** Particles whose paths are recorded. Default 32. */
  tracks?: number;
  /** Records kept along the way (the initial and final states always are). Default 500. */
  maxRecords?: number;
}

export interface Trajectories {
  /** Time of each record, decreasing from 1. */
  times: number[];
  /** Indices of the tracked particles. */
  indices: number[];
  /** Record-major positions: positions[r · tracks + j] is track j at times[r]. */
  positions: Float32Array;
  tracks: number;
}

/** n ≥ 1 starting positions: `options.start` if given, else n draws from N(0, priorStd²) with `rng`. */
export function startPositions(options: TrackOptions, priorStd: number, rng: Rng): Float64Array {
  const n = Math.max(1, Math.floor(options.n));
  const x = new Float64Array(n);
  const start = options.start;
  if (start) for (let i = 0; i < n; i++) x[i] = start[i % start.length];
  else for (let i = 0; i < n; i++) x[i] = priorStd * rng.normal();
  return x;
}

export class TrackedRun extends GridRun {
  /** Batch evaluations so far, as the driver counts them. */
  protected evaluations = 0;
  private readonly trackIndices: Int32Array;
  private readonly recordEvery: number;
  private readonly recordTimes: number[] = [];
  private readonly records: number[] = [];

  /** `x`: the particles, moved in place by the subclass's steps. */
  constructor(
    times: Float64Array,
    protected readonly x: Float64Array,
    options: TrackOptions,
  ) {
    super(times);
    const n = x.length;
    const count = Math.min(n, Math.max(0, Math.floor(options.tracks ?? 32)));
    // Evenly spread indices: the initial draws are independent, so this is as good as a random choice, and
    // two runs with equal n and seed track the same particles.
    this.trackIndices = Int32Array.from({ length: count }, (_, j) => Math.floor(((j + 0.5) * n) / count));
    this.recordEvery = Math.max(1, Math.ceil(this.totalSteps / Math.max(1, options.maxRecords ?? 500)));
    this.record();
  }

  get particles(): Float64Array {
    return this.x;
  }
  /** Batch score (or velocity) evaluations so far: the cost of the run in network calls. */
  get scoreEvaluations(): number {
    return this.evaluations;
  }

  trajectories(): Trajectories {
    return {
      times: [...this.recordTimes],
      indices: Array.from(this.trackIndices),
      positions: Float32Array.from(this.records),
      tracks: this.trackIndices.length,
    };
  }

  /** Counts a step taken, and records the tracks every `recordEvery` steps and at the end. */
  protected finishStep(): void {
    this.stepIndex++;
    if (this.stepIndex % this.recordEvery === 0 || this.done) this.record();
  }

  private record(): void {
    this.recordTimes.push(this.time);
    for (const i of this.trackIndices) this.records.push(this.x[i]);
  }
}
