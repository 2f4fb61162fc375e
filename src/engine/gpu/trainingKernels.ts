/**
 * The WGSL of one fused training step (training.ts puts the passes in order). Per step, with n rows, width W,
 * depth D and the activations kept per layer:
 *
 *   draw        one thread per row: x from the data (Philox), its level σ, its noise z; writes the batch row
 *               (x_in, log σ, σ, aux) with aux = z (ncsn, dsm, eps) or the exact score of p at x (esm)
 *   forward l   a = h_{l−1} W_l + b_l, keeps h_l = swish(a) and swish'(a): one thread per (row, unit) for l = 0
 *               (here), a tile of rows × units per thread for l ≥ 1 (trainingTiles.ts)
 *   output      one thread per row: out = h_D W_out + b_out, the row's loss and g = ∂(mean loss)/∂out, and the
 *               last layer's delta δ_D = g W_outᵀ ⊙ swish'(a_D)
 *   backward l  δ_l = (δ_{l+1} W_{l+1}ᵀ) ⊙ swish'(a_l), a tile per thread (trainingTiles.ts)
 *   update      each gradient summed over the batch in row order (∂W_l = h_{l−1}ᵀ δ_l, ∂b_l = Σ δ_l, and g for
 *               the output layer), then Adam and the weight average (trainingUpdate.ts)
 *   finish      one workgroup: the batch-mean loss into its slot, and the step counters and Adam's β powers
 *
 * Every sum runs in a fixed order in one thread (no float atomics), so a seed gives the same bits on every run.
 */
import { PHILOX_WGSL } from './philox';
import { paramOffsets, type NetworkShape } from './network';

/** The losses fused here (ncsn and dsm share theirs: ½(out + z)²; eps is (out − z)²; esm ½(out/σ − s(x))²). */
export type FusedObjective = 'ncsn' | 'dsm' | 'esm' | 'eps';

