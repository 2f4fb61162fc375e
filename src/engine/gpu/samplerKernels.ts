/**
 * The fused samplers' WGSL: one compute pass moves every particle through `count` steps (one thread per particle,
 * the steps looped inside the thread), with the score evaluated in-kernel (the mixture's closed form, mixture.ts,
 * or the network's forward pass, network.ts) and the noise drawn in-kernel from Philox (philox.ts).
 *
 * Every sampler of the app is one affine rule per step, with coefficients computed on the CPU (samplerPlan.ts):
 *   first stage   x̃ = A x + B s₁(x) + C z            (Langevin: A = 1, B = α/2, C = √α;
 *                                                    DDPM ancestral: A = 1/α, B = σ²/α, C = its std;
 *                                                    reverse SDE (Euler–Maruyama): A = 1 − f h, B = g² h, C = g √h;
 *                                                    probability-flow ODE (Euler): A = 1 − f h, B = ½ g² h, C = 0;
 *                                                    flow matching (Euler), s₁ the velocity: A = 1, B = −h, C = 0)
 *   second stage  x' = P x + Q s₁(x) + R x̃ + S s₂(x̃)  (Heun's corrector on the ODE; off when its flag is 0)
 * Heun: x' = x + ½ h (v₁ + v₂), v₁ = −f x + ½ g² s₁, v₂ = −f' x̃ + ½ g'² s₂, x̃ = x + v₁ h, i.e.
 * P = 1 − ½ f h, Q = ¼ g² h, R = −½ f' h, S = ¼ g'² h.
 * The predictor–corrector's predictor is a row of this kind; its corrector, whose step size needs batch-wide
 * norms, runs in pcKernels.ts's passes between predictor steps.
 * Each score s_i is either the exact mixture score at (a_i, s_i) (p: (1, 0); q_σ: (1, σ); p_t: (a(t), s(t))) or
 * the network: outScale_i · net(inScale_i · x, feature_i) (NCSN: (1, log σ) and 1/σ; ε-model: (c_in, log λ) and −1/s).
 *
 * A schedule row is ROW_VEC4 vec4s: (A, B, C, heun), (a₁, s₁, inScale₁, feature₁), (outScale₁, a₂, s₂, inScale₂),
 * (feature₂, outScale₂, 0, 0), (P, Q, R, S).
 *
 * Noise: z for particle i at global step k is component k mod 4 of philoxNormal4((i, ⌊k/4⌋, NOISE_PURPOSE, 0),
 * key): one Philox call serves four steps, and the numbers depend only on (seed, i, k), so a run is the same
 * however its steps are split into dispatches.
 *
 * Divergence: a proposal that is not finite or leaves |x| ≤ bound records its step in flags[0] (atomicMin) and
 * stops that particle. The runner then restores the chunk's starting positions and replays the steps before it
 * (the counter-based noise makes the replay exact), so a diverged run keeps its last good state, as the JS runner
 * does. A probe pass (commit = 0) counts the particles that would escape at one step without moving any.
 */
import { PHILOX_WGSL } from './philox';
import { mixtureWgsl } from './mixture';
import { networkForwardWgsl, type NetworkShape } from './network';

export const ROW_VEC4 = 5;
export const NOISE_PURPOSE = 1;
/** Threads per workgroup: the network keeps two width-W arrays per thread, so fewer threads per group. */
export const EXACT_GROUP = 256;
export const LEARNED_GROUP = 64;

/** u32 fields of the step pass's uniform (bound is a float, stored through its bits). */
export const STEP_FIELDS = [
  'n',
  'count',
  'step0',
  'row0',
  'rowStride',
  'key0',
  'key1',
  'commit',
  'bound',
  'trackEvery',
  'trackBase',
  'trackCount',
  'weightEvery',
  'weightBase',
  'weightStride',
  'weightCount',
  'maxRecords',
  'pad0',
  'pad1',
  'pad2',
] as const;

export type StepField = (typeof STEP_FIELDS)[number];

/**
 * The field a step evaluates: the exact mixture score (field 'score', the default), flow matching's exact
 * velocity (field 'flowVelocity': mixtureFlowVelocity(x, t) with t read from the point's s), or the network.
 */
export type ScoreKind =
  { kind: 'exact'; field?: 'score' | 'flowVelocity' } | ({ kind: 'learned' } & NetworkShape);

const STEP_STRUCT = `struct StepParams {\n${STEP_FIELDS.map((f) => `  ${f}: ${f === 'bound' ? 'f32' : 'u32'},`).join('\n')}\n};`;

