/**
 * A test-only page script (tests/e2e/fused-sampling.spec.ts bundles it with rolldown and serves it through
 * page.route; it is never part of the app's build): runs the fused sampler kernels on the browser's WebGPU adapter
 * (SwiftShader here) beside their JavaScript references, and returns plain numbers for the spec to judge.
 */
import { PHILOX_WGSL, philox4x32 } from '../../src/engine/gpu/philox';
import { MIXTURE_TABLE_BYTES, mixtureTable, mixtureWgsl } from '../../src/engine/gpu/mixture';
import { netForwardReference, networkForwardWgsl, paramOffsets } from '../../src/engine/gpu/network';
import type { GpuPlan } from '../../src/engine/gpu/plan';
import { PlanRunner } from '../../src/engine/tf/fused/planRunner';
import { mixtureScore, type Mixture } from '../../src/engine/mixture';
import { forwardMarginal } from '../../src/engine/schedules/marginal';
import { createRng } from '../../src/engine/rng';
import { exactVelocity } from '../../src/engine/flow/velocity';

let devicePromise: Promise<GPUDevice> | null = null;
function device(): Promise<GPUDevice> {
  devicePromise ??= (async () => {
    const adapter =
      (await navigator.gpu.requestAdapter()) ??
      (await navigator.gpu.requestAdapter({ forceFallbackAdapter: true }));
    if (!adapter) throw new Error('no WebGPU adapter');
    return adapter.requestDevice();
  })();
  return devicePromise;
}

/** Runs a one-pass plan and reads `out`, throwing the device's validation message if there is one. */
async function runOnce(plan: GpuPlan, out: string): Promise<ArrayBuffer> {
  const d = await device();
  d.pushErrorScope('validation');
  const runner = new PlanRunner(d, plan);
  runner.run('main');
  const data = await runner.read(out);
  const error = await d.popErrorScope();
  runner.dispose();
  if (error) throw new Error(error.message);
  return data;
}

const kernel = (code: string, bindings: string[], threads: number): GpuPlan['sequences'] => ({
  main: [{ label: 'probe', code, bindings, workgroups: [Math.ceil(threads / 64), 1, 1] }],
});

/** Philox words from the GPU and from the JS reference for `count` counters under random keys. */
async function philox(count: number): Promise<{ words: number; mismatches: number; first: string }> {
  const rng = createRng(11);
  const input = new Uint32Array(count * 6);
  for (let i = 0; i < input.length; i++) input[i] = Math.floor(rng.uniform() * 4294967296);
  const code = `${PHILOX_WGSL}
@group(0) @binding(0) var<storage, read> input: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= ${count}u) { return; }
  let b = i * 6u;
  let w = philox4x32(vec4<u32>(input[b], input[b + 1u], input[b + 2u], input[b + 3u]), vec2<u32>(input[b + 4u], input[b + 5u]));
  out[4u * i] = w.x; out[4u * i + 1u] = w.y; out[4u * i + 2u] = w.z; out[4u * i + 3u] = w.w;
}`;
  const gpu = new Uint32Array(
    await runOnce(
      {
        buffers: [
          { name: 'input', bytes: input.byteLength, kind: 'storage', init: input },
          { name: 'out', bytes: count * 16, kind: 'storage' },
        ],
        sequences: kernel(code, ['input', 'out'], count),
      },
      'out',
    ),
  );
  let mismatches = 0;
  let first = '';
  for (let i = 0; i < count; i++) {
    const ref = philox4x32(input.subarray(6 * i, 6 * i + 4), input.subarray(6 * i + 4, 6 * i + 6));
    for (let j = 0; j < 4; j++)
      if (gpu[4 * i + j] !== ref[j]) {
        mismatches++;
        first ||= `counter ${i} word ${j}: gpu ${gpu[4 * i + j]} js ${ref[j]}`;
      }
  }
  return { words: 4 * count, mismatches, first };
}

const MIX3: Mixture = [
  { weight: 0.5, mean: 2, std: 0.5 },
  { weight: 0.3, mean: -2, std: 0.2 },
  { weight: 0.2, mean: 0.5, std: 1.2 },
];

/** Evaluates the WGSL expression `value` of the point p at each of `total` points, with MIX3's table bound. */
async function onMixture(
  points: Float32Array,
  type: 'vec2<f32>' | 'vec4<f32>',
  total: number,
  value: string,
): Promise<Float32Array> {
  const code = `${mixtureWgsl(0)}
@group(0) @binding(1) var<storage, read> points: array<${type}>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= ${total}u) { return; }
  let p = points[id.x];
  out[id.x] = ${value};
}`;
  const table = new Uint32Array(mixtureTable(MIX3));
  return new Float32Array(
    await runOnce(
      {
        buffers: [
          { name: 'mixture', bytes: MIXTURE_TABLE_BYTES, kind: 'uniform', init: table },
          { name: 'points', bytes: points.byteLength, kind: 'storage', init: points },
          { name: 'out', bytes: total * 4, kind: 'storage' },
        ],
        sequences: kernel(code, ['mixture', 'points', 'out'], total),
      },
      'out',
    ),
  );
}

/**
 * The in-kernel score of Σ π_k N(a μ_k, a² s_k² + s²) against engine/mixture.ts's mixtureScore of the same
 * mixture, at `count` points for each (a, s). Returns the largest |gpu − ref| / max(|ref|, T), T the largest term
 * |(m_k − x)/v_k| of the sum at that point: f32 rounds the terms, so near a zero of the score (where the terms
 * cancel) the error is relative to them, not to the small difference. Also the plain relative error, for the
 * report.
 */
