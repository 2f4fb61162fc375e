/**
 * What the GPU harness measures and checks: each case builds a GpuPlan from the app's own WGSL builders, names the
 * sequence to time and what one run of it does, and optionally checks what it computed.
 */
import { philox4x32 } from '../../src/engine/gpu/philox';
import { philoxWalkPlan, philoxWordsPlan } from '../../src/engine/gpu/philoxPlan';
import type { GpuPlan } from '../../src/engine/gpu/plan';

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

export function benchCases(): BenchCase[] {
  return [philoxWordsCase(), philoxWalkCase(100_000), philoxWalkCase(1_000_000)];
}
