/**
 * The score network's forward pass for ONE input row, in WGSL, for the fused samplers: each GPU thread moves one
 * particle, so it evaluates the network on its own row (u, feature) and needs no shared memory or matrix kernel.
 *
 * The network is engine/tf/net.ts's MLP, with its parameters in its paramLayout order, concatenated into one f32
 * storage buffer (row-major, as TensorFlow.js stores them):
 *   hidden0.weight [2, W], hidden0.bias [W], hidden_l.weight [W, W], hidden_l.bias [W] (l = 1..depth−1),
 *   out.weight [W, 1], out.bias [1];
 *   h_1 = swish(u W₀[0, :] + feature W₀[1, :] + b₀),  h_l = swish(h_{l−1} W_l + b_l),  net = h_depth W_out + b_out,
 * with swish(a) = a·sigmoid(a) = a / (1 + e^(−a)) (for a ≪ 0, e^(−a) overflows to +∞ and the quotient is −0,
 * which is swish's limit). What the caller puts in (u, feature) and does with the output is the score's business:
 * an NCSN network takes (x, log σ) and gives σ·s; an ε-model takes (c_in x, log λ) and gives ε̂.
 *
 * Written here because helper D's engine/gpu/network.ts (the training forward and backward) was not on this branch
 * when the samplers needed it; this forward reads the same layout.
 */

export interface NetDims {
  width: number;
  depth: number;
}

/** Floats in the packed parameters of a width-W, depth-D network: 3W + (D − 1)(W² + W) + W + 1. */
export function netParamCount({ width, depth }: NetDims): number {
  return 3 * width + (depth - 1) * (width * width + width) + width + 1;
}

/** Concatenates parameter arrays given in paramLayout order into the one buffer the kernel reads. */
export function packNetParams(dims: NetDims, params: readonly { values: ArrayLike<number> }[]): Float32Array {
  const out = new Float32Array(netParamCount(dims));
  let offset = 0;
  for (const p of params) {
    out.set(p.values, offset);
    offset += p.values.length;
  }
  if (offset !== out.length)
    throw new Error(`packNetParams: ${offset} numbers for a network that has ${out.length}`);
  return out;
}

/** WGSL declaring the parameter buffer at @binding(`binding`) and `netForward(u, feature) -> f32`. */
export function netWgsl(binding: number, { width, depth }: NetDims): string {
  const W = width;
  return /* wgsl */ `
@group(0) @binding(${binding}) var<storage, read> net: array<f32>;

fn swish(a: f32) -> f32 {
  return a / (1.0 + exp(-a));
}

fn netForward(u: f32, feature: f32) -> f32 {
  var h: array<f32, ${W}>;
  var g: array<f32, ${W}>;
  for (var j = 0u; j < ${W}u; j = j + 1u) {
    h[j] = swish(u * net[j] + feature * net[${W}u + j] + net[${2 * W}u + j]);
  }
  var offset = ${3 * W}u;
  for (var l = 1u; l < ${depth}u; l = l + 1u) {
    for (var j = 0u; j < ${W}u; j = j + 1u) {
      var acc = net[offset + ${W * W}u + j];
      for (var i = 0u; i < ${W}u; i = i + 1u) {
        acc = acc + h[i] * net[offset + i * ${W}u + j];
      }
      g[j] = swish(acc);
    }
    h = g;
    offset = offset + ${W * W + W}u;
  }
  var out = net[offset + ${W}u];
  for (var i = 0u; i < ${W}u; i = i + 1u) {
    out = out + h[i] * net[offset + i];
  }
  return out;
}
`;
}
