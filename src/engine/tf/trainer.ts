/**
 * One training run: the network, its Adam optimiser, the batch source and the step count. It knows nothing of
 * scheduling or messages (src/worker/session.ts decides when to train); it runs steps, evaluates, saves and
 * answers score queries, and owns every tensor it makes.
 *
 * The hot path (runSteps) never reads back: each step is one tf.tidy that uploads the batch, takes one Adam step,
 * updates the weight average and keeps the step's loss on the device. The caller reads a chunk's losses back in
 * one asynchronous data(), which also paces GPU backends whose work is queued rather than done on the spot.
 *
 * The model that is evaluated, saved and asked for scores is an exponential moving average (EMA) of the trained
 * weights, θ̄ ← d θ̄ + (1 − d) θ, as in Song & Ermon's improved NCSN training. Constant-step Adam on the noisy
 * DSM/ISM targets keeps the weights jittering around the optimum, and the score at level σ is net/σ, so the
 * jitter is magnified 1/σ times at small σ; averaging the last ~100 steps removes most of it (measured on the
 * unit tests' Gaussian: final p-weighted RMS error 2–7% with the average against 4–23% without). The decay
 * warms up as d_t = min(0.99, (1 + t)/(10 + t)), so the average does not lag the early, fast-moving weights.
 * The loss is always that of the trained weights θ.
 */
import { cleanConfig, type TrainConfig } from '../training/config';
import { tf } from './core';
import { BatchSource, trainingSet, type TrainingBatch } from '../training/batches';
import {
  cachedKde,
  evaluateNet,
  learnedScores,
  type Evaluation,
  type EvaluationOptions,
  type KdeProvider,
} from './evaluate';
import { parseModelFile, serializeModel } from './modelFile';
import { batchLoss, type BatchTensors } from './objectives';
import { ScoreNet, initialParams, type ParamArray } from './net';
import { streamRng } from '../training/streams';
import { EpsBatchSource } from '../training/epsBatches';
import { FlowBatchSource } from '../training/flowBatches';
import { epsAt, evaluateEps } from './eps/evaluate';
import { learnedLogLikelihood, type LearnedLikelihoodOptions } from './eps/likelihood';
import { buildProcess, type ProcessSpec } from '../diffusion/processSpec';

/**
 * Adam's ε is fixed here: by default tfjs takes it from the backend, and WebGL lowers the default to 1e-4 where
 * it computes in half precision, which would change the steps from one backend to another.
 */
export const ADAM_EPSILON = 1e-7;
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;

/** Decay of the weight average (its memory is ~1/(1 − d) = 100 steps). */
export const EMA_DECAY = 0.99;

/** The average's decay at step t (counting from 0), warmed up so the first steps are not averaged with the start. */
export function emaDecayAt(step: number): number {
  return Math.min(EMA_DECAY, (1 + step) / (10 + step));
}

/**
 * Size of the held-out batch: fresh samples of p (with their levels and noise) that training never sees, drawn
 * once per run from the seed's own held-out stream. Its standard error is about the loss's spread over √2048.
 */
export const HELD_OUT_SIZE = 2048;

/** A loss larger in size than this many times the first one (or than this number, if larger) is divergence. */
export const DIVERGENCE_FACTOR = 1e4;

/**
 * Takes a run's steps on a faster path than the generic ops (the fused WebGPU kernels: fused/trainingEngine.ts).
 * After train(n) the trainer's net and model hold the new weights and their average, so nothing else changes.
 */
export interface StepEngine {
  train(n: number): Promise<Float32Array>;
  /** The trainer's training set was regenerated. */
  dataChanged(): void;
  dispose(): void;
}

export interface TrainerOptions {
  /** Start from these parameters instead of the seeded initialisation. */
  params?: ParamArray[];
  /** The weight average's parameters (default: `params`), to carry a run on with its average intact. */
  averageParams?: ParamArray[];
  step?: number;
  dataGeneration?: number;
  /** Draw the batches from here instead of the config's own source (reflow trains on fixed pairs). */
  batches?: { dataset: Float64Array | null; next(): TrainingBatch };
}

/** Uploads what the objective needs (the denoising losses, ε-prediction included, need only the rows and z). */
function toTensors(objective: TrainConfig['objective'], b: TrainingBatch): BatchTensors {
  const denoising = objective === 'ncsn' || objective === 'dsm' || objective === 'eps';
  return {
    input: tf.tensor2d(b.input, [b.x.length, 2]),
    sigma: denoising ? undefined : tf.tensor1d(b.sigma),
    z: b.z ? tf.tensor1d(b.z) : undefined,
    target: b.target ? tf.tensor1d(b.target) : undefined,
  };
}

