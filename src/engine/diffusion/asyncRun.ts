/**
 * The reverse-time samplers of engine/diffusion, step for step, on a score that answers asynchronously: a
 * network on a tensor backend, whose readback is a promise (a synchronous readback would block on WebGL and is
 * not offered at all for GPU-resident data on WebGPU).
 *
 * Why a second copy of the update rules rather than a wrapper: DiffusionRun calls its score synchronously in the
 * middle of a step (Heun's second slope, the corrector's repeated evaluations), so it cannot await. The rules
 * below are the ones of engine/diffusion/steps.ts verbatim, and the seeds, streams, grid, track choice and
 * record schedule are DiffusionRun's, so with the same score the two produce the same particles bit for bit
 * (tests/unit/tf/eps-async-run.test.ts checks it). That is what makes exact-vs-learned a clean comparison: both
 * runs start from the same noise and draw the same step noise, and differ only by the score.
 */
import {
  correctorAlpha,
  correctsAt,
  DEFAULT_SNR,
  type DiffusionProcess,
  type SamplerSpec,
  type Trajectories,
} from './index';
import { NormalStream } from '../sampling/normalStream';
import { runSeeds } from '../sampling/seeds';

/** ∇log p_t at a batch, asynchronously; the result has the batch's length. */
export type AsyncTimeScore = (xs: Float64Array, t: number) => Promise<ArrayLike<number>>;

export interface AsyncRunOptions {
  process: DiffusionProcess;
  score: AsyncTimeScore;
  sampler: SamplerSpec;
  steps: number;
  n: number;
  seed: number;
  tracks?: number;
  maxRecords?: number;
}

export class AsyncDiffusionRun {
  readonly times: Float64Array;
  readonly sampler: SamplerSpec;
  readonly process: DiffusionProcess;
  stepIndex = 0;
  scoreEvaluations = 0;
  private readonly score: AsyncTimeScore;
  private readonly x: Float64Array;
  private readonly grad: Float64Array;
  private readonly guess: Float64Array;
  private readonly velocity: Float64Array;
  private readonly noise: Float64Array;
  private readonly stream: NormalStream;
  private readonly trackIndices: Int32Array;
  private readonly recordEvery: number;
  private readonly recordTimes: number[] = [];
  private readonly records: number[] = [];

  constructor(options: AsyncRunOptions) {
    const n = Math.max(1, Math.floor(options.n));
    this.process = options.process;
    this.score = options.score;
    this.times = options.process.grid(options.steps);
    this.sampler = options.sampler;
    const seeds = runSeeds(options.seed);
    this.x = new Float64Array(n);
    for (let i = 0; i < n; i++) this.x[i] = options.process.priorStd * seeds.init.normal();
    this.grad = new Float64Array(n);
    this.guess = new Float64Array(n);
    this.velocity = new Float64Array(n);
    this.noise = new Float64Array(n);
    this.stream = new NormalStream(seeds.noiseSeed);
    const count = Math.min(n, Math.max(0, Math.floor(options.tracks ?? 32)));
    this.trackIndices = Int32Array.from({ length: count }, (_, j) => Math.floor(((j + 0.5) * n) / count));
    this.recordEvery = Math.max(1, Math.ceil(this.totalSteps / Math.max(1, options.maxRecords ?? 500)));
    this.record();
  }

  get particles(): Float64Array {
    return this.x;
  }
  get totalSteps(): number {
    return this.times.length - 1;
  }
  get done(): boolean {
    return this.stepIndex >= this.totalSteps;
  }
  get time(): number {
    return this.times[this.stepIndex];
  }

  async step(count = 1): Promise<boolean> {
    for (let c = 0; c < count && !this.done; c++) {
      const t = this.times[this.stepIndex];
      const tNext = this.times[this.stepIndex + 1];
      await this.advance(t, tNext, this.stepIndex === this.totalSteps - 1);
      this.stepIndex++;
      if (this.stepIndex % this.recordEvery === 0 || this.done) this.record();
    }
    return this.done;
  }

  trajectories(): Trajectories {
    return {
      times: [...this.recordTimes],
      indices: Array.from(this.trackIndices),
      positions: Float32Array.from(this.records),
      tracks: this.trackIndices.length,
    };
  }

  private async evaluate(xs: Float64Array, t: number): Promise<void> {
    this.grad.set(await this.score(xs, t));
    this.scoreEvaluations++;
  }

