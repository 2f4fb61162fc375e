/**
 * The exact score in plain JavaScript: the runners of engine/sampling behind the ParticleRun interface.
 *
 * Why not tensors on a CPU: one Langevin step on the exact two-component score is ~10 flops and one exp per
 * particle. The plain loop (exactScore.ts, ziggurat noise in normalStream.ts) runs at ≈ 20 M particle-steps/s in
 * the browser's sampler worker on the 2-core test machine (bench/sampling.mjs; ≈ 30 M unloaded), while the same
 * step as tf ops makes one full pass over memory per op (≈ 40 ops with the score, the update, the on-device
 * noise and the divergence check): measured at 1.2–1.9 M particle-steps/s on wasm and 0.2–0.3 M on the CPU
 * backend (Node, n = 10⁴–10⁶), and 0.3–1 M on WebGL through SwiftShader. Tensors only pay off where the
 * particles can live on a real GPU.
 *
 * This file sits beside the tensor run because both implement one interface; it imports no TensorFlow.js.
 */
import { modeWeights } from '../metrics';
import {
  createAnnealedRun,
  createLangevinRun,
  histogram,
  type AnnealedRun,
  type Histogram,
  type HistogramRange,
  type SamplerRun,
} from './index';
import type { LevelSnapshotData, ParticleRun, TrackRecords, WeightRecord } from './particleRun';
import { nextMultiple, TRACK_POINTS, type RunPlan } from './plan';
import { monotonicClock } from '../clock';

function gather(xs: Float32Array, indices: Int32Array): Float32Array {
  const out = new Float32Array(indices.length);
  for (let j = 0; j < indices.length; j++) out[j] = xs[indices[j]];
  return out;
}

export class JsParticleRun implements ParticleRun {
  readonly engine = 'js' as const;
  readonly n: number;
  readonly totalSteps: number;
  private readonly run: SamplerRun;
  private readonly annealed: AnnealedRun | null;
  private lastTrackStep = -1;
  private weights: WeightRecord[] = [];
  private snapshotsTaken = 0;

  constructor(private readonly plan: RunPlan) {
    const { spec } = plan;
    const trajectories = { count: spec.tracks, every: plan.trackEvery, capacity: TRACK_POINTS + 2 };
    if (spec.kind === 'annealed') {
      this.annealed = createAnnealedRun({
        mixture: plan.mixture,
        n: spec.n,
        eps: spec.eps,
        smin: spec.smin,
        smax: spec.smax,
        levels: spec.levels,
        T: spec.steps,
        init: spec.init,
        seed: spec.seed,
        histogramRange: spec.snapshotRange,
        trajectories,
      });
      this.run = this.annealed;
    } else {
      this.annealed = null;
      this.run = createLangevinRun({
        mixture: plan.mixture,
        n: spec.n,
        eps: spec.eps,
        steps: spec.steps,
        init: spec.init,
        seed: spec.seed,
        trajectories,
      });
    }
    this.n = this.run.n;
    this.totalSteps = this.run.totalSteps;
    this.recordWeights();
  }

  get levels() {
    return this.run.levels;
  }

  state() {
    return this.run.state();
  }

  async advance(maxSteps: number, budgetMs: number): Promise<number> {
    const started = monotonicClock();
    const every = this.plan.weightsEvery;
    let taken = 0;
    while (taken < maxSteps && !this.run.done) {
      const step = this.run.currentStep;
      // Stop at every weight record point, so the records fall on the same steps whatever the chunking.
      const count = Math.min(maxSteps - taken, nextMultiple(step + 1, every) - step);
      const got = this.run.step(count);
      taken += got;
      if (got > 0 && (this.run.currentStep % every === 0 || this.run.currentStep === this.totalSteps))
        this.recordWeights();
      if (got < count || monotonicClock() - started >= budgetMs) break;
    }
    return taken;
  }

  async histogram(range: HistogramRange): Promise<Histogram> {
    return histogram(this.run.particles, range);
  }

  async subsample(max: number): Promise<Float32Array> {
    const xs = this.run.particles;
    const stride = Math.max(1, Math.ceil(xs.length / Math.max(1, max)));
    const out = new Float32Array(Math.ceil(xs.length / stride));
    for (let i = 0, j = 0; i < xs.length; i += stride, j++) out[j] = xs[i];
    return out;
  }

  async particles(): Promise<Float32Array> {
    return this.run.particles.slice();
  }

  takeTracks(): TrackRecords {
    const snap = this.run.trajectories?.snapshot();
    if (!snap) return { steps: [], positions: [], tracks: 0 };
    const first = snap.steps.findIndex((s) => s > this.lastTrackStep);
    if (first < 0) return { steps: [], positions: [], tracks: snap.tracks };
    const steps = snap.steps.slice(first);
    this.lastTrackStep = steps[steps.length - 1];
    return {
      steps,
      positions: Array.from(snap.positions.subarray(first * snap.tracks)),
      tracks: snap.tracks,
    };
  }

  takeWeights(): WeightRecord[] {
    const out = this.weights;
    this.weights = [];
    return out;
  }

  takeSnapshots(): LevelSnapshotData[] {
    if (!this.annealed) return [];
    const fresh = this.annealed.snapshots.slice(this.snapshotsTaken);
    this.snapshotsTaken += fresh.length;
    return fresh;
  }

  dispose(): void {
    // Plain arrays: the garbage collector takes them.
  }

  private recordWeights(): void {
    const sample = gather(this.run.particles, this.plan.weightIndices);
    this.weights.push({ step: this.run.currentStep, weights: modeWeights(sample, this.plan.mixture) });
  }
}
