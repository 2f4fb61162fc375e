/**
 * A trained plane score network (planeModel.ts) evaluated in plain JavaScript, as a BatchScore over a cloud stored
 * interleaved [x₀, y₀, x₁, y₁, …] (pairScore.ts says why the samplers take pairs that way).
 *
 * The network is the one engine/tf/plane/vectorNet.ts trains, with dim = 2:
 *   h_0 = [x, y, log σ];  h_l = swish(h_{l−1} W_l + b_l), l = 1..depth;  net = h_depth W_out + b_out;
 *   s_θ((x, y), σ) = net / σ,   swish(a) = a · sigmoid(a) = a / (1 + e^{−a}).
 * Weights are row-major [fan_in, fan_out] and named hidden{l}.weight, hidden{l}.bias, out.weight, out.bias.
 *
 * This pair-by-pair loop is the reference: batchedScore2.ts (the plain-JavaScript fallback, blocked over particles)
 * and engine/tf/plane/pairForward.ts (TensorFlow.js on wasm, what sampling2d's learned runs use) are tested against
 * it. The weights arrive as Float32 (what training stores); the sums are carried in Float64, into buffers made once.
 */
import type { BatchScore } from '../sampling/batchScore';
import type { PlaneParam } from './planeModel';
import type { PlaneTrainConfig } from './trainConfig2';

/** The parameter names and shapes a plane network of this width and depth must have, in order. */
export function planeNetLayout(width: number, depth: number): { name: string; shape: number[] }[] {
  const layout: { name: string; shape: number[] }[] = [];
  for (let l = 0; l < depth; l++) {
    layout.push({ name: `hidden${l}.weight`, shape: [l === 0 ? 3 : width, width] });
    layout.push({ name: `hidden${l}.bias`, shape: [width] });
  }
  layout.push({ name: 'out.weight', shape: [width, 2] });
  layout.push({ name: 'out.bias', shape: [2] });
  return layout;
}

/**
 * Checks `params` against the layout its first tensor implies and returns its width and depth; throws (with what
 * is wrong) on any other name, shape, order or length, so a malformed model is refused rather than misread.
 */
export function planeNetShape(params: readonly PlaneParam[]): { width: number; depth: number } {
  const depth = (params.length - 2) / 2;
  const first = params[0];
  if (!Number.isInteger(depth) || depth < 1 || !first || first.shape.length !== 2)
    throw new Error(`A plane network needs 2·depth + 2 parameter tensors (depth ≥ 1); got ${params.length}.`);
  const width = first.shape[1];
  if (!Number.isInteger(width) || width < 1) throw new Error(`Bad hidden width ${width}.`);
  planeNetLayout(width, depth).forEach(({ name, shape }, i) => {
    const p = params[i];
    const size = shape.reduce((a, b) => a * b, 1);
    if (p.name !== name || p.shape.join(',') !== shape.join(','))
      throw new Error(`Parameter ${i} is ${p.name} [${p.shape}]; expected ${name} [${shape}].`);
    if (p.values.length !== size)
      throw new Error(`${name} holds ${p.values.length} numbers; its shape [${shape}] needs ${size}.`);
  });
  return { width, depth };
}

/**
 * The smallest σ the model was trained on: σ_min of the ncsn ladder, the one σ of the single-level objectives.
 * Plain (not annealed) Langevin asks for the score of p itself; the nearest thing the network knows is this level.
 */
export function smallestTrainedSigma(config: PlaneTrainConfig): number {
  return config.objective === 'ncsn' ? Math.min(config.smin, config.smax) : config.sigma;
}

/**
 * The first layer's constant part for a σ, log σ · W_1[2, :] + b_1, in a buffer recomputed only when σ changes;
 * `sigma` omitted means `defaultSigma`. Throws when the σ used is not positive.
 */
export function firstLayerTerm(
  w0: ArrayLike<number>,
  b0: ArrayLike<number>,
  width: number,
  defaultSigma: number,
): (sigma?: number) => { s: number; first: Float64Array } {
  const first = new Float64Array(width);
  let firstSigma = NaN;
  return (sigma) => {
    const s = sigma ?? defaultSigma;
    if (!(s > 0)) throw new Error(`σ must be positive; got ${s}.`);
    if (s !== firstSigma) {
      const logS = Math.log(s);
      for (let j = 0; j < width; j++) first[j] = logS * w0[2 * width + j] + b0[j];
      firstSigma = s;
    }
    return { s, first };
  };
}

/**
 * s_θ(·, σ) for every pair of `xs`, written to `out` (same length). `sigma` omitted means `defaultSigma`.
 * Throws when the parameters do not have the plane network's layout, or a σ is not positive.
 */
export function learnedPlaneScore(params: readonly PlaneParam[], defaultSigma: number): BatchScore {
  const { width, depth } = planeNetShape(params);
  if (!(defaultSigma > 0)) throw new Error(`The default σ must be positive; got ${defaultSigma}.`);
  const weights = params.map((p) => Float64Array.from(p.values));
  const w0 = weights[0];
  const b0 = weights[1];
  const wOut = weights[2 * depth];
  const bOut = weights[2 * depth + 1];
  const firstTerm = firstLayerTerm(w0, b0, width, defaultSigma);
  let h = new Float64Array(width);
  let g = new Float64Array(width);
  return (xs, out, sigma) => {
    const { s, first } = firstTerm(sigma);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const x = xs[i];
      const y = xs[i + 1];
      for (let j = 0; j < width; j++) {
        const a = x * w0[j] + y * w0[width + j] + first[j];
        h[j] = a / (1 + Math.exp(-a));
      }
      for (let l = 1; l < depth; l++) {
        const w = weights[2 * l];
        const b = weights[2 * l + 1];
        for (let j = 0; j < width; j++) g[j] = b[j];
        for (let k = 0; k < width; k++) {
          const hk = h[k];
          const row = k * width;
          for (let j = 0; j < width; j++) g[j] += hk * w[row + j];
        }
        for (let j = 0; j < width; j++) g[j] = g[j] / (1 + Math.exp(-g[j]));
        const t = h;
        h = g;
        g = t;
      }
      let ox = bOut[0];
      let oy = bOut[1];
      for (let k = 0; k < width; k++) {
        ox += h[k] * wOut[2 * k];
        oy += h[k] * wOut[2 * k + 1];
      }
      out[i] = ox / s;
      out[i + 1] = oy / s;
    }
  };
}
