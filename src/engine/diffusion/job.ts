/**
 * One sampling job of the diffusion page, as plain data in and plain data out, run to the end in chunks with
 * progress and cancellation. The page's own worker runs it on the exact score (DiffusionRun, plain TS); the
 * sampler worker runs it on the learned ε-model (AsyncDiffusionRun, awaiting the network). Both return the same
 * result: only what the page draws (a histogram, a few dozen paths) and the metrics of CONTRACT.md, never the
 * particles themselves.
 */
import { mixtureStd, type Component } from '../mixture';
import { summarizeSamples, type SampleSummary } from '../metrics';
import { histogram, histogramView, type HistogramView } from '../sampling/histogram';
import {
  DiffusionRun,
  exactProcessScore,
  type DiffusionProcess,
  type SamplerSpec,
  type Trajectories,
} from './index';
import { AsyncDiffusionRun, type AsyncTimeScore } from './asyncRun';
import { buildProcess, type ProcessSpec } from './processSpec';
import { monotonicClock } from '../clock';
import { frameOf, frameStride, keepsFrame, trackIndices, type PlaybackFrame } from './playback';
import { AsyncFlowRun, FlowRun, exactVelocity } from '../flow';

export interface DiffusionJob {
  process: ProcessSpec;
  sampler: SamplerSpec;
  steps: number;
  n: number;
  seed: number;
  mixture: Component[];
  /** Particles whose paths come back. */
  tracks: number;
  /** The histogram's range and bins. */
  range: [number, number];
  bins: number;
  /**
   * Also keep playback frames (playback.ts) at the steps a playback run of the same settings keeps them, so a
   * learned run computed at full speed can be shown beside the exact one frame by frame. Default false.
   */
  frames?: boolean;
}

export interface JobProgress {
  step: number;
  totalSteps: number;
  /** Time the particles have reached. */
  t: number;
}

export interface JobResult {
  /** Steps taken (equal to totalSteps unless the run diverged). */
  step: number;
  totalSteps: number;
  n: number;
  histogram: HistogramView;
  /** Tracked paths: times decreasing from 1, positions record-major. */
  paths: { times: number[]; positions: number[]; tracks: number };
  /** Null when a particle blew up mid-run (no metric of a non-finite sample means anything). */
  summary: SampleSummary | null;
  /** Why the run was stopped, or null. */
  diverged: string | null;
  scoreEvaluations: number;
  seconds: number;
  particleStepsPerSec: number;
  /** The kept frames, when the job asked for them. */
  frames?: PlaybackFrame[];
}

/** A particle beyond this magnitude has left any sensible range (the data lie within tens of units of 0). */
export const BLOW_UP = 1e6;
/** Final samples with a std this many times the data's are reported as a diverged run. */
export const SPREAD_LIMIT = 10;

/**
 * What a job's runner offers (DiffusionRun and AsyncDiffusionRun, the two drivers of one ReverseRun, fit it as they
 * are; so does the fused WebGPU run, engine/tf/fused/diffusionRun.ts).
 */
export interface JobRunner {
  step(count: number): boolean | Promise<boolean>;
  readonly particles: Float64Array;
  readonly totalSteps: number;
  readonly stepIndex: number;
  readonly time: number;
  readonly scoreEvaluations: number;
  trajectories(): Trajectories;
  /**
   * Why the run stopped early, for a runner that detects a blow-up itself (the fused run stops a particle before
   * it passes BLOW_UP, so its particles never show it); null or absent otherwise.
   */
  readonly failure?: string | null;
}

export interface JobHooks {
  onProgress?: (p: JobProgress) => void;
  /** Polled between chunks; true stops the job (it then resolves with null). */
  cancelled?: () => boolean;
  /** Gives other tasks a turn between chunks (default: a resolved promise, i.e. none). */
  yieldTurn?: () => Promise<void>;
}

const CHUNK_MS = 25;
const PROGRESS_MS = 100;

function blowUp(xs: Float64Array): number {
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (!(Math.abs(v) < BLOW_UP)) return i;
  }
  return -1;
}

function runnerFor(job: DiffusionJob, process: DiffusionProcess, score?: AsyncTimeScore): JobRunner {
  if (process.family === 'fm') return flowRunnerFor(job, score);
  const common = {
    process,
    sampler: job.sampler,
    steps: job.steps,
    n: job.n,
    seed: job.seed,
    tracks: job.tracks,
    maxRecords: 400,
  };
  return score
    ? new AsyncDiffusionRun({ ...common, score })
    : new DiffusionRun({ ...common, score: exactProcessScore(job.mixture, process) });
}

/**
 * Flow matching integrates its velocity, not a score (engine/flow): the exact marginal velocity, or the given
 * asynchronous field, which for sde = fm is a velocity network's v_θ(x, t). Its only sampler is the ODE.
 */
