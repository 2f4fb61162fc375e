/**
 * The noise-conditional score network s_θ(x, σ) = net(x, log σ) / σ (SCIENCE.md §3).
 *
 * net is a plain multilayer perceptron on the two inputs [x, log σ], given as one [n, 2] tensor (the batch code
 * builds it in JavaScript; stacking two [n] tensors on the device is a slow op on wasm):
 *   h_0 = [x, log σ]                                   shape [n, 2]
 *   h_l = swish(h_{l−1} W_l + b_l),  l = 1..depth      shape [n, width]
 *   net = h_depth W_out + b_out                        shape [n, 1] → [n]
 *
 * Why divide by σ: the score of q_σ grows like 1/σ as σ shrinks, while σ·s_σ stays O(1) at every level, so the
 * network only has to produce O(1) numbers. With the NCSN weighting λ(σ) = σ² the loss is then simply
 * ½ (net + z)² (see objectives.ts).
 *
 * Why swish, a·sigmoid(a): the score must be smooth (ISM differentiates it in x, and the sampling pages follow
 * it with Langevin steps), so ReLU's kinks are out; unlike tanh it does not saturate for large positive inputs,
 * so the net can keep up the nearly linear growth of a Gaussian score far from the data (large σ levels reach
 * |x| ≈ 3σ_max). Its derivative has a closed form, which gives the input derivative in one forward pass.
 *
 * The parameters are tf.Variables owned by the ScoreNet: dispose() frees them.
 */
import type { Rng } from '../rng';
import { tf } from './core';
import { matMul } from './matmul';

export interface NetShape {
  width: number;
  depth: number;
}

/** A parameter as plain numbers (saving, loading, moving between backends). */
export interface ParamArray {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Anything that maps (x, log σ) to net(x, log σ): the trained network, or an exact oracle in tests. */
export interface NetFunction {
  /** net(x, log σ) for input rows [x, log σ], shape [n, 2]; returns shape [n]. */
  apply(input: tf.Tensor2D): tf.Tensor1D;
  /** net and ∂net/∂x together, both of shape [n]. */
  applyWithDx(input: tf.Tensor2D): { value: tf.Tensor1D; dx: tf.Tensor1D };
}

/** The [n, 2] input rows [x_i, log σ_i] (σ a single value or one per row). */
export function inputRows(xs: ArrayLike<number>, sigma: number | ArrayLike<number>): Float32Array {
  const rows = new Float32Array(2 * xs.length);
  const single = typeof sigma === 'number' ? Math.log(sigma) : 0;
  for (let i = 0; i < xs.length; i++) {
    rows[2 * i] = xs[i];
    rows[2 * i + 1] = typeof sigma === 'number' ? single : Math.log(sigma[i]);
  }
  return rows;
}

/** Parameter names and shapes for a shape, in the order the variables are kept. */
export function paramLayout({ width, depth }: NetShape): { name: string; shape: number[] }[] {
  const layout: { name: string; shape: number[] }[] = [];
  for (let l = 0; l < depth; l++) {
    layout.push({ name: `hidden${l}.weight`, shape: [l === 0 ? 2 : width, width] });
    layout.push({ name: `hidden${l}.bias`, shape: [width] });
  }
  layout.push({ name: 'out.weight', shape: [width, 1] });
  layout.push({ name: 'out.bias', shape: [1] });
  return layout;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Initial parameters from the seeded generator: He normal (std √(2/fan_in)) for the hidden layers, which keeps
 * the activations' scale through ReLU-like units such as swish; Glorot normal (std √(2/(fan_in+fan_out))) for the
 * linear output layer; zero biases. Same seed → same numbers on every backend.
 */
export function initialParams(shape: NetShape, rng: Rng): ParamArray[] {
  return paramLayout(shape).map(({ name, shape: s }) => {
    const values = new Float32Array(sizeOf(s));
    if (s.length === 2) {
      const [fanIn, fanOut] = s;
      const std = name.startsWith('out') ? Math.sqrt(2 / (fanIn + fanOut)) : Math.sqrt(2 / fanIn);
      for (let i = 0; i < values.length; i++) values[i] = std * rng.normal();
    }
    return { name, shape: s, values };
  });
}

/** swish(a) = a·σ(a) and its slope swish'(a) = σ(a) + a·σ(a)(1 − σ(a)) = σ(a) + swish(a)(1 − σ(a)). */
function swishWithSlope(a: tf.Tensor2D): { h: tf.Tensor2D; slope: tf.Tensor2D } {
  const sig = tf.sigmoid(a);
  const h = tf.mul<tf.Tensor2D>(a, sig);
  const slope = tf.add(sig, tf.mul(h, tf.sub(1, sig))) as tf.Tensor2D;
  return { h, slope };
}

export class ScoreNet implements NetFunction {
  readonly shape: NetShape;
  /** hidden0.weight, hidden0.bias, …, out.weight, out.bias (see paramLayout). */
  readonly variables: tf.Variable[];

  private constructor(shape: NetShape, variables: tf.Variable[]) {
    this.shape = shape;
    this.variables = variables;
  }

  /** A network holding the given parameters (checked against the layout: names, shapes, lengths). */
  static fromParams(shape: NetShape, params: readonly ParamArray[]): ScoreNet {
    const layout = paramLayout(shape);
    if (params.length !== layout.length)
      throw new Error(`expected ${layout.length} parameter arrays, got ${params.length}`);
    layout.forEach((p, i) => {
      const given = params[i];
      if (given.name !== p.name || given.values.length !== sizeOf(p.shape))
        throw new Error(`parameter ${i} should be ${p.name} with ${sizeOf(p.shape)} numbers`);
    });
    // tf.variable copies its initial value; tidy frees the source tensors (it never disposes variables).
    const variables = tf.tidy(() =>
      layout.map((p, i) =>
        tf.variable(tf.tensor(params[i].values, p.shape, 'float32'), true, undefined, 'float32'),
      ),
    );
    return new ScoreNet({ ...shape }, variables);
  }

  static init(shape: NetShape, rng: Rng): ScoreNet {
    return ScoreNet.fromParams(shape, initialParams(shape, rng));
  }

  private layer(i: number): { w: tf.Variable; b: tf.Variable } {
    return { w: this.variables[2 * i], b: this.variables[2 * i + 1] };
  }

  apply(input: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      let h = input;
      for (let l = 0; l < this.shape.depth; l++) {
        const { w, b } = this.layer(l);
        const a = tf.add(matMul(h, w as tf.Tensor2D), b) as tf.Tensor2D;
        h = tf.mul(a, tf.sigmoid(a));
      }
      const out = this.layer(this.shape.depth);
      return tf.reshape(tf.add(matMul(h, out.w as tf.Tensor2D), out.b), [-1]) as tf.Tensor1D;
    });
  }

