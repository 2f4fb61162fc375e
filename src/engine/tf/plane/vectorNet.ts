/**
 * The noise-conditional score network in D dimensions (D = 2 on the plane pages; larger D for the cost-of-dimension
 * panel): s_θ(x, σ) = net(x, log σ) / σ with x ∈ R^D and net: R^{D+1} → R^D, the same multilayer perceptron family
 * as the line's network (net.ts), widened at both ends:
 *   h_0 = [x_1, …, x_D, log σ]                         shape [n, D + 1]
 *   h_l = swish(h_{l−1} W_l + b_l),  l = 1..depth      shape [n, width]
 *   net = h_depth W_out + b_out                        shape [n, D]
 * Dividing by σ keeps the outputs O(1) at every level, as on the line (net.ts explains why, and why swish).
 *
 * The score's Jacobian ∇_x s_θ enters the implicit and sliced losses only through Jacobian-vector products
 * (∇_x net) v. Each is computed exactly by one forward-mode (tangent) pass alongside the forward pass: with
 * t_l = (∂h_l/∂x) v of shape [n, width],
 *   t_0 = [v, 0] (log σ does not move with x), so ∂a_1 = v W_1[0:D, :];
 *   ∂a_l = t_{l−1} W_l;   t_l = swish'(a_l) ⊙ ∂a_l;   (∇_x net) v = t_depth W_out.
 * One such pass costs about one forward pass, like one backward pass of reverse mode, so the exact trace
 * tr ∇_x s_θ = Σ_i e_iᵀ (∇_x s_θ) e_i costs D of them while a sliced loss costs one per projection. Everything is
 * ordinary differentiable ops: training needs only first-order gradients in θ, never a gradient of a gradient.
 *
 * The parameters are tf.Variables owned by the network: dispose() frees them.
 */
import type { Rng } from '../../rng';
import { tf } from '../core';
import { matMul } from '../matmul';
import { sizeOf, type NetShape, type ParamArray } from '../net';

export interface VectorNetShape extends NetShape {
  /** D, the dimension of the data (and of the score). */
  dim: number;
}

/**
 * A direction of a Jacobian-vector product: a coordinate index i (the unit vector e_i, the same for every row) or
 * one direction per row, shape [n, D].
 */
export type Direction = number | tf.Tensor2D;

/** Parameter names and shapes, in the order the variables are kept. */
export function vectorParamLayout({
  dim,
  width,
  depth,
}: VectorNetShape): { name: string; shape: number[] }[] {
  const layout: { name: string; shape: number[] }[] = [];
  for (let l = 0; l < depth; l++) {
    layout.push({ name: `hidden${l}.weight`, shape: [l === 0 ? dim + 1 : width, width] });
    layout.push({ name: `hidden${l}.bias`, shape: [width] });
  }
  layout.push({ name: 'out.weight', shape: [width, dim] });
  layout.push({ name: 'out.bias', shape: [dim] });
  return layout;
}

/**
 * Seeded initial parameters with the line's scheme: He normal, std √(2/fan_in), for the swish layers; Glorot
 * normal, std √(2/(fan_in + fan_out)), for the linear output; zero biases.
 */
export function initialVectorParams(shape: VectorNetShape, rng: Rng): ParamArray[] {
  return vectorParamLayout(shape).map(({ name, shape: s }) => {
    const values = new Float32Array(sizeOf(s));
    if (s.length === 2) {
      const scale = name === 'out.weight' ? 2 / (s[0] + s[1]) : 2 / s[0];
      const std = Math.sqrt(scale);
      for (let i = 0; i < values.length; i++) values[i] = std * rng.normal();
    }
    return { name, shape: s, values };
  });
}

/** The network's input rows [x_1..x_D, log σ] (row-major [n, D + 1]) from points (row-major [n, D]). */
export function vectorInputRows(
  points: ArrayLike<number>,
  dim: number,
  sigma: number | ArrayLike<number>,
): Float32Array {
  const n = Math.floor(points.length / dim);
  const rows = new Float32Array(n * (dim + 1));
  const single = typeof sigma === 'number' ? Math.log(sigma) : 0;
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) rows[i * (dim + 1) + d] = points[i * dim + d];
    rows[i * (dim + 1) + dim] = typeof sigma === 'number' ? single : Math.log(sigma[i]);
  }
  return rows;
}

