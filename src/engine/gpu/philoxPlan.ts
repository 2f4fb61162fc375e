/**
 * Plans that exercise the WGSL Philox on its own: the words for a run of counters (to compare with the JavaScript
 * reference bit for bit on any device), and a normal-noise stream as wide as a particle cloud (the noise every
 * fused sampler step draws, measured alone).
 */
import { PHILOX_WGSL } from './philox';
import { groupsFor, type GpuPlan } from './plan';

const GROUP = 64;

/** Counter i → philox4x32((i, 0, 0, 0), key): `count` × 4 words in buffer `words`. */
export function philoxWordsPlan(count: number, key: [number, number]): GpuPlan {
  const code = `${PHILOX_WGSL}
@group(0) @binding(0) var<storage, read_write> words: array<vec4<u32>>;
@compute @workgroup_size(${GROUP})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= ${count}u) { return; }
  words[id.x] = philox4x32(vec4<u32>(id.x, 0u, 0u, 0u), vec2<u32>(${key[0] >>> 0}u, ${key[1] >>> 0}u));
}`;
  return {
    buffers: [{ name: 'words', bytes: count * 16, kind: 'storage' }],
    sequences: {
      words: [
        { label: 'philox words', code, bindings: ['words'], workgroups: [groupsFor(count, GROUP), 1, 1] },
      ],
    },
  };
}

/**
 * A random walk x ← x + z for `count` particles, z standard normal from counter (i, step, 0, 0): one Philox call
 * and four normals per particle per step (one used per particle-step here: the cost of a 1D sampler's noise).
 * `step` lives in a storage word the kernel's first thread increments after the walk, so one submit can run many
 * steps without any CPU writes in between.
 */
export function philoxWalkPlan(count: number, seed: number): GpuPlan {
  const groups = groupsFor(count, GROUP);
  const walk = `${PHILOX_WGSL}
@group(0) @binding(0) var<storage, read_write> x: array<f32>;
@group(0) @binding(1) var<storage, read> step: array<u32>;
@compute @workgroup_size(${GROUP})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= ${count}u) { return; }
  let z = philoxNormal4(vec4<u32>(id.x, step[0], 0u, 0u), vec2<u32>(${seed >>> 0}u, 0x5c0e1abu));
  x[id.x] = x[id.x] + z.x;
}`;
  const advance = `
@group(0) @binding(0) var<storage, read_write> step: array<u32>;
@compute @workgroup_size(1)
fn main() { step[0] = step[0] + 1u; }`;
  return {
    buffers: [
      { name: 'x', bytes: count * 4, kind: 'storage' },
      { name: 'step', bytes: 4, kind: 'storage' },
    ],
    sequences: {
      step: [
        { label: 'walk', code: walk, bindings: ['x', 'step'], workgroups: [groups, 1, 1] },
        { label: 'advance', code: advance, bindings: ['step'], workgroups: [1, 1, 1] },
      ],
    },
  };
}