  /**
   * Forward-mode differentiation in x alongside the forward pass. With t_l = ∂h_l/∂x (shape [n, width]):
   *   t_0 = ∂[x, log σ]/∂x = [1, 0], so ∂a_1/∂x = row 0 of W_1 (the same for every sample);
   *   ∂a_l/∂x = t_{l−1} W_l;   t_l = swish'(a_l) ⊙ ∂a_l/∂x;   ∂net/∂x = t_depth W_out.
   * Everything is ordinary differentiable ops, so training ISM needs only first-order reverse-mode
   * gradients of this expression (no gradient of a gradient, which not every backend handles well).
   */
  applyWithDx(input: tf.Tensor2D): { value: tf.Tensor1D; dx: tf.Tensor1D } {
    return tf.tidy(() => {
      let h = input;
      let t: tf.Tensor2D | null = null; // ∂h/∂x; null stands for the constant [1, 0] of the input layer
      for (let l = 0; l < this.shape.depth; l++) {
        const { w, b } = this.layer(l);
        const a = tf.add(matMul(h, w as tf.Tensor2D), b) as tf.Tensor2D;
        const da: tf.Tensor2D =
          t === null
            ? (tf.slice(w, [0, 0], [1, this.shape.width]) as tf.Tensor2D)
            : matMul(t, w as tf.Tensor2D);
        const { h: next, slope } = swishWithSlope(a);
        t = tf.mul(slope, da);
        h = next;
      }
      const out = this.layer(this.shape.depth);
      const value = tf.reshape(tf.add(matMul(h, out.w as tf.Tensor2D), out.b), [-1]) as tf.Tensor1D;
      const dx = tf.reshape(matMul(t as tf.Tensor2D, out.w as tf.Tensor2D), [-1]) as tf.Tensor1D;
      return { value, dx };
    });
  }

  /** The parameters as plain arrays (one asynchronous readback each; never in the training loop). */
  async readParams(): Promise<ParamArray[]> {
    const layout = paramLayout(this.shape);
    return Promise.all(
      this.variables.map(async (v, i) => ({
        name: layout[i].name,
        shape: layout[i].shape,
        values: Float32Array.from(await v.data()),
      })),
    );
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/** s_θ(x, σ) = net(x, log σ) / σ for input rows [x, log σ] (shape [n, 2]) and the same σ (shape [n]). */
export function scoreOf(net: NetFunction, input: tf.Tensor2D, sigma: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => tf.div(net.apply(input), sigma));
}
