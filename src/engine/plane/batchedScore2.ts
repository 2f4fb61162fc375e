/**
 * The plane network's forward pass for a whole cloud, layer by layer over blocks of particles: the fast path the
 * sampler worker uses. learnedScore2.ts keeps the one-pair-at-a-time forward as the reference this must equal.
 *
 * Same network (learnedScore2.ts): h_0 = [x, y, log σ], h_l = swish(h_{l−1} W_l + b_l), net = h_L W_out + b_out,
 * s_θ = net / σ. A hidden layer over a block of B particles is the matrix product H_{l−1} (B × w) · W_l (w × w), so
 * it is computed as one: each weight is read once per four particles and each input once per two units (the
 * partial sums stay in local variables), where the per-pair loop reads the whole matrix once per particle.
 * Weights are stored transposed (W_lᵀ, row j = the weights into unit j) so the inner loop over k runs along
 * contiguous memory in both operands.
 * Sums are carried in Float64 (JavaScript's number) and every buffer is made once, when the score is built.
 */
import type { Batch } from '../diffusion/score';
import { firstLayerTerm, planeNetShape } from './learnedScore2';
import type { PlaneParam } from './planeModel';

/** Particles per block: H and G are BLOCK × width Float64 each, 32 KiB at width 64 (128 KiB at the widest, 256). */
const BLOCK = 64;

/** Wᵀ of a row-major [fanIn, fanOut] matrix, as Float64. */
function transposed(values: ArrayLike<number>, fanIn: number, fanOut: number): Float64Array {
  const t = new Float64Array(fanIn * fanOut);
  for (let k = 0; k < fanIn; k++) for (let j = 0; j < fanOut; j++) t[j * fanIn + k] = values[k * fanOut + j];
  return t;
}

/**
 * G = swish(H W + b) for `count` rows of H (row-major, `width` wide). `wt` is Wᵀ (row j holds the `width` weights
 * into unit j). Blocked as 4 rows × 2 units: each step of the inner loop loads two weights and four inputs for
 * eight multiply-adds into eight local sums (in a Chromium worker under load ~20 this ran 1.4–2.2× the pair-by-pair
 * loop over four runs, where 4 rows × 1 unit ran 0.6–1.2×); leftover units and rows are done one at a time.
 */
function hiddenLayer(
  h: Float64Array,
  g: Float64Array,
  wt: Float64Array,
  b: Float64Array,
  width: number,
  count: number,
) {
  let p = 0;
  for (; p + 3 < count; p += 4) {
    const r0 = p * width;
    const r1 = r0 + width;
    const r2 = r1 + width;
    const r3 = r2 + width;
    let j = 0;
    for (; j + 1 < width; j += 2) {
      const wr = j * width;
      const ws = wr + width;
      let a0 = b[j];
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      let c0 = b[j + 1];
      let c1 = c0;
      let c2 = c0;
      let c3 = c0;
      for (let k = 0; k < width; k++) {
        const w = wt[wr + k];
        const v = wt[ws + k];
        const h0 = h[r0 + k];
        const h1 = h[r1 + k];
        const h2 = h[r2 + k];
        const h3 = h[r3 + k];
        a0 += h0 * w;
        a1 += h1 * w;
        a2 += h2 * w;
        a3 += h3 * w;
        c0 += h0 * v;
        c1 += h1 * v;
        c2 += h2 * v;
        c3 += h3 * v;
      }
      g[r0 + j] = a0 / (1 + Math.exp(-a0));
      g[r1 + j] = a1 / (1 + Math.exp(-a1));
      g[r2 + j] = a2 / (1 + Math.exp(-a2));
      g[r3 + j] = a3 / (1 + Math.exp(-a3));
      g[r0 + j + 1] = c0 / (1 + Math.exp(-c0));
      g[r1 + j + 1] = c1 / (1 + Math.exp(-c1));
      g[r2 + j + 1] = c2 / (1 + Math.exp(-c2));
      g[r3 + j + 1] = c3 / (1 + Math.exp(-c3));
    }
    for (; j < width; j++) {
      const wr = j * width;
      let a0 = b[j];
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      for (let k = 0; k < width; k++) {
        const w = wt[wr + k];
        a0 += h[r0 + k] * w;
        a1 += h[r1 + k] * w;
        a2 += h[r2 + k] * w;
        a3 += h[r3 + k] * w;
      }
      g[r0 + j] = a0 / (1 + Math.exp(-a0));
      g[r1 + j] = a1 / (1 + Math.exp(-a1));
      g[r2 + j] = a2 / (1 + Math.exp(-a2));
      g[r3 + j] = a3 / (1 + Math.exp(-a3));
    }
  }
  for (; p < count; p++) {
    const r = p * width;
    for (let j = 0; j < width; j++) {
      const wr = j * width;
      let a = b[j];
      for (let k = 0; k < width; k++) a += h[r + k] * wt[wr + k];
      g[r + j] = a / (1 + Math.exp(-a));
    }
  }
}