  private async advance(t: number, tNext: number, last: boolean): Promise<void> {
    const spec = this.sampler;
    switch (spec.kind) {
      case 'ancestral':
        return this.ancestral(t, tNext, spec.variance ?? 'betaTilde', last);
      case 'sde':
        return this.eulerMaruyama(t, tNext, last);
      case 'ode':
        return this.ode(t, tNext, spec.solver ?? 'heun');
      case 'pc': {
        // Predictor, then corrector at the new level (Song et al. 2021, Algorithms 2–3), as DiffusionRun.
        if ((spec.predictor ?? 'ancestral') === 'ancestral')
          await this.ancestral(t, tNext, 'betaTilde', last);
        else await this.eulerMaruyama(t, tNext, last);
        if (correctsAt(this.process, tNext)) {
          const alpha = correctorAlpha(this.process, t, tNext);
          await this.corrector(tNext, alpha, spec.correctorSteps ?? 1, spec.snr ?? DEFAULT_SNR);
        }
        return;
      }
    }
  }

  /** x' = (x + σ² s)/α + √v z with v = σ² (β) or σ² s(t')²/s(t)² (β̃); see engine/diffusion/steps.ts. */
  private async ancestral(t: number, tNext: number, variance: 'beta' | 'betaTilde', last: boolean) {
    const { alpha, variance: sigma2 } = this.process.transition(t, tNext);
    await this.evaluate(this.x, t);
    const sNow = this.process.s(t);
    const sNext = this.process.s(tNext);
    const v = last ? 0 : variance === 'beta' ? sigma2 : (sigma2 * sNext * sNext) / (sNow * sNow);
    const std = Math.sqrt(Math.max(0, v));
    const { x, grad, noise } = this;
    if (std > 0) this.stream.fill(noise);
    for (let i = 0; i < x.length; i++) {
      x[i] = (x[i] + sigma2 * grad[i]) / alpha + (std > 0 ? std * noise[i] : 0);
    }
  }

  /** Reverse SDE, Euler–Maruyama: x' = x + (−f x + g² s) h + g √h z. */
  private async eulerMaruyama(t: number, tNext: number, last: boolean) {
    const h = t - tNext;
    const f = this.process.drift(t);
    const g2 = this.process.g2(t);
    await this.evaluate(this.x, t);
    const std = last ? 0 : Math.sqrt(g2 * h);
    const { x, grad, noise } = this;
    if (std > 0) this.stream.fill(noise);
    for (let i = 0; i < x.length; i++) {
      x[i] += (-f * x[i] + g2 * grad[i]) * h + (std > 0 ? std * noise[i] : 0);
    }
  }

  /** Probability-flow ODE: Euler, or Heun's average of the slopes at (t, x) and at the Euler guess. */
  private async ode(t: number, tNext: number, solver: 'euler' | 'heun') {
    const h = t - tNext;
    const f = this.process.drift(t);
    const g2 = this.process.g2(t);
    await this.evaluate(this.x, t);
    const { x, grad, guess, velocity } = this;
    for (let i = 0; i < x.length; i++) velocity[i] = -f * x[i] + 0.5 * g2 * grad[i];
    if (solver === 'euler' || !(this.process.s(tNext) > 0)) {
      for (let i = 0; i < x.length; i++) x[i] += velocity[i] * h;
      return;
    }
    for (let i = 0; i < x.length; i++) guess[i] = x[i] + velocity[i] * h;
    const fNext = this.process.drift(tNext);
    const g2Next = this.process.g2(tNext);
    await this.evaluate(guess, tNext);
    for (let i = 0; i < x.length; i++) {
      const vNext = -fNext * guess[i] + 0.5 * g2Next * grad[i];
      x[i] += 0.5 * (velocity[i] + vNext) * h;
    }
  }

  /** Langevin corrector with ε = 2 α (r ‖z‖/‖s‖)², x' = x + ε s + √(2ε) z. */
  private async corrector(t: number, alpha: number, steps: number, snr: number) {
    const { x, grad, noise } = this;
    for (let j = 0; j < steps; j++) {
      await this.evaluate(x, t);
      this.stream.fill(noise);
      let zNorm = 0;
      let gNorm = 0;
      for (let i = 0; i < x.length; i++) {
        zNorm += Math.abs(noise[i]);
        gNorm += Math.abs(grad[i]);
      }
      if (!(gNorm > 0)) return;
      const ratio = (snr * zNorm) / gNorm;
      const eps = 2 * alpha * ratio * ratio;
      const std = Math.sqrt(2 * eps);
      for (let i = 0; i < x.length; i++) x[i] += eps * grad[i] + std * noise[i];
    }
  }

  private record(): void {
    this.recordTimes.push(this.time);
    for (const i of this.trackIndices) this.records.push(this.x[i]);
  }
}