/** The field at binding 1 as `scoreAt(x, a, s, inScale, feature, outScale)`. */
export function scoreWgsl(score: ScoreKind): string {
  if (score.kind === 'exact')
    return `${mixtureWgsl(1)}
fn scoreAt(x: f32, a: f32, s: f32, inScale: f32, feature: f32, outScale: f32) -> f32 {
  return ${score.field === 'flowVelocity' ? 'mixtureFlowVelocity(x, s)' : 'mixtureMarginalScore(x, a, s)'};
}`;
  return `@group(0) @binding(1) var<storage, read> net: array<f32>;
${networkForwardWgsl(score, 'net')}
fn scoreAt(x: f32, a: f32, s: f32, inScale: f32, feature: f32, outScale: f32) -> f32 {
  return outScale * netForward(inScale * x, feature);
}`;
}

export function groupSize(score: ScoreKind): number {
  return score.kind === 'exact' ? EXACT_GROUP : LEARNED_GROUP;
}

/**
 * Whether particle i is tracked, and as which track: the tracked indices are i_j = ⌊(2j + 1) n / (2m)⌋ (plan.ts's
 * spreadIndices), so j is within one of ⌊i m / n⌋. Exact in u32 while (2m + 1) n < 2³².
 */
const TRACK_SLOT = /* wgsl */ `
fn trackSlot(i: u32, n: u32, m: u32) -> i32 {
  if (m == 0u) {
    return -1;
  }
  let guess = (i * m) / n;
  for (var d = 0u; d < 3u; d = d + 1u) {
    let j = guess + d;
    if (j >= 1u && j - 1u < m && ((2u * (j - 1u) + 1u) * n) / (2u * m) == i) {
      return i32(j - 1u);
    }
  }
  return -1;
}`;

/** The step pass: bindings params, score (mixture table or network), schedule, xs, flags, records. */
export function stepKernel(score: ScoreKind): string {
  return /* wgsl */ `
${STEP_STRUCT}
@group(0) @binding(0) var<uniform> params: StepParams;
${scoreWgsl(score)}
@group(0) @binding(2) var<storage, read> schedule: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> xs: array<f32>;
@group(0) @binding(4) var<storage, read_write> flags: array<atomic<u32>>;
@group(0) @binding(5) var<storage, read_write> records: array<f32>;
${PHILOX_WGSL}
${TRACK_SLOT}

fn inside(x: f32) -> bool {
  // False for NaN as well: every comparison with NaN is false.
  return x <= params.bound && x >= -params.bound;
}

@compute @workgroup_size(${groupSize(score)})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.n) {
    return;
  }
  let key = vec2<u32>(params.key0, params.key1);
  let track = trackSlot(i, params.n, params.trackCount);
  let weighed = params.weightStride > 0u && i % params.weightStride == 0u;
  var x = xs[i];
  var noise = vec4<f32>(0.0);
  for (var c = 0u; c < params.count; c = c + 1u) {
    let k = params.step0 + c;
    let base = (params.row0 + c * params.rowStride) * ${ROW_VEC4}u;
    let r0 = schedule[base];
    let r1 = schedule[base + 1u];
    let r2 = schedule[base + 2u];
    if (c == 0u || (k & 3u) == 0u) {
      noise = philoxNormal4(vec4<u32>(i, k >> 2u, ${NOISE_PURPOSE}u, 0u), key);
    }
    let z = noise[k & 3u];
    let s1 = scoreAt(x, r1.x, r1.y, r1.z, r1.w, r2.x);
    var next = r0.x * x + r0.y * s1 + r0.z * z;
    if (r0.w != 0.0) {
      let r3 = schedule[base + 3u];
      let r4 = schedule[base + 4u];
      let s2 = scoreAt(next, r2.y, r2.z, r2.w, r3.x, r3.y);
      next = r4.x * x + r4.y * s1 + r4.z * next + r4.w * s2;
    }
    if (!inside(next)) {
      if (params.commit == 0u) {
        atomicAdd(&flags[1], 1u);
      } else {
        atomicMin(&flags[0], k + 1u);
      }
      return;
    }
    if (params.commit == 0u) {
      return;
    }
    x = next;
    xs[i] = x;
    let done = k + 1u;
    if (params.trackEvery > 0u && done % params.trackEvery == 0u && track >= 0) {
      let slot = done / params.trackEvery - params.trackBase;
      if (slot < params.maxRecords) {
        records[slot * params.trackCount + u32(track)] = x;
      }
    }
    if (weighed && params.weightEvery > 0u && done % params.weightEvery == 0u) {
      let slot = done / params.weightEvery - params.weightBase;
      if (slot < params.maxRecords) {
        records[params.maxRecords * params.trackCount + slot * params.weightCount + i / params.weightStride] = x;
      }
    }
  }
}
`;
}