export interface KernelShape extends NetworkShape {
  batch: number;
  objective: FusedObjective;
  /** Batches are read from the buffer `batch` (fedSteps of them, one per step) instead of drawn. */
  fedSteps: number;
  /** Slots of the loss history ring. */
  lossSlots: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** The Philox key's second word for training draws ("trai"), so they never share a stream with the samplers'. */
export const TRAIN_STREAM = 0x74726169;

/** A float32 literal that WGSL parses to exactly Math.fround(v). */
export function f32(v: number): string {
  const s = String(Math.fround(v));
  return /[.e]/.test(s) ? s : `${s}.0`;
}

const STRUCTS = /* wgsl */ `
struct Config {
  seed: u32,
  levels: u32,
  dataSize: u32,
  components: u32,
  lr: f32,
  pad0: f32,
  pad1: f32,
  pad2: f32,
}
struct State {
  step: u32,
  local: u32,
  accBeta1: f32,
  accBeta2: f32,
}
`;

/** Constants every kernel shares, and the batch row of the current step (fed batches: one slice per step). */
export function header(k: KernelShape): string {
  const fed = k.fedSteps > 0;
  return `${STRUCTS}
const N: u32 = ${k.batch}u;
const W: u32 = ${k.width}u;
const D: u32 = ${k.depth}u;
const LAYER: u32 = ${k.batch * k.width}u;
fn batchBase(local: u32) -> u32 {
  return ${fed ? `(local % ${k.fedSteps}u) * N` : '0u'};
}
`;
}

/** draw: the step's batch from the data and Philox (not used when batches are fed). */
export function drawKernel(k: KernelShape): string {
  const aux =
    k.objective === 'esm'
      ? 'mixtureScore(x)'
      : k.objective === 'eps'
        ? '0.0' // eps batches are always fed (their process lives in JavaScript)
        : 'z';
  const xIn = k.objective === 'ncsn' || k.objective === 'dsm' ? 'x + sigma * z' : 'x';
  return `${header(k)}${PHILOX_WGSL}
@group(0) @binding(0) var<uniform> cfg: Config;
@group(0) @binding(1) var<storage, read> state: State;
@group(0) @binding(2) var<storage, read> mixture: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> levels: array<f32>;
@group(0) @binding(4) var<storage, read> dataset: array<f32>;
@group(0) @binding(5) var<storage, read_write> batch: array<vec4<f32>>;

// The exact score of p = Σ π_k N(μ_k, s_k²) at x: Σ r_k (μ_k − x)/s_k² with responsibilities r_k, computed from
// log π_k − log s_k − ½((x − μ_k)/s_k)² less their maximum so no term underflows. mixture[k] = (cumulative
// weight, μ_k, s_k, log π_k).
fn mixtureScore(x: f32) -> f32 {
  var top = -3.0e38;
  for (var k = 0u; k < cfg.components; k = k + 1u) {
    let c = mixture[k];
    let u = (x - c.y) / c.z;
    top = max(top, c.w - log(c.z) - 0.5 * u * u);
  }
  var total = 0.0;
  var weighted = 0.0;
  for (var k = 0u; k < cfg.components; k = k + 1u) {
    let c = mixture[k];
    let u = (x - c.y) / c.z;
    let r = exp(c.w - log(c.z) - 0.5 * u * u - top);
    total = total + r;
    weighted = weighted + r * (c.y - x) / (c.z * c.z);
  }
  return weighted / total;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let row = gid.x;
  if (row >= N) { return; }
  // Counter (row, step, 0, 0): the same draws whatever the dispatch size. Words: data pick, level, Box–Muller.
  let u = philoxUniform4(vec4<u32>(row, state.step, 0u, 0u), vec2<u32>(cfg.seed, ${TRAIN_STREAM}u));
  let radius = sqrt(-2.0 * log(u.z));
  let n0 = radius * cos(6.283185307179586 * u.w);
  let z = radius * sin(6.283185307179586 * u.w);
  var x: f32;
  if (cfg.dataSize > 0u) {
    x = dataset[min(u32(u.x * f32(cfg.dataSize)), cfg.dataSize - 1u)];
  } else {
    let pick = u.x * mixture[cfg.components - 1u].x;
    var k = 0u;
    while (k + 1u < cfg.components && pick >= mixture[k].x) { k = k + 1u; }
    x = mixture[k].y + mixture[k].z * n0;
  }
  let sigma = levels[min(u32(u.y * f32(cfg.levels)), cfg.levels - 1u)];
  batch[row] = vec4<f32>(${xIn}, log(sigma), sigma, ${aux});
}
`;
}

/** forward 0: a = x_in W_0[0] + log σ W_0[1] + b_0 for one (row, unit); keeps swish(a) and swish'(a). Layers
 * l ≥ 1 are W×W products: trainingTiles.ts. */
export function forwardKernel(k: KernelShape): string {
  const o = paramOffsets(k);
  return `${header(k)}
@group(0) @binding(0) var<storage, read> params: array<f32>;
@group(0) @binding(1) var<storage, read> state: State;
@group(0) @binding(2) var<storage, read> batch: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> hid: array<f32>;
@group(0) @binding(4) var<storage, read_write> slope: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x;
  if (index >= LAYER) { return; }
  let row = index / W;
  let j = index % W;
  var a = params[${o.bias[0]}u + j];
  let b = batch[batchBase(state.local) + row];
  a = a + b.x * params[${o.weight[0]}u + j] + b.y * params[${o.weight[0] + k.width}u + j];
  let s = 1.0 / (1.0 + exp(-a));
  let h = a * s;
  hid[index] = h;
  slope[index] = s + h * (1.0 - s);
}
`;
}

/** output: the network's value, the row's loss and g = ∂(mean loss)/∂out, and the last hidden layer's delta. */
export function outputKernel(k: KernelShape): string {
  const o = paramOffsets(k);
  const last = (k.depth - 1) * k.batch * k.width;
  const loss = {
    ncsn: 'let r = out + b.w;\n  let loss = 0.5 * r * r;\n  let g = r / f32(N);',
    dsm: 'let r = out + b.w;\n  let loss = 0.5 * r * r;\n  let g = r / f32(N);',
    esm: 'let r = out / b.z - b.w;\n  let loss = 0.5 * r * r;\n  let g = r / b.z / f32(N);',
    eps: 'let r = out - b.w;\n  let loss = r * r;\n  let g = 2.0 * r / f32(N);',
  }[k.objective];
  return `${header(k)}
@group(0) @binding(0) var<storage, read> params: array<f32>;
@group(0) @binding(1) var<storage, read> state: State;
@group(0) @binding(2) var<storage, read> batch: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> hid: array<f32>;
@group(0) @binding(4) var<storage, read> slope: array<f32>;
@group(0) @binding(5) var<storage, read_write> delta: array<f32>;
@group(0) @binding(6) var<storage, read_write> rowLoss: array<f32>;
@group(0) @binding(7) var<storage, read_write> gOut: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let row = gid.x;
  if (row >= N) { return; }
  let at = ${last}u + row * W;
  var out = params[${o.outBias}u];
  for (var i = 0u; i < W; i = i + 1u) {
    out = out + hid[at + i] * params[${o.outWeight}u + i];
  }
  let b = batch[batchBase(state.local) + row];
  ${loss}
  rowLoss[row] = loss;
  gOut[row] = g;
  for (var i = 0u; i < W; i = i + 1u) {
    delta[at + i] = g * params[${o.outWeight}u + i] * slope[at + i];
  }
}
`;
}

/** finish: the step's batch-mean loss into slot (local mod slots), then the counters and β powers move on. */
export function finishKernel(k: KernelShape): string {
  return `${header(k)}
@group(0) @binding(0) var<storage, read> rowLoss: array<f32>;
@group(0) @binding(1) var<storage, read_write> state: State;
@group(0) @binding(2) var<storage, read_write> losses: array<f32>;

var<workgroup> sums: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  var acc = 0.0;
  for (var r = lid.x; r < N; r = r + 256u) { acc = acc + rowLoss[r]; }
  sums[lid.x] = acc;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride = stride / 2u) {
    if (lid.x < stride) { sums[lid.x] = sums[lid.x] + sums[lid.x + stride]; }
    workgroupBarrier();
  }
  if (lid.x == 0u) {
    losses[state.local % ${k.lossSlots}u] = sums[0] / f32(N);
    state.step = state.step + 1u;
    state.local = state.local + 1u;
    state.accBeta1 = state.accBeta1 * ${f32(k.beta1)};
    state.accBeta2 = state.accBeta2 * ${f32(k.beta2)};
  }
}
`;
}
