/**
 * Langevin and annealed Langevin with the particles as tensors (SCIENCE.md §4): per step and particle
 *   x ← x + (α/2) s(x, σ) + √α z,   z from the on-device generator (tensorNoise.ts),
 * over the schedule of plan.ts, on whatever backend TensorFlow.js runs (webgpu, webgl, wasm, cpu).
 *
 * A chunk of k steps is one tf.tidy; inside it each step is its own nested tidy (so a step's intermediates — at
 * n = 10⁶ several hundred MB for a network — die with the step), and the state a step replaces is disposed as
 * soon as the next exists. Nothing is read back inside the chunk: divergence is tracked on the device by a
 * boolean `alive` (all particles finite and within ±bound at every step so far), and a step is committed only
 * while alive holds, so a diverged run keeps the last good particles, as the JS runner does. After the chunk one
 * small asynchronous readback carries [alive, steps taken, particles escaped] and the tracked positions.
 *
 * Determinism: every step runs the same ops on the same data whatever the chunk sizes, so animation and
 * `run()` give the same particles for a seed (on one backend; float rounding differs between backends).
 */
import {
  explainGenericDivergence,
  runSeeds,
  type ExplainDivergence,
  type Histogram,
  type HistogramRange,
  type SamplerLevel,
} from '../../sampling';
import { tf } from '../core';
import { BLOCK_SIZE, BlockGather, blockSizes, deviceHistogram, readAndDispose } from './blocks';
import { ChunkedParticleRun, initialParticles } from './chunkedRun';
import { strideIndices, type RunPlan } from '../../sampling/plan';
import { nextNormals, noiseTensors, seedNoise, type NoiseState } from './tensorNoise';
import type { TensorScore } from './tensorScore';

export interface TensorRunOptions {
  /** The score to follow; the caller owns it (it outlives runs). */
  score: TensorScore;
  bound?: number;
  explain?: ExplainDivergence;
  blockSize?: number;
}

/** Wall time a chunk aims at: long enough to amortise its readback, short enough to answer a pause. */
const CHUNK_TARGET_MS = 20;
const MAX_CHUNK = 512;

interface StepState {
  blocks: tf.Tensor1D[];
  noise: NoiseState[];
  alive: tf.Scalar;
  taken: tf.Scalar;
  escaped: tf.Scalar;
}

/** A NoiseState from the flat list noiseTensors made (what crosses a tidy boundary). */
function noiseFrom([s1, s2, s3, spare]: tf.Tensor[]): NoiseState {
  return {
    s1: s1 as tf.Tensor1D,
    s2: s2 as tf.Tensor1D,
    s3: s3 as tf.Tensor1D,
    spare: (spare as tf.Tensor1D | undefined) ?? null,
  };
}

/** A step inside its own tidy: the state goes in and out as plain lists of tensors. */
function tidyStep(run: (st: StepState) => StepState, st: StepState): StepState {
  const out = tf.tidy(() => {
    const next = run(st);
    return { ...next, noise: next.noise.map(noiseTensors) };
  });
  return { ...out, noise: out.noise.map(noiseFrom) };
}

function stateTensors(s: StepState): tf.Tensor[] {
  return [...s.blocks, ...s.noise.flatMap(noiseTensors), s.alive, s.taken, s.escaped];
}

/** Disposes what `before` held that `after` no longer does. */
function disposeReplaced(before: StepState, after: StepState): void {
  const kept = new Set(stateTensors(after));
  for (const t of stateTensors(before)) if (!kept.has(t)) t.dispose();
}

export class TensorParticleRun extends ChunkedParticleRun {
  readonly engine = 'tensor' as const;
  private blocks: tf.Tensor1D[];
  private noise: NoiseState[];
  private readonly tracked: BlockGather;
  private readonly weighed: BlockGather;
  private readonly score: TensorScore;
  private readonly bound: number;
  private readonly explain: ExplainDivergence;
  private readonly blockSize: number;

  constructor(plan: RunPlan, options: TensorRunOptions) {
    const xs = initialParticles(plan);
    super(plan, xs, { targetMs: CHUNK_TARGET_MS, maxChunk: MAX_CHUNK });
    this.score = options.score;
    this.bound = options.bound ?? 1e6;
    this.explain = options.explain ?? explainGenericDivergence;
    this.blockSize = options.blockSize ?? BLOCK_SIZE;
    const sizes = blockSizes(this.n, this.blockSize);
    let start = 0;
    this.blocks = sizes.map((size) => tf.tensor1d(xs.subarray(start, (start += size)), 'float32'));
    this.noise = seedNoise(sizes, runSeeds(plan.spec.seed).noiseSeed);
    this.tracked = new BlockGather(plan.trackIndices, this.blockSize);
    this.weighed = new BlockGather(plan.weightIndices, this.blockSize);
  }

