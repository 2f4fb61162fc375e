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
  const largest = (n: number, sizes: number[]) => sizes.find((t) => n % t === 0) ?? 1;
  return { tr: largest(k.batch, [8, 4, 2, 1]), tu: largest(k.width, [4, 2, 1]) };
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

/**
 * A tiled pass: accumulators a{r}{u} start at `start(u)`; for each term t of the sum over W, x{r} = `row(r)` and
 * w{u} = `weight(u)` are loaded and a{r}{u} += x{r}·w{u}; then `store(r, u)` writes each value out.
 */
function tiledKernel(
  k: KernelShape,
  bindings: string,
  parts: {
    /** Offset of the layer written, in floats (its value (r, u) lands at layer + (r0 + r)·W + u0 + u). */
    layer: number;
    start: (u: number) => string;
    row: (r: number) => string;
    weight: (u: number) => string;
    store: (r: number, u: number) => string;
  },
): string {
  const { tr, tu } = tileShape(k);
  const R = range(tr);
  const U = range(tu);
  const init = R.flatMap((r) => U.map((u) => `var a${r}${u} = ${parts.start(u)};`));
  const loads = [
    ...R.map((r) => `let x${r} = ${parts.row(r)};`),
    ...U.map((u) => `let w${u} = ${parts.weight(u)};`),
  ];
  const fma = R.flatMap((r) => U.map((u) => `a${r}${u} = a${r}${u} + x${r} * w${u};`));
  const store = R.flatMap((r) =>
    U.map(
      (u) =>
        `{\n    let at = ${parts.layer}u + (r0 + ${r}u) * W + u0 + ${u}u;\n    ${parts.store(r, u)}\n  }`,
    ),
  );
  return `${header(k)}
${bindings}

@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  ${tileIndex(k)}
  ${init.join('\n  ')}
  for (var t = 0u; t < W; t = t + 1u) {
    ${loads.join('\n    ')}
    ${fma.join('\n    ')}
  }
  ${store.join('\n  ')}
}
`;
}

/** forward l ≥ 1 on a TR × TU tile: rows of h_{l−1}, columns of W_l. */
export function forwardTiledKernel(k: KernelShape, l: number): string {
  if (l < 1) throw new Error('layer 0 reads the batch: it keeps the one-value kernel');
  const o = paramOffsets(k);
  const src = (l - 1) * k.batch * k.width;
  return tiledKernel(
    k,
    `@group(0) @binding(0) var<storage, read> params: array<f32>;
@group(0) @binding(1) var<storage, read_write> hid: array<f32>;
@group(0) @binding(2) var<storage, read_write> slope: array<f32>;`,
    {
      layer: l * k.batch * k.width,
      start: (u) => `params[${o.bias[l]}u + u0 + ${u}u]`,
      row: (r) => `hid[${src}u + (r0 + ${r}u) * W + t]`,
      weight: (u) => `params[${o.weight[l]}u + t * W + u0 + ${u}u]`,
      store: (r, u) =>
        `let s = 1.0 / (1.0 + exp(-a${r}${u}));\n    let h = a${r}${u} * s;\n    hid[at] = h;\n    slope[at] = s + h * (1.0 - s);`,
    },
  );
}

/** backward l (l < depth − 1) on a TR × TU tile (units are the layer's i): rows of δ_{l+1}, rows of W_{l+1}. */
export function backwardTiledKernel(k: KernelShape, l: number): string {
  const o = paramOffsets(k);
  const src = (l + 1) * k.batch * k.width;
  return tiledKernel(
    k,
    `@group(0) @binding(0) var<storage, read> params: array<f32>;
@group(0) @binding(1) var<storage, read> slope: array<f32>;
@group(0) @binding(2) var<storage, read_write> delta: array<f32>;`,
    {
      layer: l * k.batch * k.width,
      start: () => '0.0',
      row: (r) => `delta[${src}u + (r0 + ${r}u) * W + t]`,
      weight: (u) => `params[${o.weight[l + 1]}u + (u0 + ${u}u) * W + t]`,
      store: (r, u) => `delta[at] = a${r}${u} * slope[at];`,
    },
  );
}