/**
 * A score over interleaved pairs, in Float32 or Float64: a BatchScore (Langevin's runners) and, with σ given, a
 * SigmaScore (learnedPlan2.ts, the diffusion samplers' adapter, which rescales in Float64).
 */
export type PairBatchScore = (xs: Batch, out: Batch, sigma?: number) => void;

/**
 * s_θ(·, σ) for every pair of `xs` into `out`, batched (see the file's comment); `sigma` omitted means
 * `defaultSigma`. Throws when the parameters do not have the plane network's layout, or a σ is not positive.
 */
export function batchedPlaneScore(params: readonly PlaneParam[], defaultSigma: number): PairBatchScore {
  const { width, depth } = planeNetShape(params);
  if (!(defaultSigma > 0)) throw new Error(`The default σ must be positive; got ${defaultSigma}.`);
  const w0 = Float64Array.from(params[0].values);
  const b0 = Float64Array.from(params[1].values);
  const hidden = Array.from({ length: depth - 1 }, (_, i) => ({
    wt: transposed(params[2 * (i + 1)].values, width, width),
    b: Float64Array.from(params[2 * (i + 1) + 1].values),
  }));
  const wOut = transposed(params[2 * depth].values, width, 2);
  const bOut = params[2 * depth + 1].values;
  const bx = bOut[0];
  const by = bOut[1];
  const firstTerm = firstLayerTerm(w0, b0, width, defaultSigma);
  let h = new Float64Array(BLOCK * width);
  let g = new Float64Array(BLOCK * width);
  return (xs, out, sigma) => {
    const { s, first } = firstTerm(sigma);
    const pairs = xs.length >> 1;
    for (let start = 0; start < pairs; start += BLOCK) {
      const count = Math.min(BLOCK, pairs - start);
      // Layer 1: three inputs, so a plain loop; swish applied in place.
      for (let p = 0; p < count; p++) {
        const x = xs[2 * (start + p)];
        const y = xs[2 * (start + p) + 1];
        const r = p * width;
        for (let j = 0; j < width; j++) {
          const a = x * w0[j] + y * w0[width + j] + first[j];
          h[r + j] = a / (1 + Math.exp(-a));
        }
      }
      for (const layer of hidden) {
        hiddenLayer(h, g, layer.wt, layer.b, width, count);
        const t = h;
        h = g;
        g = t;
      }
      // Output: two dot products per particle (rows 0 and 1 of W_outᵀ).
      for (let p = 0; p < count; p++) {
        const r = p * width;
        let ox = bx;
        let oy = by;
        for (let k = 0; k < width; k++) {
          const v = h[r + k];
          ox += v * wOut[k];
          oy += v * wOut[width + k];
        }
        out[2 * (start + p)] = ox / s;
        out[2 * (start + p) + 1] = oy / s;
      }
    }
  };
}
