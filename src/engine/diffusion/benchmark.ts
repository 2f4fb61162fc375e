/**
 * W1 to the data against the number of sampling steps, for each sampler on the exact score (the issue's
 * benchmark table). With the exact score every bit of the error is the sampler's: discretisation, the prior
 * mismatch at t = 1, and the end time — plus the sampling noise floor of n particles (SCIENCE.md §8).
 */
import { modeWeights, wasserstein1 } from '../metrics';
import { sampleMixture, type Mixture } from '../mixture';
import { createRng } from '../rng';
import { buildSchedule } from '../schedules/schedule';
import { discreteProcess, veProcess, vpProcess, type DiffusionProcess } from './process';
import { DiffusionRun, type SamplerSpec } from './run';
import { exactProcessScore } from './score';
import { monotonicClock } from '../clock';

export interface BenchmarkSampler {
  /** Stable key, e.g. "ddpm-ancestral". */
  id: string;
  label: string;
  process: DiffusionProcess;
  sampler: SamplerSpec;
}

/** The samplers of the issue, each on the process it is usually paired with. */
export function standardSamplers(): BenchmarkSampler[] {
  const ddpm = discreteProcess(buildSchedule('linear', 1000));
  const vp = vpProcess();
  const ve = veProcess();
  return [
    {
      id: 'ddpm-ancestral',
      label: 'DDPM ancestral, β̃ (linear, T = 1000)',
      process: ddpm,
      sampler: { kind: 'ancestral', variance: 'betaTilde' },
    },
    {
      id: 'ddpm-ancestral-beta',
      label: 'DDPM ancestral, β (linear, T = 1000)',
      process: ddpm,
      sampler: { kind: 'ancestral', variance: 'beta' },
    },
    { id: 'vp-sde', label: 'VP reverse SDE, Euler–Maruyama', process: vp, sampler: { kind: 'sde' } },
    { id: 've-sde', label: 'VE reverse SDE, Euler–Maruyama', process: ve, sampler: { kind: 'sde' } },
    {
      id: 'vp-ode-euler',
      label: 'VP probability-flow ODE, Euler',
      process: vp,
      sampler: { kind: 'ode', solver: 'euler' },
    },
    {
      id: 'vp-ode-heun',
      label: 'VP probability-flow ODE, Heun',
      process: vp,
      sampler: { kind: 'ode', solver: 'heun' },
    },
    {
      id: 've-ode-heun',
      label: 'VE probability-flow ODE, Heun',
      process: ve,
      sampler: { kind: 'ode', solver: 'heun' },
    },
    {
      id: 'vp-pc',
      label: 'VP predictor–corrector (ancestral + 1 Langevin, r = 0.16)',
      process: vp,
      sampler: { kind: 'pc' },
    },
    {
      id: 've-pc',
      label: 'VE predictor–corrector (ancestral + 1 Langevin, r = 0.16)',
      process: ve,
      sampler: { kind: 'pc' },
    },
  ];
}

export const BENCHMARK_STEPS = [10, 20, 50, 100, 1000] as const;

export interface BenchmarkRow {
  id: string;
  label: string;
  steps: number;
  w1: number;
  modeWeights: number[];
  /** Batch score evaluations (Heun and PC use about two per step). */
  scoreEvaluations: number;
  /** Wall time of the sampling alone, in milliseconds. */
  ms: number;
}

export interface BenchmarkOptions {
  mixture: Mixture;
  n?: number;
  seed?: number;
  steps?: readonly number[];
  samplers?: BenchmarkSampler[];
  /** Called after each row (progress reports). */
  onRow?: (row: BenchmarkRow) => void;
}

/** One row per sampler and step count, all from the same seed (so every sampler starts from the same noise). */
export function w1VsSteps(options: BenchmarkOptions): BenchmarkRow[] {
  const n = options.n ?? 10_000;
  const seed = options.seed ?? 1;
  const rows: BenchmarkRow[] = [];
  for (const entry of options.samplers ?? standardSamplers()) {
    const score = exactProcessScore(options.mixture, entry.process);
    for (const steps of options.steps ?? BENCHMARK_STEPS) {
      const begin = monotonicClock();
      const run = new DiffusionRun({
        process: entry.process,
        score,
        sampler: entry.sampler,
        steps,
        n,
        seed,
        tracks: 0,
      });
      const samples = run.run();
      const ms = monotonicClock() - begin;
      const row: BenchmarkRow = {
        id: entry.id,
        label: entry.label,
        steps: run.totalSteps,
        w1: wasserstein1(samples, options.mixture),
        modeWeights: modeWeights(samples, options.mixture),
        scoreEvaluations: run.scoreEvaluations,
        ms,
      };
      rows.push(row);
      options.onRow?.(row);
    }
  }
  return rows;
}

/**
 * The noise floor the table should be read against: W1 of n exact draws from the mixture, for `seeds`
 * seeds (sorted). No sampler can be expected to beat it; at n = 10⁴ on the default mixture it spans
 * about 0.007–0.044 (median 0.013), mostly the mode weights' own sampling error.
 */
export function exactSampleW1(mixture: Mixture, n = 10_000, seeds = 10): number[] {
  const out: number[] = [];
  for (let seed = 1; seed <= seeds; seed++)
    out.push(wasserstein1(sampleMixture(mixture, n, createRng(seed)), mixture));
  return out.sort((a, b) => a - b);
}
