/**
 * update: every parameter's batch gradient, its Adam step and its weight average, in one pass (training.ts puts
 * it after the backward passes). Threads come in two kinds:
 *   - tiles of the W×W weights (layers l ≥ 1): one thread per TU × TU block of W_l, whose gradients
 *     ∂W_l[i][j] = Σ_n h_{l−1}[n][i] δ_l[n][j] share their loads (TU activations and TU deltas per row for TU²
 *     multiply-adds; see trainingTiles.ts for why that matters on a software adapter);
 *   - one thread per other parameter (layer 0's 2×W weights, every bias, the output layer), as few as 4W + 1.
 * Each gradient is one sum over the rows in row order in one thread (no float atomics), so a seed gives the same
 * bits on every run, and the same sums as one thread per parameter would make.
 * Adam is TF.js's (adam_optimizer.ts): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr·m̂/(√v̂ + ε) with
 * m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), the powers kept as running float32 products as TF.js keeps them.
 */
import { paramOffsets } from './network';
import { f32, header, type KernelShape } from './trainingKernels';
import { tileShape } from './trainingTiles';

/** Threads of the update pass: the weight tiles of layers 1…depth−1, then one per other parameter. */
export function updateThreads(k: KernelShape): { tiles: number; scalars: number } {
  const { tu } = tileShape(k);
  return { tiles: (k.depth - 1) * (k.width / tu) ** 2, scalars: 4 * k.width + 1 + (k.depth - 1) * k.width };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export function updateKernel(k: KernelShape): string {
  const o = paramOffsets(k);
  const { tu } = tileShape(k);
  const W = k.width;
  const layer = k.batch * W;
  const { tiles } = updateThreads(k);
  const perLayer = (W / tu) ** 2;
  const U = range(tu);
  // Tiles: layer l = 1 + tile / perLayer; its block (i0, j0) of W_l.
  const tileGrads = U.flatMap((a) => U.map((b) => `var g${a}${b} = 0.0;`));
  const tileLoads = [
    ...U.map((a) => `let h${a} = hid[hidAt + n * W + i0 + ${a}u];`),
    ...U.map((b) => `let d${b} = delta[deltaAt + n * W + j0 + ${b}u];`),
  ];
  const tileFma = U.flatMap((a) => U.map((b) => `g${a}${b} = g${a}${b} + h${a} * d${b};`));
  const tileAdam = U.flatMap((a) => U.map((b) => `adam(wAt + (i0 + ${a}u) * W + j0 + ${b}u, g${a}${b});`));
  // Other parameters: scalar index s ↦ parameter p, layer 0's weights and bias first, then each later bias,
  // then the output layer.
  const biasBranches = range(k.depth - 1).map(
    (m) => `if (s < ${3 * W + (m + 1) * W}u) {
      let j = s - ${3 * W + m * W}u;
      p = ${o.bias[m + 1]}u + j;
      for (var n = 0u; n < N; n = n + 1u) { grad = grad + delta[${(m + 1) * layer}u + n * W + j]; }
    }`,
  );
  const layerOffsets = `array<u32, ${k.depth}>(${range(k.depth)
    .map((l) => `${o.weight[l]}u`)
    .join(', ')})`;
  return `${header(k)}
@group(0) @binding(0) var<uniform> cfg: Config;
@group(0) @binding(1) var<storage, read> state: State;
@group(0) @binding(2) var<storage, read> batch: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> hid: array<f32>;
@group(0) @binding(4) var<storage, read> delta: array<f32>;
@group(0) @binding(5) var<storage, read> gOut: array<f32>;
@group(0) @binding(6) var<storage, read_write> params: array<f32>;
@group(0) @binding(7) var<storage, read_write> moments: array<vec2<f32>>;
@group(0) @binding(8) var<storage, read_write> average: array<f32>;

// Adam, in TF.js's order of operations and with its float32 constants, then the weight average
// θ̄ ← dθ̄ + (1 − d)θ with d = min(0.99, (1 + t)/(10 + t)) (trainer.ts).
fn adam(p: u32, grad: f32) {
  let mv = moments[p];
  let m = mv.x * ${f32(k.beta1)} + grad * ${f32(1 - k.beta1)};
  let v = mv.y * ${f32(k.beta2)} + grad * grad * ${f32(1 - k.beta2)};
  moments[p] = vec2<f32>(m, v);
  let mHat = m / (1.0 - state.accBeta1);
  let vHat = v / (1.0 - state.accBeta2);
  let theta = mHat / (sqrt(vHat) + ${f32(k.epsilon)}) * (-cfg.lr) + params[p];
  params[p] = theta;
  let t = f32(state.step);
  let decay = min(0.99, (1.0 + t) / (10.0 + t));
  average[p] = average[p] * decay + theta * (1.0 - decay);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let g = gid.x;
  if (g < ${tiles}u) {
    let l = 1u + g / ${perLayer}u;
    let block = g % ${perLayer}u;
    let i0 = (block / ${W / tu}u) * ${tu}u;
    let j0 = (block % ${W / tu}u) * ${tu}u;
    var offsets = ${layerOffsets};
    let wAt = offsets[l];
    let hidAt = (l - 1u) * LAYER;
    let deltaAt = l * LAYER;
    ${tileGrads.join('\n    ')}
    for (var n = 0u; n < N; n = n + 1u) {
      ${tileLoads.join('\n      ')}
      ${tileFma.join('\n      ')}
    }
    ${tileAdam.join('\n    ')}
    return;
  }
  let s = g - ${tiles}u;
  if (s >= ${updateThreads(k).scalars}u) { return; }
  let base = batchBase(state.local);
  var grad = 0.0;
  var p: u32;
  if (s < ${2 * W}u) {
    p = s;
    let i = s / W;
    let j = s % W;
    for (var n = 0u; n < N; n = n + 1u) {
      let b = batch[base + n];
      grad = grad + select(b.y, b.x, i == 0u) * delta[n * W + j];
    }
  } else if (s < ${3 * W}u) {
    let j = s - ${2 * W}u;
    p = ${o.bias[0]}u + j;
    for (var n = 0u; n < N; n = n + 1u) { grad = grad + delta[n * W + j]; }
  } else ${[...biasBranches, ''].join(' else ')}if (s < ${(k.depth + 3) * W}u) {
    let i = s - ${(k.depth + 2) * W}u;
    p = ${o.outWeight}u + i;
    for (var n = 0u; n < N; n = n + 1u) { grad = grad + hid[${(k.depth - 1) * layer}u + n * W + i] * gOut[n]; }
  } else {
    p = ${o.outBias}u;
    for (var n = 0u; n < N; n = n + 1u) { grad = grad + gOut[n]; }
  }
  adam(p, grad);
}
`;
}
