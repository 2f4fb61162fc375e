/**
 * The plane network's forward pass on TensorFlow.js, as the pair score the plane samplers call
 * (engine/plane/batchedScore2.ts): the fast learned score behind sampling2d's learned runs. batchedScore2.ts is the
 * plain-JavaScript forward the worker falls back to, learnedScore2.ts the pair-by-pair reference both must equal.
 *
 * The network (learnedScore2.ts): h_1 = swish([x, y] W_1[0:2] + log σ · W_1[2] + b_1), h_l = swish(h_{l−1} W_l + b_l),
 * s_θ = (h_L W_out + b_out) / σ, swish(a) = a · sigmoid(a). The σ row of W_1 is folded into the first bias
 * (firstLayerTerm), so the input is the [count, 2] block of pairs; every layer is one fused matMul + bias.
 *
 * Why it reads back with dataSync: the samplers it serves (the line's SamplerRun and DiffusionRun) step a Float64
 * cloud in plain loops and need the score before the next step, so the call is synchronous. It is meant for the
 * wasm backend, where a read is a copy out of the module's memory and waits on no device; on WebGL or WebGPU the
 * same call would stall on the GPU at every step, and the worker does not use it there (worker/planeTensorForward.ts).
 *
 * The cloud goes through in blocks of PAIR_BLOCK pairs, so the [PAIR_BLOCK, width] activations stay a few megabytes
 * whatever the cloud's size (one [10⁶, 64] float32 tensor would be 256 MB of the module's memory). Weights are float32, as
 * trained; the division by σ is done in float64.
 */
import type { Batch } from '../../diffusion/score';
import type { PairBatchScore } from '../../plane/batchedScore2';
import { firstLayerTerm, planeNetShape } from '../../plane/learnedScore2';
import type { PlaneParam } from '../../plane/planeModel';
import { tf } from '../core';

/**
 * Pairs per forward call: 4096 × width 64 float32 is 1 MiB per activation. Timed in Node's wasm backend (one core,
 * width 64, depth 2, 10⁵ pairs, three rounds): blocks of 2048 and 4096 ran at 1.02–1.16 M pairs/s, 1024 and 8192 at
 * 0.92–1.10 M. Most of the time is the W×W product and the sigmoid (per block of 4096: about 2.3 and 1.2 ms).
 */
export const PAIR_BLOCK = 4096;

export interface TensorPairScore {
  /** s_θ(·, σ) for every pair of `xs` into `out`; `sigma` omitted means the default σ. */
  score: PairBatchScore;
  /** Frees the weights' tensors; the score must not be called afterwards. */
  dispose(): void;
}

/**
 * The network of `params` as a tensor forward pass on the current backend, `blockPairs` pairs per call (PAIR_BLOCK unless
 * a test asks for small blocks). Throws when the parameters do not have the plane network's layout or the default σ
 * is not positive (the same checks as the JavaScript forward).
 */
export function tensorPairScore(
  params: readonly PlaneParam[],
  defaultSigma: number,
  blockPairs = PAIR_BLOCK,
): TensorPairScore {
  const { width, depth } = planeNetShape(params);
  if (!(defaultSigma > 0)) throw new Error(`The default σ must be positive; got ${defaultSigma}.`);
  const firstTerm = firstLayerTerm(params[0].values, params[1].values, width, defaultSigma);
  // Rows 0 and 1 of W_1 (the weights of x and y); row 2, log σ's, lives in the first bias.
  const firstXY = tf.tensor2d(params[0].values.subarray(0, 2 * width), [2, width]);
  const layers = Array.from({ length: depth - 1 }, (_, i) => ({
    w: tf.tensor2d(params[2 * (i + 1)].values, [width, width]),
    b: tf.tensor1d(params[2 * (i + 1) + 1].values),
  }));
  const wOut = tf.tensor2d(params[2 * depth].values, [width, 2]);
  const bOut = tf.tensor1d(params[2 * depth + 1].values);
  const swish = (a: tf.Tensor) => tf.mul(a, tf.sigmoid(a)) as tf.Tensor2D;
  let disposed = false;

  const score = (xs: Batch, out: Batch, sigma?: number) => {
    if (disposed) throw new Error('This network was disposed.');
    const { s, first } = firstTerm(sigma);
    const pairs = xs.length >> 1;
    const firstBias = tf.tensor1d(Float32Array.from(first));
    try {
      for (let start = 0; start < pairs; start += blockPairs) {
        const count = Math.min(blockPairs, pairs - start);
        // A fresh array per block: the CPU backend keeps the array it is given rather than a copy.
        const block = Float32Array.from(xs.subarray(2 * start, 2 * (start + count)));
        const values = tf.tidy(() => {
          let h = swish(tf.fused.matMul({ a: tf.tensor2d(block, [count, 2]), b: firstXY, bias: firstBias }));
          for (const { w, b } of layers) h = swish(tf.fused.matMul({ a: h, b: w, bias: b }));
          return tf.fused.matMul({ a: h, b: wOut, bias: bOut });
        });
        const net = values.dataSync();
        values.dispose();
        for (let i = 0; i < 2 * count; i++) out[2 * start + i] = net[i] / s;
      }
    } finally {
      firstBias.dispose();
    }
  };

  return {
    score,
    dispose() {
      if (disposed) return;
      disposed = true;
      tf.dispose([firstXY, wOut, bOut, ...layers.flatMap(({ w, b }) => [w, b])]);
    },
  };
}
