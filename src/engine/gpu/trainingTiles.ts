/**
 * The W×W products of a fused training step (trainingKernels.ts has the rest), with each thread computing a tile
 * of TR rows × TU units instead of one value: per term of the sum it loads TR activations and TU weights for
 * TR·TU multiply-adds, where one value per thread loads two numbers per multiply-add. On a software adapter
 * (SwiftShader runs compute on the CPU, and every storage load is bounds-checked) loads are most of the cost;
 * on a GPU the tile's numbers sit in registers. TR and TU are the largest of 4, 2, 1 that divide the batch and the
 * width, so no tile runs past the end.
 *
 * Each value is still one sum in a fixed order in one thread (the same order as the untiled kernels: bias first,
 * then the terms by increasing index), so a seed gives the same bits on every run.
 *
 *   forward l ≥ 1:  a[r][j] = b_l[j] + Σ_i h_{l−1}[r][i] W_l[i][j];  h_l = swish(a), slope = swish'(a)
 *   backward l:     δ_l[r][i] = (Σ_j δ_{l+1}[r][j] W_{l+1}[i][j]) · swish'(a_l[r][i])
 */
import { paramOffsets } from './network';
import { header, type KernelShape } from './trainingKernels';

const WG = 64;

/** Rows and units per thread: the largest of 4, 2, 1 dividing the batch and the width. */
export function tileShape(k: KernelShape): { tr: number; tu: number } {
  const largest = (n: number) => [4, 2, 1].find((t) => n % t === 0) ?? 1;
  return { tr: largest(k.batch), tu: largest(k.width) };
}

/** Threads of a tiled W×W pass (one per tile of the [batch, width] layer). */
export function tileThreads(k: KernelShape): number {
  const { tr, tu } = tileShape(k);
  return (k.batch / tr) * (k.width / tu);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Declarations for a tile's row r0 + r and unit u0 + u, from thread `gid.x`. */
function tileIndex(k: KernelShape): string {
  const { tr, tu } = tileShape(k);
  return `let tile = gid.x;
  if (tile >= ${tileThreads(k)}u) { return; }
  let r0 = (tile / ${k.width / tu}u) * ${tr}u;
  let u0 = (tile % ${k.width / tu}u) * ${tu}u;`;
}

/** forward l ≥ 1 on a TR × TU tile. */
export function forwardTiledKernel(k: KernelShape, l: number): string {
  if (l < 1) throw new Error('layer 0 reads the batch: it keeps the one-value kernel');
  const { tr, tu } = tileShape(k);
  const o = paramOffsets(k);
  const src = (l - 1) * k.batch * k.width;
  const R = range(tr);
  const U = range(tu);
  const init = R.flatMap((r) => U.map((u) => `var a${r}${u} = params[${o.bias[l]}u + u0 + ${u}u];`));
  const loads = [
    ...R.map((r) => `let h${r} = hid[${src}u + (r0 + ${r}u) * W + i];`),
    ...U.map((u) => `let w${u} = params[${o.weight[l]}u + i * W + u0 + ${u}u];`),
  ];
  const fma = R.flatMap((r) => U.map((u) => `a${r}${u} = a${r}${u} + h${r} * w${u};`));
  const store = R.flatMap((r) =>
    U.map(
      (u) => `{
    let at = ${l}u * LAYER + (r0 + ${r}u) * W + u0 + ${u}u;
    let s = 1.0 / (1.0 + exp(-a${r}${u}));
    let h = a${r}${u} * s;
    hid[at] = h;
    slope[at] = s + h * (1.0 - s);
  }`,
    ),
  );
  return `${header(k)}
@group(0) @binding(0) var<storage, read> params: array<f32>;
@group(0) @binding(1) var<storage, read_write> hid: array<f32>;
@group(0) @binding(2) var<storage, read_write> slope: array<f32>;

@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  ${tileIndex(k)}
  ${init.join('\n  ')}
  for (var i = 0u; i < W; i = i + 1u) {
    ${loads.join('\n    ')}
    ${fma.join('\n    ')}
  }
  ${store.join('\n  ')}
}
`;
}

/** backward l (l < depth − 1) on a TR × TU tile (units are the layer's i). */
export function backwardTiledKernel(k: KernelShape, l: number): string {
  const { tr, tu } = tileShape(k);
  const o = paramOffsets(k);
  const src = (l + 1) * k.batch * k.width;
  const R = range(tr);
  const U = range(tu);
  const init = R.flatMap((r) => U.map((u) => `var a${r}${u} = 0.0;`));
  const loads = [
    ...R.map((r) => `let d${r} = delta[${src}u + (r0 + ${r}u) * W + j];`),
    ...U.map((u) => `let w${u} = params[${o.weight[l + 1]}u + (u0 + ${u}u) * W + j];`),
  ];
  const fma = R.flatMap((r) => U.map((u) => `a${r}${u} = a${r}${u} + d${r} * w${u};`));
  const store = R.flatMap((r) =>
    U.map(
      (u) => `{
    let at = ${l}u * LAYER + (r0 + ${r}u) * W + u0 + ${u}u;
    delta[at] = a${r}${u} * slope[at];
  }`,
    ),
  );
  return `${header(k)}
@group(0) @binding(0) var<storage, read> params: array<f32>;
@group(0) @binding(1) var<storage, read> slope: array<f32>;
@group(0) @binding(2) var<storage, read_write> delta: array<f32>;

@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  ${tileIndex(k)}
  ${init.join('\n  ')}
  for (var j = 0u; j < W; j = j + 1u) {
    ${loads.join('\n    ')}
    ${fma.join('\n    ')}
  }
  ${store.join('\n  ')}
}
`;
}