function flowRunnerFor(job: DiffusionJob, velocity?: AsyncTimeScore): JobRunner {
  const options = {
    solver: job.sampler.kind === 'ode' ? (job.sampler.solver ?? 'heun') : 'heun',
    steps: job.steps,
    n: job.n,
    seed: job.seed,
    tracks: job.tracks,
    maxRecords: 400,
  };
  return velocity ? new AsyncFlowRun(options, velocity) : new FlowRun(options, exactVelocity(job.mixture));
}

/**
 * Runs a job to its end on the exact score (no `score`) or on the given asynchronous (learned) score.
 * Chunks adapt to ~25 ms so progress and cancellation are seen; a particle that stops being finite or passes
 * BLOW_UP ends the run with a reason instead of metrics.
 */
export async function runDiffusionJob(
  job: DiffusionJob,
  hooks: JobHooks = {},
  score?: AsyncTimeScore,
): Promise<JobResult | null> {
  // async, so a job that cannot be built (an unknown process) rejects the promise rather than throwing at the caller.
  return driveDiffusionJob(job, runnerFor(job, buildProcess(job.process), score), hooks);
}

/** Runs a job on the given runner (set up for `job`): the chunking, frames, checks and result of runDiffusionJob. */
export async function driveDiffusionJob(
  job: DiffusionJob,
  run: JobRunner,
  hooks: JobHooks = {},
): Promise<JobResult | null> {
  const process = buildProcess(job.process);
  const started = monotonicClock();
  const stride = frameStride(run.totalSteps);
  const layout = { range: job.range, bins: job.bins, tracks: trackIndices(job.n, job.tracks) };
  const frames: PlaybackFrame[] | undefined = job.frames
    ? [frameOf(run, job.mixture, process, layout)]
    : undefined;
  let chunk = 1;
  let lastProgress = -Infinity;
  let diverged: string | null = null;
  while (run.stepIndex < run.totalSteps) {
    if (hooks.cancelled?.()) return null;
    const begin = monotonicClock();
    // With frames, a chunk ends at the next kept step, where the frame is taken.
    const toFrame = stride - (run.stepIndex % stride);
    await run.step(frames ? Math.min(chunk, toFrame) : chunk);
    if (frames && keepsFrame(run.stepIndex, run.totalSteps, stride))
      frames.push(frameOf(run, job.mixture, process, layout));
    const ms = monotonicClock() - begin;
    chunk = Math.max(1, Math.min(4 * chunk, Math.round((chunk * CHUNK_MS) / Math.max(ms, 0.5))));
    if (run.failure) {
      diverged = run.failure;
      break;
    }
    const bad = blowUp(run.particles);
    if (bad >= 0) {
      const v = run.particles[bad];
      diverged =
        `A particle ${Number.isFinite(v) ? `reached |x| = ${v.toExponential(1)}` : 'stopped being a finite number'} ` +
        `at step ${run.stepIndex} of ${run.totalSteps} (t = ${run.time.toPrecision(3)}): this sampler is unstable at ` +
        `this step count. Use more steps or another sampler.`;
      break;
    }
    const now = monotonicClock();
    if (now - lastProgress >= PROGRESS_MS) {
      lastProgress = now;
      hooks.onProgress?.({ step: run.stepIndex, totalSteps: run.totalSteps, t: run.time });
    }
    await hooks.yieldTurn?.();
  }
  const seconds = (monotonicClock() - started) / 1000;
  const xs = run.particles;
  const summary = diverged ? null : summarizeSamples(xs, job.mixture);
  if (summary && summary.std > SPREAD_LIMIT * Math.max(mixtureStd(job.mixture), 0.1)) {
    // Finite, but spread far wider than the data: the sampler amplified its own error (e.g. Euler–Maruyama
    // taking 10 steps down a VE ladder spanning σ = 0.01…50). The metrics stay, so the damage can be read.
    diverged =
      `The samples came out with std ${summary.std.toPrecision(3)}, ${Math.round(summary.std / mixtureStd(job.mixture))}× the data's: ` +
      `this sampler is unstable at this step count. Use more steps or another sampler.`;
  }
  const h = histogram(xs, { lo: job.range[0], hi: job.range[1], bins: job.bins });
  const traj = run.trajectories();
  const positions = Array.from(traj.positions, (v) => (Number.isFinite(v) ? v : 0));
  return {
    step: run.stepIndex,
    totalSteps: run.totalSteps,
    n: xs.length,
    histogram: histogramView(h),
    paths: { times: traj.times, positions, tracks: traj.tracks },
    summary,
    diverged,
    scoreEvaluations: run.scoreEvaluations,
    seconds,
    particleStepsPerSec: seconds > 0 ? (xs.length * run.stepIndex) / seconds : 0,
    ...(frames ? { frames } : {}),
  };
}
