/**
 * The score network's multilayer perceptron (engine/tf/net.ts) for the fused GPU kernels: where each parameter
 * lives in one flat storage buffer, a per-point forward pass in WGSL, and the same pass in JavaScript as its
 * reference.
 *
 * The flat buffer holds the parameters in net.ts's paramLayout order, each array row-major:
 *   hidden0.weight [2, width], hidden0.bias [width], …, hidden{depth−1}.weight [width, width], hidden{depth−1}.bias,
 *   out.weight [width, 1], out.bias [1].
 * So W_l[i][j] (input unit i, output unit j) sits at weight(l) + i·width + j, and a model file's arrays concatenate
 * into the buffer unchanged.
 *
 * The forward pass is net.ts's:  h_0 = [x, log σ],  h_l = swish(h_{l−1} W_l + b_l),  net = h_depth W_out + b_out,
 * with swish(a) = a·sigmoid(a). Alongside it, forward-mode in x (for Langevin steps with ∂s/∂x, or ISM):
 * t_0 = [1, 0],  t_l = swish'(a_l) ⊙ (t_{l−1} W_l),  ∂net/∂x = t_depth W_out, where
 * swish'(a) = sigmoid(a) + swish(a)(1 − sigmoid(a)).
 */

export interface NetworkShape {
  width: number;
  depth: number;
}

/** The largest width the kernels are built for (the pages allow 16–256). */
export const MAX_GPU_WIDTH = 256;

export interface ParamOffsets {
  /** Offset (in floats) of hidden l's weight, then its bias, for l = 0..depth−1. */
  weight: number[];
  bias: number[];
  outWeight: number;
  outBias: number;
  /** Number of floats in all. */
  total: number;
}

/** Where each array starts in the flat parameter buffer (paramLayout order). */
export function paramOffsets({ width, depth }: NetworkShape): ParamOffsets {
  const weight: number[] = [];
  const bias: number[] = [];
  let at = 0;
  for (let l = 0; l < depth; l++) {
    weight.push(at);
    at += (l === 0 ? 2 : width) * width;
    bias.push(at);
    at += width;
  }
  const outWeight = at;
  at += width;
  const outBias = at;
  at += 1;
  return { weight, bias, outWeight, outBias, total: at };
}

/** The fan-in of hidden layer l: 2 inputs [x, log σ] for the first, `width` after. */
export function fanIn(layer: number, width: number): number {
  return layer === 0 ? 2 : width;
}

/** Concatenates parameter arrays (paramLayout order) into one flat buffer, checking the total length. */
export function flattenParams(
  shape: NetworkShape,
  arrays: readonly { values: ArrayLike<number> }[],
): Float32Array {
  const flat = new Float32Array(paramOffsets(shape).total);
  let at = 0;
  for (const { values } of arrays) {
    flat.set(values, at);
    at += values.length;
  }
  if (at !== flat.length) throw new Error(`expected ${flat.length} parameters, got ${at}`);
  return flat;
}

/** Splits a flat buffer back into the per-array values, in paramLayout order. */
export function splitParams(shape: NetworkShape, flat: Float32Array): Float32Array[] {
  const o = paramOffsets(shape);
  const starts: number[] = [];
  for (let l = 0; l < shape.depth; l++) starts.push(o.weight[l], o.bias[l]);
  starts.push(o.outWeight, o.outBias, o.total);
  return starts.slice(0, -1).map((start, k) => flat.slice(start, starts[k + 1]));
}

function swish(a: number): number {
  return a / (1 + Math.exp(-a));
}

/** net(x, log σ) and ∂net/∂x in double precision from a flat buffer: the reference for the WGSL below. */
export function netForwardReference(
  shape: NetworkShape,
  params: ArrayLike<number>,
  x: number,
  logSigma: number,
): { value: number; dx: number } {
  const { width, depth } = shape;
  const o = paramOffsets(shape);
  let h = [x, logSigma];
  let t = [1, 0];
  for (let l = 0; l < depth; l++) {
    const next = new Array<number>(width);
    const nextT = new Array<number>(width);
    for (let j = 0; j < width; j++) {
      let a = params[o.bias[l] + j];
      let da = 0;
      for (let i = 0; i < h.length; i++) {
        a += h[i] * params[o.weight[l] + i * width + j];
        da += t[i] * params[o.weight[l] + i * width + j];
      }
      const sig = 1 / (1 + Math.exp(-a));
      next[j] = swish(a);
      nextT[j] = (sig + next[j] * (1 - sig)) * da;
    }
    h = next;
    t = nextT;
  }
  let value = params[o.outBias];
  let dx = 0;
  for (let i = 0; i < width; i++) {
    value += h[i] * params[o.outWeight + i];
    dx += t[i] * params[o.outWeight + i];
  }
  return { value, dx };
}