  /** k steps at `level` in one tidy, then one readback. Returns the steps committed. */
  protected async runChunk(level: SamplerLevel, k: number): Promise<number> {
    const first = this.stepIndex;
    const trackSteps: number[] = [];
    const weightSteps: number[] = [];
    const result = tf.tidy(() => {
      let st: StepState = {
        blocks: this.blocks,
        noise: this.noise,
        alive: tf.scalar(true, 'bool'),
        taken: tf.scalar(0),
        escaped: tf.scalar(0),
      };
      const records: tf.Tensor1D[] = [];
      for (let i = 1; i <= k; i++) {
        const next = tidyStep((state) => this.step(state, level), st);
        disposeReplaced(st, next);
        st = next;
        const step = first + i;
        if (step % this.plan.trackEvery === 0) {
          trackSteps.push(step);
          records.push(this.tracked.apply(st.blocks));
        }
        if (step % this.plan.weightsEvery === 0 || step === this.totalSteps) {
          weightSteps.push(step);
          records.push(this.weighed.apply(st.blocks));
        }
      }
      const flags = tf.stack([tf.cast(st.alive, 'float32'), st.taken, st.escaped]) as tf.Tensor1D;
      // Flat lists of tensors: what tidy keeps is exactly what it returns.
      return {
        blocks: st.blocks,
        noise: st.noise.map(noiseTensors),
        packed: tf.concat([flags, ...records]) as tf.Tensor1D,
      };
    });
    this.blocks = result.blocks;
    this.noise = result.noise.map(noiseFrom);
    const data = await readAndDispose(result.packed);
    const committed = Math.round(data[1]);
    this.unpackRecords(data.subarray(3), trackSteps, weightSteps, first + committed);
    this.stepIndex += committed;
    this.stepInLevel += committed;
    if (data[0] === 0) {
      const annealedLevel = this.plan.spec.kind === 'annealed' ? this.levelIndex : undefined;
      this.failure = {
        step: this.stepIndex + 1,
        level: annealedLevel,
        escaped: Math.round(data[2]),
        reason: this.explain(level.stepSize, this.score.sigmaUsed(level.sigma), annealedLevel),
      };
    }
    return committed;
  }

  /** One step of every block (inside a tidy): proposal, the bound check, and the conditional commit. */
  private step(st: StepState, level: SamplerLevel): StepState {
    const drift = 0.5 * level.stepSize;
    const diffusion = Math.sqrt(level.stepSize);
    const proposals: tf.Tensor1D[] = [];
    const noise: NoiseState[] = [];
    let ok: tf.Tensor | null = null;
    let outside: tf.Tensor = tf.scalar(0);
    st.blocks.forEach((x, b) => {
      const draw = nextNormals(st.noise[b]);
      const score = this.score.apply(x, level.sigma);
      const proposal = tf.add(tf.add(x, tf.mul(score, drift)), tf.mul(draw.z, diffusion)) as tf.Tensor1D;
      // |x| ≤ bound is false for NaN too.
      const inside = tf.lessEqual(tf.abs(proposal), this.bound);
      ok = ok ? tf.logicalAnd(ok, tf.all(inside)) : tf.all(inside);
      outside = tf.add(outside, tf.sub(x.size, tf.sum(tf.cast(inside, 'float32'))));
      proposals.push(proposal);
      noise.push(draw.state);
    });
    const alive = tf.logicalAnd(st.alive, ok!) as tf.Scalar;
    const failingNow = tf.logicalAnd(st.alive, tf.logicalNot(ok!));
    return {
      blocks: proposals.map((p, b) => tf.where(alive, p, st.blocks[b]) as tf.Tensor1D),
      noise,
      alive,
      taken: tf.add(st.taken, tf.cast(alive, 'float32')) as tf.Scalar,
      escaped: tf.where(failingNow, outside, st.escaped) as tf.Scalar,
    };
  }

  /** Splits the packed records back into tracks and weights, dropping any after a divergence. */
  private unpackRecords(
    data: Float32Array,
    trackSteps: number[],
    weightSteps: number[],
    lastGood: number,
  ): void {
    const m = this.tracked.count;
    const w = this.weighed.count;
    let offset = 0;
    const all = [
      ...trackSteps.map((s) => ({ s, track: true })),
      ...weightSteps.map((s) => ({ s, track: false })),
    ];
    // Records were pushed step by step, tracks before weights within a step.
    all.sort((a, b) => a.s - b.s || (a.track ? -1 : 1));
    for (const r of all) {
      const size = r.track ? m : w;
      const values = data.subarray(offset, offset + size);
      offset += size;
      if (r.s > lastGood) continue;
      if (r.track) {
        this.tracks.steps.push(r.s);
        for (let j = 0; j < m; j++) this.tracks.positions.push(values[j]);
      } else this.pushWeights(r.s, values);
    }
  }

  histogram(range: HistogramRange): Promise<Histogram> {
    return deviceHistogram(this.blocks, range, this.n);
  }

  async subsample(max: number): Promise<Float32Array> {
    const gather = new BlockGather(strideIndices(this.n, max), this.blockSize);
    try {
      return await readAndDispose(tf.tidy(() => gather.apply(this.blocks)));
    } finally {
      gather.dispose();
    }
  }

  async particles(): Promise<Float32Array> {
    return readAndDispose(
      tf.tidy(() => (this.blocks.length === 1 ? tf.clone(this.blocks[0]) : tf.concat(this.blocks))),
    );
  }

  dispose(): void {
    tf.dispose([...this.blocks, ...this.noise.flatMap(noiseTensors)]);
    this.blocks = [];
    this.noise = [];
    this.tracked.dispose();
    this.weighed.dispose();
  }
}