async function mixtureCheck(
  count: number,
): Promise<{ points: number; worst: number; plain: number; where: string }> {
  const cases: [number, number][] = [
    [1, 0],
    [1, 0.7],
    [0.6, 0.8],
  ];
  const points = new Float32Array(cases.length * count * 4);
  cases.forEach(([a, s], c) => {
    for (let i = 0; i < count; i++) {
      const o = 4 * (c * count + i);
      points.set([-8 + (16 * (i + 0.5)) / count, a, s, 0], o);
    }
  });
  const total = cases.length * count;
  const gpu = await onMixture(points, 'vec4<f32>', total, 'mixtureMarginalScore(p.x, p.y, p.z)');
  let worst = 0;
  let plain = 0;
  let where = '';
  for (let i = 0; i < total; i++) {
    const [x, a, s] = points.subarray(4 * i, 4 * i + 3);
    const marginal = forwardMarginal(MIX3, a, s);
    const ref = mixtureScore(marginal, x);
    const scale = Math.max(...marginal.map((c) => Math.abs((c.mean - x) / (c.std * c.std))));
    const err = Math.abs(gpu[i] - ref) / Math.max(Math.abs(ref), scale);
    plain = Math.max(plain, Math.abs(gpu[i] - ref) / Math.abs(ref));
    if (err > worst) {
      worst = err;
      where = `x = ${x}, a = ${a}, s = ${s}: gpu ${gpu[i]}, ref ${ref}`;
    }
  }
  return { points: total, worst, plain, where };
}

/** A width × depth network with seeded He-normal weights and small biases, packed in paramLayout order. */
function randomNet(width: number, depth: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(paramOffsets({ width, depth }).total);
  for (let i = 0; i < out.length; i++) out[i] = (i < 2 * width ? 1 : Math.sqrt(2 / width)) * rng.normal();
  return out;
}

/** net(u, feature) in double precision (network.ts's reference, checked there against net.ts's ScoreNet). */
function jsNet(p: Float32Array, width: number, depth: number, u: number, feature: number): number {
  return netForwardReference({ width, depth }, p, u, feature).value;
}

/** The in-kernel forward pass against jsNet at `count` points: the largest |gpu − js| / (1 + |js|). */
async function netCheck(count: number, width: number, depth: number): Promise<{ worst: number }> {
  const net = randomNet(width, depth, 5);
  const points = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) points.set([-6 + (12 * i) / count, -2 + (4 * (i % 7)) / 7], 2 * i);
  const code = `@group(0) @binding(0) var<storage, read> net: array<f32>;
${networkForwardWgsl({ width, depth }, 'net')}
@group(0) @binding(1) var<storage, read> points: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= ${count}u) { return; }
  out[id.x] = netForward(points[id.x].x, points[id.x].y);
}`;
  const gpu = new Float32Array(
    await runOnce(
      {
        buffers: [
          { name: 'net', bytes: net.byteLength, kind: 'storage', init: net },
          { name: 'points', bytes: points.byteLength, kind: 'storage', init: points },
          { name: 'out', bytes: count * 4, kind: 'storage' },
        ],
        sequences: kernel(code, ['net', 'points', 'out'], count),
      },
      'out',
    ),
  );
  let worst = 0;
  for (let i = 0; i < count; i++) {
    const ref = jsNet(net, width, depth, points[2 * i], points[2 * i + 1]);
    worst = Math.max(worst, Math.abs(gpu[i] - ref) / (1 + Math.abs(ref)));
  }
  return { worst };
}

/** sup_x |F₁(x) − F₂(x)| of two samples. */
function ks2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/**
 * The in-kernel flow-matching velocity (mixtureFlowVelocity) against engine/flow/velocity.ts's exactVelocity, at
 * `count` points for each t, t = 1 (where the score form would divide 0 by 0) and t = 0 included. Returns the
 * largest |gpu − ref| / (1 + |ref|).
 */
async function flowVelocityCheck(count: number): Promise<{ points: number; worst: number; where: string }> {
  const times = [1, 0.9, 0.5, 0.1, 0];
  const total = times.length * count;
  const points = new Float32Array(2 * total);
  times.forEach((t, c) => {
    for (let i = 0; i < count; i++) points.set([-6 + (12 * (i + 0.5)) / count, t], 2 * (c * count + i));
  });
  const gpu = await onMixture(points, 'vec2<f32>', total, 'mixtureFlowVelocity(p.x, p.y)');
  const velocity = exactVelocity(MIX3);
  let worst = 0;
  let where = '';
  const ref = new Float64Array(1);
  for (let i = 0; i < total; i++) {
    velocity(Float64Array.of(points[2 * i]), points[2 * i + 1], ref);
    const err = Math.abs(gpu[i] - ref[0]) / (1 + Math.abs(ref[0]));
    if (err > worst) {
      worst = err;
      where = `x = ${points[2 * i]}, t = ${points[2 * i + 1]}: gpu ${gpu[i]}, ref ${ref[0]}`;
    }
  }
  return { points: total, worst, where };
}

export { device, flowVelocityCheck, jsNet, ks2, mixtureCheck, netCheck, philox, randomNet };