/**
 * WGSL for one point's forward pass, reading the parameters from the module-scope storage array named `params`
 * (declared by the kernel that includes this text, e.g. `@group(0) @binding(0) var<storage, read> params:
 * array<f32>;`). Provides
 *   netForward(x: f32, logSigma: f32) -> f32            net(x, log σ)
 *   netForwardDx(x: f32, logSigma: f32) -> vec2<f32>     (net, ∂net/∂x)
 * One thread per point keeps its activations in private arrays of `width` floats, so this suits the samplers
 * (many points, one network evaluation each); training uses layer-wide passes instead (training*.ts).
 */
export function networkForwardWgsl(shape: NetworkShape, params = 'params'): string {
  const { width, depth } = shape;
  if (width < 1 || width > MAX_GPU_WIDTH) throw new Error(`width ${width} is outside 1–${MAX_GPU_WIDTH}`);
  const o = paramOffsets(shape);
  const p = params;
  // Hidden layers 1..depth−1, unrolled with their offsets as literals (each reads h, t and writes hn, tn).
  const hiddenDx = (l: number) => `
  {
    var hn: array<f32, ${width}>;
    var tn: array<f32, ${width}>;
    for (var j = 0u; j < ${width}u; j = j + 1u) {
      var a = ${p}[${o.bias[l]}u + j];
      var da = 0.0;
      for (var i = 0u; i < ${width}u; i = i + 1u) {
        let w = ${p}[${o.weight[l]}u + i * ${width}u + j];
        a = a + h[i] * w;
        da = da + t[i] * w;
      }
      let s = netSigmoid(a);
      hn[j] = a * s;
      tn[j] = (s + hn[j] * (1.0 - s)) * da;
    }
    h = hn;
    t = tn;
  }`;
  const hidden = (l: number) => `
  {
    var hn: array<f32, ${width}>;
    for (var j = 0u; j < ${width}u; j = j + 1u) {
      var a = ${p}[${o.bias[l]}u + j];
      for (var i = 0u; i < ${width}u; i = i + 1u) {
        a = a + h[i] * ${p}[${o.weight[l]}u + i * ${width}u + j];
      }
      hn[j] = a * netSigmoid(a);
    }
    h = hn;
  }`;
  const later = Array.from({ length: depth - 1 }, (_, k) => k + 1);
  return /* wgsl */ `
fn netSigmoid(a: f32) -> f32 {
  return 1.0 / (1.0 + exp(-a));
}

// Both passes at once: h (activations) and t (their derivative in x), layer by layer.
fn netForwardDx(x: f32, logSigma: f32) -> vec2<f32> {
  var h: array<f32, ${width}>;
  var t: array<f32, ${width}>;
  // Layer 0 reads the two inputs [x, log σ] (and t_0 = [1, 0], so ∂a/∂x is the weight row of x).
  for (var j = 0u; j < ${width}u; j = j + 1u) {
    let w0 = ${p}[${o.weight[0]}u + j];
    let w1 = ${p}[${o.weight[0] + width}u + j];
    let a = ${p}[${o.bias[0]}u + j] + x * w0 + logSigma * w1;
    let s = netSigmoid(a);
    h[j] = a * s;
    t[j] = (s + h[j] * (1.0 - s)) * w0;
  }${later.map(hiddenDx).join('')}
  var value = ${p}[${o.outBias}u];
  var dx = 0.0;
  for (var i = 0u; i < ${width}u; i = i + 1u) {
    value = value + h[i] * ${p}[${o.outWeight}u + i];
    dx = dx + t[i] * ${p}[${o.outWeight}u + i];
  }
  return vec2<f32>(value, dx);
}

fn netForward(x: f32, logSigma: f32) -> f32 {
  var h: array<f32, ${width}>;
  for (var j = 0u; j < ${width}u; j = j + 1u) {
    let a = ${p}[${o.bias[0]}u + j] + x * ${p}[${o.weight[0]}u + j] + logSigma * ${p}[${o.weight[0] + width}u + j];
    h[j] = a * netSigmoid(a);
  }${later.map(hidden).join('')}
  var value = ${p}[${o.outBias}u];
  for (var i = 0u; i < ${width}u; i = i + 1u) {
    value = value + h[i] * ${p}[${o.outWeight}u + i];
  }
  return value;
}
`;
}
