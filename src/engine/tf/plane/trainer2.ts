/**
 * One training run in the plane (or in D dimensions): the network, Adam with the line's settings (trainer.ts: the
 * same β₁, β₂ and fixed ε), the weight average and the batch source. Like the line's trainer, the hot path never
 * reads back: each step is one tf.tidy (upload, one Adam step, update of the average) and keeps its loss on the
 * device; `train` reads a chunk's losses in one asynchronous data().
 *
 * The model that is evaluated and queried is the exponential moving average of the weights, with the line's warm-up
 * d_t = min(0.99, (1 + t)/(10 + t)) (trainer.ts explains why: it removes most of constant-step Adam's jitter).
 */
import { tf } from '../core';
import type { ParamArray } from '../net';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, emaDecayAt } from '../trainer';
import { streamRng } from '../../training/streams';
import { PlaneBatchSource } from './batches2';
import { cleanPlaneConfig, planeSigmas, type PlaneTrainConfig } from '../../plane/trainConfig2';
import { planeBatchLoss, planeBatchTensors } from './objectives2';
import type { ScoreData } from '../../plane/scoreData';
import { initialVectorParams, vectorInputRows, VectorScoreNet } from './vectorNet';

export interface PlaneTrainerOptions {
  /** Start from these parameters instead of the seeded initialisation. */
  params?: ParamArray[];
  step?: number;
}

export class PlaneTrainer {
  readonly config: PlaneTrainConfig;
  /** The weights Adam trains. */
  readonly net: VectorScoreNet;
  /** Their moving average: the model that is evaluated and queried. */
  readonly model: VectorScoreNet;
  step: number;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly batches: PlaneBatchSource;

  constructor(
    config: PlaneTrainConfig,
    readonly data: ScoreData,
    options: PlaneTrainerOptions = {},
  ) {
    this.config = cleanPlaneConfig(config);
    const shape = { dim: data.dim, width: this.config.width, depth: this.config.depth };
    const params = options.params ?? initialVectorParams(shape, streamRng(this.config.seed, 'init'));
    this.net = VectorScoreNet.fromParams(shape, params);
    this.model = VectorScoreNet.fromParams(shape, params);
    this.step = options.step ?? 0;
    this.batches = new PlaneBatchSource(this.config, data, streamRng(this.config.seed, 'train'));
    this.optimizer = tf.train.adam(this.config.lr, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
  }

  /** The levels this run learns (the ncsn ladder, or the one σ). */
  get sigmas(): number[] {
    return planeSigmas(this.config);
  }

  /** n steps; returns each step's loss, shape [n], as a tensor the caller owns. Leaves no other tensor. */
  runSteps(n: number): tf.Tensor1D {
    if (n <= 0) return tf.tensor1d([]);
    const costs = Array.from({ length: n }, () => this.stepOnce());
    const losses = tf.stack(costs) as tf.Tensor1D;
    tf.dispose(costs);
    return losses;
  }

  /** One Adam step on a fresh batch, then θ̄ ← d θ̄ + (1 − d) θ; returns the step's loss (on the device). */
  private stepOnce(): tf.Scalar {
    const { objective, varianceReduced } = this.config;
    const batch = this.batches.next();
    const decay = emaDecayAt(this.step);
    this.step += 1;
    return tf.tidy(() => {
      const tensors = planeBatchTensors(batch);
      const loss = () => planeBatchLoss(objective, this.net, tensors, varianceReduced);
      const cost = this.optimizer.minimize(loss, true, this.net.variables) as tf.Scalar;
      this.model.variables.forEach((avg, k) =>
        avg.assign(tf.add(tf.mul(avg, decay), tf.mul(this.net.variables[k], 1 - decay))),
      );
      return cost;
    });
  }

  /** n steps, then one readback: the loss of each step. */
  async train(n: number): Promise<Float32Array> {
    return readBack(this.runSteps(n));
  }

  /**
   * The averaged model's score s_θ(x, σ) at the points (row-major [n, D]), row-major [n, D]. A single-level run
   * knows one σ input only and uses it whatever is asked; an ncsn run is evaluated at the σ asked for.
   */
  async scoreAt(points: ArrayLike<number>, sigma?: number): Promise<Float32Array> {
    const used = this.config.objective === 'ncsn' && sigma !== undefined && sigma > 0 ? sigma : undefined;
    return learnedScore(this.model, points, used ?? this.sigmas[this.sigmas.length - 1]);
  }

  /** The averaged weights as plain arrays (to save, or to move to another backend). */
  readParams(): Promise<ParamArray[]> {
    return this.model.readParams();
  }

  dispose(): void {
    this.net.dispose();
    this.model.dispose();
    this.optimizer.dispose();
  }
}

/** s_θ(x, σ) = net(x, log σ)/σ at the points (row-major [n, D]) for one σ, read back as row-major [n, D]. */
export async function learnedScore(
  net: VectorScoreNet,
  points: ArrayLike<number>,
  sigma: number,
): Promise<Float32Array> {
  const { dim } = net.shape;
  const n = Math.floor(points.length / dim);
  return readBack(
    tf.tidy(() => tf.div(net.apply(tf.tensor2d(vectorInputRows(points, dim, sigma), [n, dim + 1])), sigma)),
  );
}

/** The tensor's values as a Float32Array; the tensor is disposed. */
async function readBack(t: tf.Tensor): Promise<Float32Array> {
  try {
    return Float32Array.from(await t.data());
  } finally {
    t.dispose();
  }
}
