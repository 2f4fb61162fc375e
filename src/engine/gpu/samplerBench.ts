/**
 * Complete benchmark plans of the fused samplers, with deterministic contents, for a harness that runs GpuPlans
 * outside the browser (scripts/device/ on a machine with a GPU) as well as for the in-browser bench.
 *
 * samplingBenchPlan({sampler, score, n, width, depth, seed}) gives the plan, the sequence to repeat ('step'), the
 * particle updates one run of it makes (unitsPerRun = n × STEPS_PER_RUN), and a pure check of the buffers read
 * back after the runs. Each run of 'step' moves every particle STEPS_PER_RUN steps in one dispatch (the loop is
 * inside the kernel); repeating it repeats the same schedule rows and noise counters on the moved particles,
 * which is the cost of a run of any length. The predictor–corrector's sequence is 'pcBench': one predictor step
 * and one corrector step (three passes, its batch-wide norms) at one step of the grid, n particle updates per run.
 * The flow samplers evaluate flow matching's exact velocity, or the network as a velocity. The network, when learned, is He-normal initialised from `seed`
 * (the shape's cost is what is measured; trained weights cost the same).
 */
import { DEFAULT_MIXTURE, type Mixture } from '../mixture';
import { createRng } from '../rng';
import { annealedLevels, geometricSigmas } from '../sampling/annealed';
import { vpProcess } from '../diffusion/process';
import { drawInitialParticles } from '../sampling/initParticles';
import type { GpuPlan } from './plan';
import { buildSamplerPlan, FLAGS_CLEAR, stepParams } from './samplerPlan';
import { paramOffsets } from './network';
import { diffusionRows, langevinRows, packRows, type StepRow } from './samplerSchedule';
import type { ScoreKind } from './samplerKernels';
import { flowRows } from './flowSchedule';
import { correctorRows, packCorrectorRows, pcParams } from './pcSchedule';

export type BenchSampler =
  'langevin' | 'annealed' | 'ancestral' | 'sde' | 'ode' | 'pc' | 'flow-euler' | 'flow-heun';
/** The predictor–corrector bench's step: the middle of the 10-step VP grid, where a corrector runs. */
const PC_BENCH_STEP = 5;
export const STEPS_PER_RUN = 10;

export interface SamplingBenchOptions {
  sampler: BenchSampler;
  score: 'exact' | 'learned';
  n: number;
  /** Network shape (learned only); the train page's default is 64 × 2. */
  width?: number;
  depth?: number;
  seed: number;
}

export interface SamplingBench {
  plan: GpuPlan;
  sequence: 'step' | 'pcBench';
  unitsPerRun: number;
  /** Buffers check() needs, read back after the runs. */
  readBack: string[];
  check(outputs: Record<string, ArrayBuffer>): { ok: boolean; message: string };
}

/** He-normal hidden layers, Glorot-normal output, zero biases (net.ts's initialisation), from `seed`. */
function benchNet(width: number, depth: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(paramOffsets({ width, depth }).total);
  let o = 0;
  const layer = (fanIn: number, fanOut: number, std: number) => {
    for (let i = 0; i < fanIn * fanOut; i++) out[o++] = std * rng.normal();
    o += fanOut;
  };
  layer(2, width, Math.sqrt(2 / 2));
  for (let l = 1; l < depth; l++) layer(width, width, Math.sqrt(2 / width));
  for (let i = 0; i < width; i++) out[o++] = Math.sqrt(2 / (width + 1)) * rng.normal();
  return out;
}

