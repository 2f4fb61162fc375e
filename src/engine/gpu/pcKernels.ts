/**
 * The predictor–corrector sampler's Langevin corrector on the GPU (Song et al. 2021, Algorithms 4–5, as
 * engine/diffusion/steps.ts's langevinCorrector does it). One corrector step at the level t' is
 *
 *   s_i = s(x_i, t'),  z_i ~ N(0, 1),  ε = 2 α (r Σ_i |z_i| / Σ_i |s_i|)²,  x_i ← x_i + ε s_i + √(2ε) z_i,
 *
 * and if Σ_i |s_i| is not positive the corrector stops at this level (steps.ts returns). ε depends on the whole
 * batch, so a step is four passes:
 *   norms   per particle: s_i and z_i into `grad` and `noise`;
 *   sum     per chunk of SUM_CHUNK particles: (Σ|z|, Σ|s|) into `norms`;
 *   finish  one workgroup adds the partial sums in a fixed order, writes ε and √(2ε) (or "stopped") into `pcState`
 *           and advances the corrector counter j;
 *   move    per particle: x_i ← x_i + ε s_i + √(2ε) z_i, with the step kernel's divergence rule.
 * No float atomics: every sum is a loop in one thread or a tree in one workgroup's memory, in an order fixed by n,
 * so a seed gives the same bits on every run.
 *
 * Noise: z for particle i at predictor step k, corrector step j, is component j mod 4 of
 * philoxNormal4((i, k, PC_NOISE_PURPOSE, ⌊j/4⌋), key), a counter apart from the predictor's (purpose
 * NOISE_PURPOSE), so a replay after a divergence draws the same numbers.
 *
 * The corrector's rows (pcSchedule.ts): two vec4s per predictor step k, (a, s, inScale, feature) of the score
 * point at t', then (outScale, 2α, r, active), active = 0 where no corrector runs (s(t') = 0).
 *
 * Records: the step kernel writes the predictor's position into the record slots; the `record` pass, last in
 * the sequence, overwrites the same slots with the corrected positions (what the JS run records after a step).
 */
import { PHILOX_WGSL } from './philox';
import { groupSize, scoreWgsl, STEP_FIELDS, type ScoreKind } from './samplerKernels';

export const PC_NOISE_PURPOSE = 2;
/** u32 words of the corrector's uniform: n, the predictor step k, the Philox key, the bound's f32 bits, padding. */
export const PC_PARAM_WORDS = 8;
/** pcState: j (next corrector step), stopped, ε, √(2ε). */
export const PC_STATE_WORDS = 4;
export const FINISH_GROUP = 256;

const PC_STRUCTS = /* wgsl */ `
struct PcParams { n: u32, k: u32, key0: u32, key1: u32, bound: f32, pad0: u32, pad1: u32, pad2: u32 };
struct PcState { j: u32, stopped: u32, eps: f32, noiseScale: f32 };
@group(0) @binding(0) var<uniform> pc: PcParams;`;

/** Particles per partial sum of the sum pass. */
export const SUM_CHUNK = 256;

/** Norms pass: s_i and z_i per particle. Bindings pcParams, score data (mixture or net), corrector, xs, grad, noise, pcState. */
export function pcNormsKernel(score: ScoreKind): string {
  return /* wgsl */ `
${PC_STRUCTS}
${scoreWgsl(score)}
@group(0) @binding(2) var<storage, read> corrector: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> xs: array<f32>;
@group(0) @binding(4) var<storage, read_write> grad: array<f32>;
@group(0) @binding(5) var<storage, read_write> noise: array<f32>;
@group(0) @binding(6) var<storage, read> state: PcState;
${PHILOX_WGSL}

@compute @workgroup_size(${groupSize(score)})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  let r0 = corrector[2u * pc.k];
  let r1 = corrector[2u * pc.k + 1u];
  if (i >= pc.n || r1.w == 0.0 || state.stopped != 0u) {
    return;
  }
  let j = state.j;
  grad[i] = scoreAt(xs[i], r0.x, r0.y, r0.z, r0.w, r1.x);
  noise[i] = philoxNormal4(vec4<u32>(i, pc.k, ${PC_NOISE_PURPOSE}u, j >> 2u), vec2<u32>(pc.key0, pc.key1))[j & 3u];
}
`;
}

/**
 * Sum pass: partial g = (Σ|z_i|, Σ|s_i|) over i in [g·SUM_CHUNK, (g + 1)·SUM_CHUNK), added in index order by one
 * thread (no workgroup barriers: on a software adapter they cost far more than the adds). Bindings pcParams, grad,
 * noise, norms. Where no corrector runs the sums are stale and the finish pass ignores them.
 */
