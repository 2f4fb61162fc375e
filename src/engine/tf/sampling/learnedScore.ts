/**
 * The trained network s_θ(x, σ) = net(x, log σ)/σ (net.ts) as a score for particles, from a saved model file.
 *
 * The weights live in a ScoreNet built by net.ts from the file's parameters (modelFile.ts checks the file), so
 * this is the same network the train page trained. The forward pass is net.ts's, rearranged for particles:
 * the first layer of ScoreNet.apply multiplies input rows [x, log σ] (shape [n, 2]) by W₀ (shape [2, W]); with
 * one σ for the whole batch that is
 *   a₁ = x W₀[0, :] + (b₀ + log σ · W₀[1, :]),
 * an [n, 1] × [1, W] product plus a bias that is the same for every particle. Building the [n, 2] rows on the
 * device (concat or stack) costs more than the layer itself on wasm: measured at n = 10⁵, 13 ms for concat +
 * matMul against 2.2 ms for the fused [n, 1] product with that bias, out of ≈ 60 ms for the whole forward
 * pass. The later layers are ScoreNet.apply's: a = h W + b (one fused op), h = swish(a) = a·sigmoid(a).
 * tests/unit/samplerWorkerTensor.test.ts checks the result against ScoreNet.apply.
 *
 * Which σ: a noise-conditional model (ncsn) is evaluated at the σ asked for; plain Langevin asks for none and
 * gets the model's smallest trained level (the network has no σ = 0). A single-level model (dsm, esm, ism)
 * always gets its own σ_min input, as in the trainer's scoreAt.
 */
import { trainingSigmas, type TrainConfig } from '../../training/config';
import { tf } from '../core';
import type { LoadedModel } from '../modelFile';
import { ScoreNet } from '../net';
import type { TensorScore } from './tensorScore';

export class LearnedTensorScore implements TensorScore {
  readonly config: TrainConfig;
  readonly step: number;
  /** True when the network takes σ as an input that matters (ncsn with several levels). */
  readonly conditional: boolean;
  /** The smallest trained σ, used when none is asked for (and always, for single-level models). */
  readonly sigmaMin: number;
  readonly sigmaMax: number;
  private readonly net: ScoreNet;
  /** W₀[0, :] as [1, W], and W₀[1, :] as [W] (the log σ row). */
  private readonly wx: tf.Tensor2D;
  private readonly wlog: tf.Tensor1D;

  constructor(model: LoadedModel) {
    this.config = model.config;
    this.step = model.step;
    const sigmas = trainingSigmas(model.config);
    this.sigmaMin = Math.min(...sigmas);
    this.sigmaMax = Math.max(...sigmas);
    this.conditional = model.config.objective === 'ncsn' && sigmas.length > 1;
    this.net = ScoreNet.fromParams({ width: model.config.width, depth: model.config.depth }, model.params);
    const width = model.config.width;
    const w0 = this.net.variables[0];
    [this.wx, this.wlog] = tf.tidy(() => [
      tf.slice(w0, [0, 0], [1, width]) as tf.Tensor2D,
      tf.reshape(tf.slice(w0, [1, 0], [1, width]), [width]) as tf.Tensor1D,
    ]);
  }

  sigmaUsed(sigma: number | undefined): number {
    return this.conditional && sigma !== undefined && sigma > 0 ? sigma : this.sigmaMin;
  }

  apply(x: tf.Tensor1D, sigma: number | undefined): tf.Tensor1D {
    const s = this.sigmaUsed(sigma);
    const v = this.net.variables;
    const depth = this.net.shape.depth;
    const bias0 = tf.add(v[1], tf.mul(this.wlog, Math.log(s))) as tf.Tensor1D;
    let a = tf.fused.matMul({ a: tf.reshape(x, [-1, 1]) as tf.Tensor2D, b: this.wx, bias: bias0 });
    let h = tf.mul(a, tf.sigmoid(a)) as tf.Tensor2D;
    for (let l = 1; l < depth; l++) {
      a = tf.fused.matMul({ a: h, b: v[2 * l] as tf.Tensor2D, bias: v[2 * l + 1] });
      h = tf.mul(a, tf.sigmoid(a)) as tf.Tensor2D;
    }
    const out = tf.fused.matMul({ a: h, b: v[2 * depth] as tf.Tensor2D, bias: v[2 * depth + 1] });
    return tf.mul(tf.reshape(out, [-1]), 1 / s) as tf.Tensor1D;
  }

  /** The network itself (tests compare against its own forward pass). */
  get network(): ScoreNet {
    return this.net;
  }

  dispose(): void {
    this.wx.dispose();
    this.wlog.dispose();
    this.net.dispose();
  }
}