/** STEPS_PER_RUN rows of the sampler (the last rows of a 10-level annealing or of a 10-step diffusion grid). */
function benchRows(sampler: BenchSampler): StepRow[] {
  // A noise-conditional network is fed (x, log σ) and divided by σ; σ = 0.1 stands for plain Langevin's σ_min.
  const sigmaUsed = (sigma: number | undefined) => (sigma && sigma > 0 ? sigma : 0.1);
  if (sampler === 'langevin')
    return langevinRows(
      Array.from({ length: STEPS_PER_RUN }, () => ({ stepSize: 0.01, steps: 1 })),
      sigmaUsed,
    );
  if (sampler === 'annealed') {
    const levels = annealedLevels(0.01, geometricSigmas(5, 0.1, STEPS_PER_RUN), 1);
    return langevinRows(levels, sigmaUsed);
  }
  if (sampler === 'flow-euler' || sampler === 'flow-heun')
    return flowRows(sampler === 'flow-euler' ? 'euler' : 'heun', STEPS_PER_RUN);
  return diffusionRows(vpProcess(), sampler === 'pc' ? { kind: 'pc' } : { kind: sampler }, STEPS_PER_RUN);
}

export function samplingBenchPlan(options: SamplingBenchOptions): SamplingBench {
  const { n, seed } = options;
  const width = options.width ?? 64;
  const depth = options.depth ?? 2;
  const mixture: Mixture = DEFAULT_MIXTURE;
  const flow = options.sampler.startsWith('flow');
  const pc = options.sampler === 'pc';
  const score: ScoreKind =
    options.score === 'learned'
      ? { kind: 'learned', width, depth }
      : { kind: 'exact', field: flow ? 'flowVelocity' : 'score' };
  const rows = benchRows(options.sampler);
  const initial = drawInitialParticles({ kind: 'uniform', a: -3, b: 3 }, n, createRng(seed));
  const plan = buildSamplerPlan({
    score,
    mixture,
    net: options.score === 'learned' ? benchNet(width, depth, seed) : undefined,
    schedule: packRows(rows),
    initial,
    trackCount: 0,
    weightStride: 0,
    maxRecords: 0,
    maxGather: 1,
    corrector: pc ? { rows: packCorrectorRows(correctorRows(vpProcess(), STEPS_PER_RUN)) } : undefined,
  });
  const init = (name: string, data: Uint32Array) => {
    const buffer = plan.buffers.find((b) => b.name === name);
    if (buffer) buffer.init = data;
  };
  // The predictor–corrector: one predictor step and one corrector step per run, at one step of the grid.
  init(
    'stepParams',
    stepParams({
      n,
      count: pc ? 1 : rows.length,
      step0: pc ? PC_BENCH_STEP : 0,
      row0: pc ? PC_BENCH_STEP : 0,
      rowStride: 1,
      key0: seed >>> 0,
      key1: 0x5eed,
      commit: 1,
      bound: 1e6,
    }),
  );
  if (pc) {
    init('pcParams', pcParams(n, PC_BENCH_STEP, [seed >>> 0, 0x5eed], 1e6));
    const s = plan.sequences;
    s.pcBench = [...s.step, ...s.pcCorrect, ...s.pcRecord];
  }
  return {
    plan,
    sequence: pc ? 'pcBench' : 'step',
    unitsPerRun: pc ? n : n * rows.length,
    readBack: ['xs', 'flags'],
    check(outputs) {
      const xs = new Float32Array(outputs.xs);
      const flags = new Uint32Array(outputs.flags);
      if (xs.length < n) return { ok: false, message: `xs holds ${xs.length} floats, expected ${n}` };
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(xs[i])) return { ok: false, message: `particle ${i} is ${xs[i]}` };
        sum += xs[i];
        sq += xs[i] * xs[i];
      }
      const mean = sum / n;
      const std = Math.sqrt(Math.max(0, sq / n - mean * mean));
      const diverged = flags[0] !== FLAGS_CLEAR[0];
      const moved = xs.some((x, i) => x !== initial[i]);
      const ok = !diverged && moved && std > 0;
      return {
        ok,
        message: `${ok ? 'ok' : 'FAILED'}: mean ${mean.toFixed(3)}, std ${std.toFixed(3)}, ${diverged ? `diverged at step ${flags[0]}` : 'no divergence'}, ${moved ? 'particles moved' : 'particles did not move'}`,
      };
    },
  };
}
