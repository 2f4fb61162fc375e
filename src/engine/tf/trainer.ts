/**
 * One training run: the network, its Adam optimiser, the batch source and the step count. It knows nothing of
 * scheduling or messages (src/worker/session.ts decides when to train); it runs steps, evaluates, saves and
 * answers score queries, and owns every tensor it makes.
 *
 * The hot path (runSteps) never reads back: each step is one tf.tidy that uploads the batch, takes one Adam step
 * and adds the loss to a running sum on the device. The caller reads that sum once per chunk of steps (an
 * asynchronous data()), which also paces GPU backends whose work is queued rather than done on the spot.
 */
import { cleanConfig, type TrainConfig } from './config';
import { tf } from './core';
import { BatchSource, trainingSet, type TrainingBatch } from './batches';
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
import { ScoreNet, type ParamArray } from './net';
import { streamRng } from './streams';

/**
 * Adam's ε is fixed here: by default tfjs takes it from the backend, and WebGL lowers the default to 1e-4 where
 * it computes in half precision, which would change the steps from one backend to another.
 */
export const ADAM_EPSILON = 1e-7;
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;

/** A loss this many times larger (in size) than the first one read back, or 1e4 if that is larger, is divergence. */
export const DIVERGENCE_FACTOR = 1e4;

export interface TrainerOptions {
  /** Start from these parameters instead of the seeded initialisation. */
  params?: ParamArray[];
  step?: number;
  dataGeneration?: number;
}

function toTensors(b: TrainingBatch): BatchTensors {
  return {
    x: tf.tensor1d(b.x),
    sigma: tf.tensor1d(b.sigma),
    z: b.z ? tf.tensor1d(b.z) : undefined,
    target: b.target ? tf.tensor1d(b.target) : undefined,
  };
}

export class Trainer {
  readonly config: TrainConfig;
  readonly net: ScoreNet;
  step: number;
  dataGeneration: number;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly batches: BatchSource;
  /** The first loss read back in this run: the scale against which divergence is judged. */
  private firstLoss: number | null = null;
  /** KDE curves of the current training set (they depend on the data only, not on the network). */
  private kde: KdeProvider;

  constructor(config: TrainConfig, options: TrainerOptions = {}) {
    this.config = cleanConfig(config);
    const shape = { width: this.config.width, depth: this.config.depth };
    this.net = options.params
      ? ScoreNet.fromParams(shape, options.params)
      : ScoreNet.init(shape, streamRng(this.config.seed, 'init'));
    this.step = options.step ?? 0;
    this.dataGeneration = options.dataGeneration ?? 0;
    this.batches = new BatchSource(this.config, trainingSet(this.config, this.dataGeneration));
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
  }

  /**
   * n optimisation steps. Returns the sum of their losses as a scalar the caller owns and must dispose.
   * Leaves no other tensor behind.
   */
  runSteps(n: number): tf.Scalar {
    const { objective } = this.config;
    const variables = this.net.variables;
    let total: tf.Scalar = tf.scalar(0);
    for (let i = 0; i < n; i++) {
      const batch = this.batches.next();
      const next = tf.tidy(() => {
        const tensors = toTensors(batch);
        const cost = this.optimizer.minimize(() => batchLoss(objective, this.net, tensors), true, variables);
        return tf.add(total, cost as tf.Scalar) as tf.Scalar;
      });
      total.dispose();
      total = next;
      this.step += 1;
    }
    return total;
  }

  /** n steps, then one readback: the mean loss over them. */
  async train(n: number): Promise<number> {
    const total = this.runSteps(n);
    try {
      const [sum] = await total.data();
      return sum / Math.max(1, n);
    } finally {
      total.dispose();
    }
  }

  /**
   * Why a mean loss that was just read back means the run has diverged, or null if it has not: a loss that is
   * not a finite number, or one that has grown past DIVERGENCE_FACTOR times the first one read back.
   */
  divergence(meanLoss: number): string | null {
    if (!Number.isFinite(meanLoss))
      return `The loss became ${Number.isNaN(meanLoss) ? 'NaN' : 'infinite'} at step ${this.step}: training diverged. Try a smaller learning rate or a larger σ_min, then reset.`;
    if (this.firstLoss === null) {
      this.firstLoss = meanLoss;
      return null;
    }
    const limit = DIVERGENCE_FACTOR * Math.max(1, Math.abs(this.firstLoss));
    if (Math.abs(meanLoss) > limit)
      return `The loss exploded to ${meanLoss.toPrecision(3)} at step ${this.step} (more than ${limit.toPrecision(2)}): training diverged. Try a smaller learning rate, then reset.`;
    return null;
  }

  evaluate(options: EvaluationOptions = {}): Promise<Evaluation> {
    return evaluateNet(this.net, this.config, options, this.kde);
  }

  /**
   * s_θ(x, σ) at the given points. A noise-conditional model (ncsn) is evaluated at the σ asked for; a
   * single-level model (dsm, esm, ism) knows one σ input only, and uses it whatever is asked.
   */
  async scoreAt(xs: ArrayLike<number>, sigma?: number): Promise<{ scores: Float32Array; sigma: number }> {
    const used =
      this.config.objective === 'ncsn' && sigma !== undefined && sigma > 0 ? sigma : this.config.smin;
    return { scores: await learnedScores(this.net, xs, used), sigma: used };
  }

  async save(): Promise<string> {
    return serializeModel({
      config: this.config,
      step: this.step,
      dataGeneration: this.dataGeneration,
      params: await this.net.readParams(),
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
    this.net.dispose();
    this.optimizer.dispose();
  }
}