/** Zeroes the histogram bins: bindings bins. */
export const CLEAR_BINS = /* wgsl */ `
@group(0) @binding(0) var<storage, read_write> bins: array<atomic<u32>>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x < arrayLength(&bins)) {
    atomicStore(&bins[id.x], 0u);
  }
}
`;

/**
 * Counts particles into bins + 2 slots: slot 0 below lo, slot bins + 1 at or above hi, slot j + 1 for
 * j = ⌊(x − lo)·scale⌋ (deviceHistogram's rule). Bindings histParams, xs, bins.
 */
export const COUNT_BINS = /* wgsl */ `
struct HistParams { n: u32, bins: u32, lo: f32, scale: f32 };
@group(0) @binding(0) var<uniform> hist: HistParams;
@group(0) @binding(1) var<storage, read> xs: array<f32>;
@group(0) @binding(2) var<storage, read_write> bins: array<atomic<u32>>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= hist.n) {
    return;
  }
  let j = clamp(floor((xs[id.x] - hist.lo) * hist.scale), -1.0, f32(hist.bins));
  atomicAdd(&bins[u32(j + 1.0)], 1u);
}
`;

/** out[j] = xs[j · stride] for j < count (subsamples and final weights). Bindings gatherParams, xs, out. */
export const GATHER = /* wgsl */ `
struct GatherParams { count: u32, stride: u32, pad0: u32, pad1: u32 };
@group(0) @binding(0) var<uniform> gather: GatherParams;
@group(0) @binding(1) var<storage, read> xs: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x < gather.count) {
    out[id.x] = xs[id.x * gather.stride];
  }
}
`;

/** dst = src, element by element (the chunk's backup and its restore). Bindings src, dst. */
export const COPY = /* wgsl */ `
@group(0) @binding(0) var<storage, read> src: array<f32>;
@group(0) @binding(1) var<storage, read_write> dst: array<f32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x < arrayLength(&dst) && id.x < arrayLength(&src)) {
    dst[id.x] = src[id.x];
  }
}
`;

/** Values per workgroup in the metrics partials: Σ x, Σ x², then Σ r_k(x) for every table row. */
export const METRIC_SLOTS = 8;

/**
 * Per-workgroup sums for the mean, the variance and the mode weights (mean responsibility of each component under
 * p), reduced in workgroup memory (2 × 256 vec4 = 8 KiB); the CPU adds the partials. Bindings histParams (for n),
 * mixture, xs, partials.
 */
export function metricsKernel(): string {
  return /* wgsl */ `
struct HistParams { n: u32, bins: u32, lo: f32, scale: f32 };
@group(0) @binding(0) var<uniform> hist: HistParams;
${mixtureWgsl(1)}
@group(0) @binding(2) var<storage, read> xs: array<f32>;
@group(0) @binding(3) var<storage, read_write> partials: array<f32>;
var<workgroup> lowSums: array<vec4<f32>, 256>;
var<workgroup> highSums: array<vec4<f32>, 256>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(local_invocation_id) local: vec3<u32>,
        @builtin(workgroup_id) group: vec3<u32>) {
  var low = vec4<f32>(0.0);
  var high = vec4<f32>(0.0);
  if (id.x < hist.n) {
    let x = xs[id.x];
    low = vec4<f32>(x, x * x, mixtureResponsibility(x, 0u), mixtureResponsibility(x, 1u));
    high = vec4<f32>(mixtureResponsibility(x, 2u), mixtureResponsibility(x, 3u),
                     mixtureResponsibility(x, 4u), mixtureResponsibility(x, 5u));
  }
  lowSums[local.x] = low;
  highSums[local.x] = high;
  workgroupBarrier();
  for (var width = 128u; width > 0u; width = width >> 1u) {
    if (local.x < width) {
      lowSums[local.x] = lowSums[local.x] + lowSums[local.x + width];
      highSums[local.x] = highSums[local.x] + highSums[local.x + width];
    }
    workgroupBarrier();
  }
  if (local.x == 0u) {
    let b = group.x * ${METRIC_SLOTS}u;
    let l = lowSums[0];
    let h = highSums[0];
    partials[b] = l.x; partials[b + 1u] = l.y; partials[b + 2u] = l.z; partials[b + 3u] = l.w;
    partials[b + 4u] = h.x; partials[b + 5u] = h.y; partials[b + 6u] = h.z; partials[b + 7u] = h.w;
  }
}
`;
}