/** The parameters checked against the layout (count, names, lengths): a readable error for a foreign file. */
function checkParams(layout: { name: string; shape: number[] }[], params: readonly ParamArray[]): void {
  const problem =
    params.length !== layout.length
      ? `expected ${layout.length} parameter arrays, got ${params.length}`
      : layout
          .map((p, i) => ({ p, i, given: params[i] }))
          .filter(({ p, given }) => given.name !== p.name || given.values.length !== sizeOf(p.shape))
          .map(({ p, i }) => `parameter ${i} should be ${p.name} with ${sizeOf(p.shape)} numbers`)[0];
  if (problem) throw new Error(problem);
}

export class VectorScoreNet {
  private constructor(
    readonly shape: VectorNetShape,
    /** hidden0.weight, hidden0.bias, …, out.weight, out.bias (see vectorParamLayout). */
    readonly variables: tf.Variable[],
  ) {}

  /** A network holding the given parameters (checked against the layout). */
  static fromParams(shape: VectorNetShape, params: readonly ParamArray[]): VectorScoreNet {
    const layout = vectorParamLayout(shape);
    checkParams(layout, params);
    // tf.variable copies its value; tidy frees the source tensors (it never disposes variables).
    const variables = tf.tidy(() =>
      params.map((p, i) =>
        tf.variable(tf.tensor(p.values, layout[i].shape, 'float32'), true, undefined, 'float32'),
      ),
    );
    return new VectorScoreNet({ ...shape }, variables);
  }

  static init(shape: VectorNetShape, rng: Rng): VectorScoreNet {
    return VectorScoreNet.fromParams(shape, initialVectorParams(shape, rng));
  }

  private weight(l: number): tf.Tensor2D {
    return this.variables[2 * l] as tf.Tensor2D;
  }

  private bias(l: number): tf.Tensor {
    return this.variables[2 * l + 1];
  }

  /** net(x, log σ) for input rows of shape [n, D + 1]; returns shape [n, D]. */
  apply(input: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      let h = input;
      for (let l = 0; l < this.shape.depth; l++) {
        const a = tf.add(matMul(h, this.weight(l)), this.bias(l)) as tf.Tensor2D;
        h = tf.mul(a, tf.sigmoid(a));
      }
      const { depth } = this.shape;
      return tf.add(matMul(h, this.weight(depth)), this.bias(depth)) as tf.Tensor2D;
    });
  }

  /**
   * net and the Jacobian-vector products (∇_x net) v for each direction, all of shape [n, D]: one forward pass,
   * then one tangent pass per direction (see the file's comment). The score's products are these divided by σ.
   */
  applyWithJvps(
    input: tf.Tensor2D,
    directions: readonly Direction[],
  ): { value: tf.Tensor2D; jvps: tf.Tensor2D[] } {
    return tf.tidy(() => {
      const { dim, width, depth } = this.shape;
      const slopes: tf.Tensor2D[] = [];
      let h = input;
      for (let l = 0; l < depth; l++) {
        const a = tf.add(matMul(h, this.weight(l)), this.bias(l)) as tf.Tensor2D;
        const sig = tf.sigmoid(a);
        h = tf.mul(a, sig);
        // swish'(a) = σ(a) + swish(a)(1 − σ(a))
        slopes.push(tf.add(sig, tf.mul(h, tf.sub(1, sig))) as tf.Tensor2D);
      }
      const value = tf.add(matMul(h, this.weight(depth)), this.bias(depth)) as tf.Tensor2D;
      const first = this.weight(0);
      const jvps = directions.map((v) => {
        // ∂a_1 = v W_1[0:D, :]; for v = e_i that is row i of W_1, one row broadcast over the batch.
        let da: tf.Tensor2D =
          typeof v === 'number'
            ? (tf.slice(first, [v, 0], [1, width]) as tf.Tensor2D)
            : matMul(v, tf.slice(first, [0, 0], [dim, width]) as tf.Tensor2D);
        let t = tf.mul(slopes[0], da) as tf.Tensor2D;
        for (let l = 1; l < depth; l++) {
          da = matMul(t, this.weight(l));
          t = tf.mul(slopes[l], da);
        }
        return matMul(t, this.weight(depth));
      });
      return { value, jvps };
    });
  }

  /** The parameters as plain arrays (one asynchronous readback each; never in the training loop). */
  async readParams(): Promise<ParamArray[]> {
    const values = await Promise.all(this.variables.map((v) => v.data()));
    return vectorParamLayout(this.shape).map(({ name, shape }, i) => ({
      name,
      shape,
      values: Float32Array.from(values[i]),
    }));
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}
