/**
 * What the GPU-side runs share (TensorParticleRun here, FusedParticleRun in ../fused): the schedule of levels walked
 * in chunks of steps whose length adapts to a target wall time, the divergence state, and the records the page reads
 * (tracked paths, mode weights, end-of-level histograms). A subclass moves the particles: runChunk(level, k) takes up
 * to k steps at one level and reports how many it committed, setting `failure` on a divergence.
 *
 * Both start from the JS engine's initial draws (the same seed split), so all engines start from identical particles.
 */
import { modeWeights } from '../../metrics';
import {
  drawInitialParticles,
  runSeeds,
  type Divergence,
  type Histogram,
  type HistogramRange,
  type SamplerLevel,
  type SamplerState,
} from '../../sampling';
import type {
  EngineName,
  LevelSnapshotData,
  ParticleRun,
  TrackRecords,
  WeightRecord,
} from '../../sampling/particleRun';
import type { RunPlan } from '../../sampling/plan';

/** The run's initial particles: the JS engine's draws for the plan's seed. */
export function initialParticles(plan: RunPlan): Float32Array {
  return drawInitialParticles(plan.spec.init, plan.spec.n, runSeeds(plan.spec.seed).init);
}

export interface Chunking {
  /** Wall time a chunk aims at: long enough to amortise its readback, short enough to answer a pause. */
  targetMs: number;
  maxChunk: number;
}

export abstract class ChunkedParticleRun implements ParticleRun {
  abstract readonly engine: EngineName;
  readonly n: number;
  readonly levels: readonly SamplerLevel[];
  readonly totalSteps: number;
  protected stepIndex = 0;
  protected levelIndex = 0;
  protected stepInLevel = 0;
  protected failure: Divergence | null = null;
  protected tracks: TrackRecords;
  private weights: WeightRecord[] = [];
  private snapshots: LevelSnapshotData[] = [];
  private busyMs = 0;
  private chunk = 1;

  constructor(
    protected readonly plan: RunPlan,
    xs: Float32Array,
    private readonly chunking: Chunking,
  ) {
    this.n = xs.length;
    this.levels = plan.levels;
    this.totalSteps = plan.totalSteps;
    const m = plan.trackIndices.length;
    this.tracks = { steps: [0], positions: Array.from(plan.trackIndices, (i) => xs[i]), tracks: m };
    this.pushWeights(
      0,
      Float32Array.from(plan.weightIndices, (i) => xs[i]),
    );
    this.skipEmptyLevels();
  }

  /** Up to k steps at `level`; resolves with the steps committed (fewer, with `failure` set, on a divergence). */
  protected abstract runChunk(level: SamplerLevel, k: number): Promise<number>;

  /** The longest chunk the subclass can record (default: no limit). */
  protected chunkLimit(): number {
    return Infinity;
  }

  abstract histogram(range: HistogramRange): Promise<Histogram>;
  abstract subsample(max: number): Promise<Float32Array>;
  abstract particles(): Promise<Float32Array>;
  abstract dispose(): void;

  get done(): boolean {
    return this.failure !== null || this.stepIndex >= this.totalSteps;
  }

  state(): SamplerState {
    const level = this.levels[Math.min(this.levelIndex, this.levels.length - 1)];
    return {
      step: this.stepIndex,
      totalSteps: this.totalSteps,
      done: this.done,
      level: Math.min(this.levelIndex, this.levels.length - 1),
      levels: this.levels.length,
      sigma: level?.sigma,
      stepSize: level?.stepSize ?? NaN,
      divergence: this.failure,
      particleStepsPerSec: this.busyMs > 0 ? (this.stepIndex * this.n) / (this.busyMs / 1000) : 0,
    };
  }

  async advance(maxSteps: number, budgetMs: number): Promise<number> {
    const started = performance.now();
    const { targetMs, maxChunk } = this.chunking;
    let taken = 0;
    while (taken < maxSteps && !this.done) {
      const level = this.levels[this.levelIndex];
      const k = Math.min(this.chunk, maxSteps - taken, level.steps - this.stepInLevel, this.chunkLimit());
      const t0 = performance.now();
      const got = await this.runChunk(level, k);
      const ms = performance.now() - t0;
      this.busyMs += ms;
      if (k === this.chunk)
        this.chunk = Math.max(
          1,
          Math.min(maxChunk, Math.round(k * Math.min(2, Math.max(0.5, targetMs / ms)))),
        );
      taken += got;
      if (this.failure) break;
      if (this.stepInLevel >= level.steps) await this.endLevel(level);
      if (performance.now() - started >= budgetMs) break;
    }
    return taken;
  }

  protected pushWeights(step: number, sample: Float32Array): void {
    this.weights.push({ step, weights: modeWeights(sample, this.plan.mixture) });
  }

  private async endLevel(level: SamplerLevel): Promise<void> {
    this.snapshots.push({
      level: this.levelIndex,
      sigma: level.sigma ?? 0,
      stepSize: level.stepSize,
      step: this.stepIndex,
      histogram: await this.histogram(this.plan.spec.snapshotRange),
    });
    this.levelIndex++;
    this.stepInLevel = 0;
    this.skipEmptyLevels();
  }

  private skipEmptyLevels(): void {
    while (this.levelIndex < this.levels.length && this.levels[this.levelIndex].steps === 0)
      this.levelIndex++;
  }

  takeTracks(): TrackRecords {
    const out = this.tracks;
    this.tracks = { steps: [], positions: [], tracks: out.tracks };
    return out;
  }

  takeWeights(): WeightRecord[] {
    const out = this.weights;
    this.weights = [];
    return out;
  }

  takeSnapshots(): LevelSnapshotData[] {
    const out = this.snapshots;
    this.snapshots = [];
    return out;
  }
}
