/**
 * What the GPU harness measures and checks: each case builds a GpuPlan from the app's own WGSL builders, names the
 * sequence to time and what one run of it does, and optionally checks what it computed.
 */
import { philox4x32 } from '../../src/engine/gpu/philox';
import { philoxWalkPlan, philoxWordsPlan } from '../../src/engine/gpu/philoxPlan';
import type { GpuPlan } from '../../src/engine/gpu/plan';
import { samplingBenchPlan, type SamplingBenchOptions } from '../../src/engine/gpu/samplerBench';
import { trainingBenchPlan, type TrainingBenchOptions } from '../../src/engine/gpu/trainingBench';

export interface BenchCase {
  name: string;
  plan: GpuPlan;
  sequence: string;
  /** Units of work one run of the sequence does, e.g. particle-steps or training steps. */
  unitsPerRun: number;
  unit: string;
  /** Reads buffers after the timed runs and returns a one-line verdict; throws when the result is wrong. */
  check?: (read: (name: string) => Promise<ArrayBuffer>) => Promise<string>;
  /** Only time the sequence (no units/s), e.g. a correctness-only case. */
  checkOnly?: boolean;
}

function philoxWordsCase(): BenchCase {
  const count = 4096;
  const key: [number, number] = [0x1234abcd, 0x9e3779b9];
  return {
    name: 'philox words vs JS reference',
    plan: philoxWordsPlan(count, key),
    sequence: 'words',
    unitsPerRun: count,
    unit: 'counters',
    checkOnly: true,
    check: async (read) => {
      const words = new Uint32Array(await read('words'));
      for (let i = 0; i < count; i++) {
        const expected = philox4x32([i, 0, 0, 0], key);
        for (let w = 0; w < 4; w++)
          if (words[4 * i + w] !== expected[w])
            throw new Error(`philox word ${w} of counter ${i}: GPU ${words[4 * i + w]} ≠ JS ${expected[w]}`);
      }
      return `all ${count * 4} words equal the JS reference`;
    },
  };
}

function philoxWalkCase(count: number): BenchCase {
  return {
    name: `normal noise, ${count.toLocaleString('en')} particles`,
    plan: philoxWalkPlan(count, 7),
    sequence: 'step',
    unitsPerRun: count,
    unit: 'particle-steps',
    check: async (read) => {
      // After s steps each x is a sum of s independent N(0, 1): mean 0, variance s.
      const x = new Float32Array(await read('x'));
      const steps = new Uint32Array(await read('step'))[0];
      let sum = 0;
      let sumSq = 0;
      for (const v of x) {
        sum += v;
        sumSq += v * v;
      }
      const variance = sumSq / x.length - (sum / x.length) ** 2;
      const ratio = variance / steps;
      if (!(Math.abs(ratio - 1) < 0.05)) throw new Error(`walk variance / steps = ${ratio}, expected 1`);
      return `variance/steps = ${ratio.toFixed(4)} after ${steps} steps`;
    },
  };
}

/** One fused training step per run, batches drawn on the GPU; the check reads the loss ring. */
function trainingCase(options: TrainingBenchOptions): BenchCase {
  const bench = trainingBenchPlan({ lossSlots: 1 << 16, ...options });
  const { width, depth, batch } = options;
  return {
    name: `training ${options.objective ?? 'ncsn'} ${width}×${depth} batch ${batch}`,
    plan: bench.plan,
    sequence: bench.sequence,
    unitsPerRun: bench.unitsPerRun,
    unit: 'training steps',
    check: bench.check,
  };
}

/** STEPS_PER_RUN sampler steps for every particle per run; the check reads the particles back. */
function samplingCase(options: SamplingBenchOptions): BenchCase {
  const bench = samplingBenchPlan(options);
  const net = options.score === 'learned' ? ` (${options.width ?? 64}×${options.depth ?? 2} network)` : '';
  return {
    name: `sampling ${options.sampler}, ${options.score} score${net}, ${options.n.toLocaleString('en')} particles`,
    plan: bench.plan,
    sequence: bench.sequence,
    unitsPerRun: bench.unitsPerRun,
    unit: 'particle-steps',
    check: async (read) => {
      const outputs: Record<string, ArrayBuffer> = {};
      for (const name of bench.readBack) outputs[name] = await read(name);
      const verdict = bench.check(outputs);
      if (!verdict.ok) throw new Error(verdict.message);
      return verdict.message;
    },
  };
}

export function benchCases(): BenchCase[] {
  return [
    philoxWordsCase(),
    philoxWalkCase(100_000),
    philoxWalkCase(1_000_000),
    // The train page's default shape, each objective whose batches the GPU draws, then the largest shape allowed.
    trainingCase({ objective: 'ncsn', width: 64, depth: 2, batch: 512 }),
    trainingCase({ objective: 'dsm', width: 64, depth: 2, batch: 512 }),
    trainingCase({ objective: 'esm', width: 64, depth: 2, batch: 512 }),
    trainingCase({ objective: 'ncsn', width: 256, depth: 4, batch: 4096 }),
    // Exact score at 10⁶ particles (the 60 fps target), learned score at 10⁵.
    ...(['langevin', 'annealed', 'ancestral', 'sde', 'ode'] as const).map((sampler) =>
      samplingCase({ sampler, score: 'exact', n: 1_000_000, seed: 1 }),
    ),
    samplingCase({ sampler: 'annealed', score: 'learned', n: 100_000, seed: 1 }),
    samplingCase({ sampler: 'ode', score: 'learned', n: 100_000, seed: 1 }),
    samplingCase({ sampler: 'annealed', score: 'learned', n: 1_000_000, seed: 1 }),
    // The predictor–corrector (its corrector's batch-wide norms) and flow matching's ODE, exact and learned.
    samplingCase({ sampler: 'pc', score: 'exact', n: 1_000_000, seed: 1 }),
    samplingCase({ sampler: 'flow-heun', score: 'exact', n: 1_000_000, seed: 1 }),
    samplingCase({ sampler: 'pc', score: 'learned', n: 100_000, seed: 1 }),
    samplingCase({ sampler: 'flow-heun', score: 'learned', n: 100_000, seed: 1 }),
  ];
}