export class Trainer {
  readonly config: TrainConfig;
  /** The weights Adam trains. */
  readonly net: ScoreNet;
  /** Their moving average: the model that is evaluated, saved and queried. */
  readonly model: ScoreNet;
  step: number;
  dataGeneration: number;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly batches: NonNullable<TrainerOptions['batches']>;
  /** The first loss read back in this run: the scale against which divergence is judged. */
  private firstLoss: number | null = null;
  /** KDE curves of the current training set (they depend on the data only, not on the network). */
  private kde: KdeProvider;
  /** The held-out batch (made on first use). */
  private heldOut: TrainingBatch | null = null;
  /**
   * Set by the worker: makes the step engine when the first steps are asked for. If making it or a chunk on it
   * fails, the run carries on with the ops path (Adam's moments afresh) and onStepEngineFailure hears why.
   */
  stepEngineFactory: ((trainer: Trainer) => Promise<StepEngine>) | null = null;
  onStepEngineFailure: ((reason: string) => void) | null = null;
  private stepEngine: StepEngine | null = null;

  constructor(config: TrainConfig, options: TrainerOptions = {}) {
    this.config = cleanConfig(config);
    const shape = { width: this.config.width, depth: this.config.depth };
    const params = options.params ?? initialParams(shape, streamRng(this.config.seed, 'init'));
    this.net = ScoreNet.fromParams(shape, params);
    this.model = ScoreNet.fromParams(shape, options.averageParams ?? params);
    this.step = options.step ?? 0;
    this.dataGeneration = options.dataGeneration ?? 0;
    const dataset = trainingSet(this.config, this.dataGeneration);
    this.batches =
      options.batches ??
      (this.config.objective === 'eps'
        ? this.config.diffusion?.sde === 'fm'
          ? new FlowBatchSource(this.config, dataset)
          : new EpsBatchSource(this.config, dataset)
        : new BatchSource(this.config, dataset));
    this.kde = cachedKde(this.batches.dataset);
    this.optimizer = tf.train.adam(this.config.lr, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
  }

  /** The fixed training set (null when every batch is fresh). */
  get dataset(): Float64Array | null {
    return this.batches.dataset;
  }

  /** Draws the next training set of this seed; the model and optimiser carry on from where they are. */
  regenerateData(): void {
    this.dataGeneration += 1;
    this.batches.dataset = trainingSet(this.config, this.dataGeneration);
    this.kde = cachedKde(this.batches.dataset);
    this.stepEngine?.dataChanged();
  }

  /** The next training batch of this run's stream (a step engine that is fed its batches draws them here). */
  nextBatch(): TrainingBatch {
    return this.batches.next();
  }

  /** The step engine, made on first use; null when there is none or it failed (then the ops path trains). */
  private async engine(): Promise<StepEngine | null> {
    const factory = this.stepEngineFactory;
    if (!this.stepEngine && factory) {
      this.stepEngineFactory = null;
      try {
        this.stepEngine = await factory(this);
      } catch (error) {
        this.dropStepEngine(error);
      }
    }
    return this.stepEngine;
  }

  private dropStepEngine(error: unknown): void {
    this.stepEngine?.dispose();
    this.stepEngine = null;
    this.onStepEngineFailure?.(error instanceof Error ? error.message : String(error));
  }

  /**
   * n optimisation steps. Returns each step's loss, shape [n], as a tensor the caller owns and must dispose
   * (per step, not a sum, so that the loss curve does not depend on how steps were grouped into chunks).
   * Leaves no other tensor behind.
   */
  runSteps(n: number): tf.Tensor1D {
    const { objective } = this.config;
    const variables = this.net.variables;
    const averages = this.model.variables;
    const costs: tf.Scalar[] = [];
    for (let i = 0; i < n; i++) {
      const batch = this.batches.next();
      const decay = emaDecayAt(this.step);
      costs.push(
        tf.tidy(() => {
          const tensors = toTensors(objective, batch);
          const cost = this.optimizer.minimize(
            () => batchLoss(objective, this.net, tensors),
            true,
            variables,
          );
          averages.forEach((avg, k) =>
            avg.assign(tf.add(tf.mul(avg, decay), tf.mul(variables[k], 1 - decay))),
          );
          return cost as tf.Scalar;
        }),
      );
      this.step += 1;
    }
    const losses = n > 0 ? (tf.stack(costs) as tf.Tensor1D) : tf.tensor1d([]);
    tf.dispose(costs);
    return losses;
  }

  /** n steps, then one readback: the loss of each step. */
  async train(n: number): Promise<Float32Array> {
    const engine = await this.engine();
    if (engine) {
      try {
        const fast = await engine.train(n);
        this.step += n;
        return fast;
      } catch (error) {
        this.dropStepEngine(error);
      }
    }
    const losses = this.runSteps(n);
    try {
      return Float32Array.from(await losses.data());
    } finally {
      losses.dispose();
    }
  }

  /**
   * Why losses that were just read back mean the run has diverged, or null if they do not: a loss that is not a
   * finite number, or one that has grown past DIVERGENCE_FACTOR times the first one ever read (at least 1).
   */
  divergence(losses: ArrayLike<number>): string | null {
    for (let i = 0; i < losses.length; i++) {
      const loss = losses[i];
      const step = this.step - losses.length + i + 1;
      if (!Number.isFinite(loss))
        return `The loss became ${Number.isNaN(loss) ? 'NaN' : 'infinite'} at step ${step}: training diverged. Try a smaller learning rate or a larger σ_min, then reset.`;
      this.firstLoss ??= loss;
      const limit = DIVERGENCE_FACTOR * Math.max(1, Math.abs(this.firstLoss));
      if (Math.abs(loss) > limit)
        return `The loss exploded to ${loss.toPrecision(3)} at step ${step} (the limit is ${limit.toPrecision(2)}): training diverged. Try a smaller learning rate, then reset.`;
    }
    return null;
  }

  /**
   * The objective's loss of the trained weights θ on the held-out batch (fresh samples of p, never trained on):
   * beside the training loss it shows when the network fits its training set better than the data (data > 0).
   * null for the ε-model, whose diffusion page has its own figures.
   */
  async heldOutLoss(): Promise<number | null> {
    const { objective } = this.config;
    if (objective === 'eps') return null;
    this.heldOut ??= new BatchSource(
      { ...this.config, batch: HELD_OUT_SIZE },
      null,
      streamRng(this.config.seed, 'heldout'),
    ).next();
    const batch = this.heldOut;
    const loss = tf.tidy(() => batchLoss(objective, this.net, toTensors(objective, batch)));
    try {
      return (await loss.data())[0];
    } finally {
      loss.dispose();
    }
  }

  evaluate(options: EvaluationOptions = {}): Promise<Evaluation> {
    if (this.config.objective === 'eps') return evaluateEps(this.model, this.config, options);
    return evaluateNet(this.model, this.config, options, this.kde);
  }

  /**
   * ε_θ(x, t) of a time-conditional ε-model (objective eps) at the given points and time t ∈ (0, 1]; the score
   * is −ε_θ/s(t). Throws for the other objectives, whose networks take σ, not t.
   */
  async epsAt(xs: ArrayLike<number>, t: number): Promise<Float32Array> {
    if (this.config.objective !== 'eps' || !this.config.diffusion)
      throw new Error('The model is a noise-conditional score network, not a time-conditional ε-model.');
    return epsAt(this.model, buildProcess(this.config.diffusion), xs, t);
  }

  /**
   * log p_θ(x) by the probability-flow ODE on this ε-model's score (objective eps only), for `process`, which
   * must be the process the model was trained on.
   */
  async logLikelihood(
    xs: ArrayLike<number>,
    process: ProcessSpec,
    options: LearnedLikelihoodOptions,
  ): Promise<Float64Array> {
    const own = this.config.diffusion;
    if (this.config.objective !== 'eps' || !own)
      throw new Error('The model is a noise-conditional score network, not a time-conditional ε-model.');
    const same =
      own.sde === process.sde &&
      (own.sde !== 'ddpm' || (own.schedule === process.schedule && own.T === process.T));
    if (!same)
      throw new Error(
        'The ε-model was trained on another process or schedule: press Train to train one for this one.',
      );
    return learnedLogLikelihood(this.model, own, xs, options);
  }

  /**
   * s_θ(x, σ) at the given points. A noise-conditional model (ncsn) is evaluated at the σ asked for; a
   * single-level model (dsm, esm, ism) knows one σ input only, and uses it whatever is asked.
   */
  async scoreAt(xs: ArrayLike<number>, sigma?: number): Promise<{ scores: Float32Array; sigma: number }> {
    if (this.config.objective === 'eps')
      throw new Error(
        'The model in the training worker is a time-conditional ε-model from the diffusion page; train a score network on the train page for this page.',
      );
    const used =
      this.config.objective === 'ncsn' && sigma !== undefined && sigma > 0 ? sigma : this.config.smin;
    return { scores: await learnedScores(this.model, xs, used), sigma: used };
  }

  /** The model file: the averaged weights (a loaded model starts both θ and θ̄ from them). */
  async save(): Promise<string> {
    return serializeModel({
      config: this.config,
      step: this.step,
      dataGeneration: this.dataGeneration,
      params: await this.model.readParams(),
    });
  }

  /** A trainer holding a saved model, or an error message; never throws for a bad file. */
  static fromJson(json: string): { trainer: Trainer } | { error: string } {
    const parsed = parseModelFile(json);
    if (!parsed.ok) return { error: parsed.error };
    const { config, step, dataGeneration, params } = parsed.model;
    return { trainer: new Trainer(config, { params, step, dataGeneration }) };
  }

  dispose(): void {
    this.stepEngine?.dispose();
    this.stepEngine = null;
    this.net.dispose();
    this.model.dispose();
    this.optimizer.dispose();
  }
}