export const PC_SUM = /* wgsl */ `
${PC_STRUCTS}
@group(0) @binding(1) var<storage, read> grad: array<f32>;
@group(0) @binding(2) var<storage, read> noise: array<f32>;
@group(0) @binding(3) var<storage, read_write> norms: array<vec2<f32>>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let g = id.x;
  let first = g * ${SUM_CHUNK}u;
  if (first >= pc.n) {
    return;
  }
  let end = min(pc.n, first + ${SUM_CHUNK}u);
  var acc = vec2<f32>(0.0);
  for (var i = first; i < end; i = i + 1u) {
    acc = acc + vec2<f32>(abs(noise[i]), abs(grad[i]));
  }
  norms[g] = acc;
}
`;

/** Finish pass (one workgroup): bindings pcParams, corrector, norms, pcState. The same WGSL for every n. */
export function pcFinishKernel(): string {
  return /* wgsl */ `
${PC_STRUCTS}
@group(0) @binding(1) var<storage, read> corrector: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> norms: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> state: PcState;
var<workgroup> sums: array<vec2<f32>, ${FINISH_GROUP}>;

@compute @workgroup_size(${FINISH_GROUP})
fn main(@builtin(local_invocation_id) local: vec3<u32>) {
  var acc = vec2<f32>(0.0);
  let groups = (pc.n + ${SUM_CHUNK - 1}u) / ${SUM_CHUNK}u;
  for (var g = local.x; g < groups; g = g + ${FINISH_GROUP}u) {
    acc = acc + norms[g];
  }
  sums[local.x] = acc;
  workgroupBarrier();
  for (var width = ${FINISH_GROUP / 2}u; width > 0u; width = width >> 1u) {
    if (local.x < width) {
      sums[local.x] = sums[local.x] + sums[local.x + width];
    }
    workgroupBarrier();
  }
  if (local.x == 0u) {
    let r1 = corrector[2u * pc.k + 1u];
    let zNorm = sums[0].x;
    let gNorm = sums[0].y;
    // As steps.ts: no corrector at this level, or a score that is zero (or NaN) everywhere, ends the corrector.
    if (r1.w == 0.0 || state.stopped != 0u || !(gNorm > 0.0)) {
      state.stopped = 1u;
      state.eps = 0.0;
      state.noiseScale = 0.0;
    } else {
      let ratio = (r1.z * zNorm) / gNorm;
      let eps = r1.y * ratio * ratio;
      state.eps = eps;
      state.noiseScale = sqrt(2.0 * eps);
    }
    state.j = state.j + 1u;
  }
}
`;
}

/** Move pass: bindings pcParams, xs, grad, noise, pcState, flags. */
export const PC_MOVE = /* wgsl */ `
${PC_STRUCTS}
@group(0) @binding(1) var<storage, read_write> xs: array<f32>;
@group(0) @binding(2) var<storage, read> grad: array<f32>;
@group(0) @binding(3) var<storage, read> noise: array<f32>;
@group(0) @binding(4) var<storage, read> state: PcState;
@group(0) @binding(5) var<storage, read_write> flags: array<atomic<u32>>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= pc.n || state.stopped != 0u) {
    return;
  }
  let next = xs[i] + state.eps * grad[i] + state.noiseScale * noise[i];
  // False for NaN as well; the step kernel's rule, recorded as a failure of predictor step k.
  if (!(next <= pc.bound && next >= -pc.bound)) {
    atomicMin(&flags[0], pc.k + 1u);
    return;
  }
  xs[i] = next;
}
`;

/**
 * Record pass: rewrites the record slots of the step just taken (the step kernel's layout and tracked-particle
 * rule, i_j = ⌊(2j + 1) n / (2m)⌋) from the corrected positions. Bindings stepParams, xs, records; one thread per
 * track or weight-sample slot. Runs with count = 1 (one predictor step per sequence).
 */
export function pcRecordKernel(): string {
  return /* wgsl */ `
struct StepParams {
${STEP_FIELDS.map((f) => `  ${f}: ${f === 'bound' ? 'f32' : 'u32'},`).join('\n')}
};
@group(0) @binding(0) var<uniform> params: StepParams;
@group(0) @binding(1) var<storage, read> xs: array<f32>;
@group(0) @binding(2) var<storage, read_write> records: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let j = id.x;
  let done = params.step0 + 1u;
  let m = params.trackCount;
  if (j < m && params.trackEvery > 0u && done % params.trackEvery == 0u) {
    let slot = done / params.trackEvery - params.trackBase;
    if (slot < params.maxRecords) {
      records[slot * m + j] = xs[((2u * j + 1u) * params.n) / (2u * m)];
    }
  }
  if (j < params.weightCount && params.weightStride > 0u && params.weightEvery > 0u &&
      done % params.weightEvery == 0u) {
    let slot = done / params.weightEvery - params.weightBase;
    if (slot < params.maxRecords) {
      records[params.maxRecords * m + slot * params.weightCount + j] = xs[j * params.weightStride];
    }
  }
}
`;
}
