/**
 * The diffusion page's reverse samplers on a learned ε-model, on the fused WGSL kernels (engine/gpu/sampler*.ts):
 * one dispatch moves every particle through a chunk of steps, with the network's score −ε_θ(c_in x, log λ)/s(t)
 * and the Philox step noise evaluated inside the kernel. It is a JobRunner (diffusion/job.ts), so the job driver
 * (chunking, playback frames, the divergence and spread checks, the histogram and the metrics) is the one the
 * tensor path uses, and the result has the same shape.
 *
 * What crosses the bus: per chunk, the two flag words (did a particle leave |x| < BLOW_UP) and the tracked
 * particles' records; all n positions only where the caller reads them (`readAt`: the job's playback frames) and
 * at the end, where the histogram, W1 and KS need every particle.
 *
 * Same start as the tensor path: the n initial positions are the same draws from the prior (same seed, same
 * stream), so a learned run starts where the exact-score run of the same settings starts. The step noise is
 * Philox on (noise seed, particle, step), not the CPU's stream, so stochastic samplers (ancestral, reverse SDE)
 * follow other noise than the tensor path's, and agree with it in distribution only; the ODE samplers add no
 * noise and agree with it up to f32 rounding. A seed gives the same run on one device however it is chunked.
 */
import { runSeeds } from '../../sampling/seeds';
import {
  BLOW_UP,
  driveDiffusionJob,
  type DiffusionJob,
  type JobHooks,
  type JobResult,
  type JobRunner,
} from '../../diffusion/job';
import { buildProcess } from '../../diffusion/processSpec';
import { frameStride, keepsFrame } from '../../diffusion/playback';
import { fusedSampler } from './diffusionJobs';
import type { DiffusionProcess } from '../../diffusion/process';
import { startPositions, TrackedRun } from '../../diffusion/trackedRun';
import type { Mixture } from '../../mixture';
import { flattenParams, MAX_GPU_WIDTH } from '../../gpu/network';
import { buildSamplerPlan, FLAGS_CLEAR, stepParams } from '../../gpu/samplerPlan';
import { diffusionRows, packRows, type FusedDiffusionSampler, type StepRow } from '../../gpu/samplerSchedule';
import type { StepField } from '../../gpu/samplerKernels';
import { PlanRunner } from './planRunner';
import { checkedCreate } from './checkedCreate';
import { SAMPLER_STREAM } from './samplerRun';

/** Record slots per dispatch: a chunk is cut so that its tracked records fit. */
const MAX_RECORDS = 64;

export interface FusedEpsNet {
  width: number;
  depth: number;
  /** The network's parameter arrays in paramLayout order (a model file's, or a trainer's). */
  params: readonly { values: ArrayLike<number> }[];
}

export interface FusedDiffusionOptions {
  process: DiffusionProcess;
  sampler: FusedDiffusionSampler;
  steps: number;
  n: number;
  seed: number;
  /** Initial positions (repeated when shorter than n); default n draws from the prior, as ReverseRun. */
  start?: ArrayLike<number>;
  /** Tracked particles, and records kept of their paths (the initial and final ones always are). */
  tracks: number;
  maxRecords: number;
  net: FusedEpsNet;
  /** Any mixture: the plan's metrics pass wants one, the run never reads it back. */
  mixture: Mixture;
  /** After which steps to copy all positions back (always at the end); default none before it. */
  readAt?: (step: number, totalSteps: number) => boolean;
}

/** The score evaluations one row costs: two for a Heun step, one otherwise (as the tensor path counts them). */
function evaluationsOf(row: StepRow): number {
  return row.heun ? 2 : 1;
}

export class FusedDiffusionRun extends TrackedRun implements JobRunner {
  readonly engine = 'fused' as const;
  failure: string | null = null;
  private readonly rows: StepRow[];
  private readonly runner: PlanRunner;
  private readonly key: [number, number];
  /** TrackedRun's tracked indices, i_j = ⌊(j + ½) n / m⌋: the kernel's trackSlot inverts exactly this formula. */
  private readonly tracked: Int32Array;
  /** TrackedRun's record period. */
  private readonly period: number;
  private readonly readAt: (step: number, totalSteps: number) => boolean;

  constructor(device: GPUDevice, options: FusedDiffusionOptions) {
    const { process, net } = options;
    const seeds = runSeeds(options.seed);
    super(process.grid(options.steps), startPositions(options, process.priorStd, seeds.init), options);
    if (net.width > MAX_GPU_WIDTH || net.depth < 1)
      throw new Error(`the fused kernels take width ≤ ${MAX_GPU_WIDTH} and depth ≥ 1`);
    this.tracked = Int32Array.from(this.trajectories().indices);
    this.period = Math.max(1, Math.ceil(this.totalSteps / Math.max(1, options.maxRecords)));
    this.key = [seeds.noiseSeed >>> 0, SAMPLER_STREAM];
    this.readAt = options.readAt ?? (() => false);
    this.rows = diffusionRows(process, options.sampler, options.steps);
    const shape = { width: net.width, depth: net.depth };
    this.runner = new PlanRunner(
      device,
      buildSamplerPlan({
        score: { kind: 'learned', ...shape },
        mixture: options.mixture,
        net: flattenParams(shape, net.params),
        schedule: packRows(this.rows),
        initial: Float32Array.from(this.x),
        trackCount: this.tracked.length,
        weightStride: 0,
        maxRecords: MAX_RECORDS,
        maxGather: 1,
      }),
    );
  }

  /** Waits for the device to compile and allocate everything, and throws what it reported (for the fallback). */
  static create(device: GPUDevice, options: FusedDiffusionOptions): Promise<FusedDiffusionRun> {
    return checkedCreate(device, 'the fused diffusion sampler', () => new FusedDiffusionRun(device, options));
  }

  private params(fields: Partial<Record<StepField, number>>): Uint32Array {
    return stepParams({
      n: this.x.length,
      row0: this.stepIndex,
      rowStride: 1,
      key0: this.key[0],
      key1: this.key[1],
      commit: 1,
      bound: BLOW_UP,
      trackEvery: this.period,
      trackCount: this.tracked.length,
      maxRecords: MAX_RECORDS,
      ...fields,
    });
  }

  /**
   * Up to `count` steps in one dispatch (fewer where the tracked records would not fit); resolves with whether the
   * run is done. A particle whose next position is not finite or leaves |x| < BLOW_UP stops the run: the chunk is
   * replayed from its start up to the step before (the counter-based noise makes the replay exact), and
   * `failure` says where.
   */
  async step(count = 1): Promise<boolean> {
    const first = this.stepIndex;
    const every = this.period;
    const k = Math.min(count, this.totalSteps - first, (MAX_RECORDS - 1) * every);
    if (k <= 0 || this.failure) return this.done;
    const trackBase = Math.ceil((first + 1) / every);
    const fields = { step0: first, row0: first, trackBase };
    this.runner.write('flags', FLAGS_CLEAR);
    this.runner.write('stepParams', this.params({ ...fields, count: k }));
    this.runner.run('backup');
    this.runner.run('step');
    const flags = new Uint32Array(await this.runner.read('flags'));
    let committed = k;
    if (flags[0] !== FLAGS_CLEAR[0]) {
      committed = flags[0] - 1 - first;
      this.runner.run('restore');
      if (committed > 0) {
        this.runner.write('stepParams', this.params({ ...fields, count: committed }));
        this.runner.run('step');
      }
      const failed = first + committed + 1;
      this.failure =
        `A particle left |x| < ${BLOW_UP.toExponential(0)} or stopped being a finite number at step ${failed} of ` +
        `${this.totalSteps} (t = ${this.times[failed - 1].toPrecision(3)}): this sampler is unstable at this step ` +
        `count. Use more steps or another sampler.`;
    }
    const last = first + committed;
    const m = this.tracked.length;
    const slots = Math.floor(last / every) - trackBase + 1;
    const records = slots > 0 && m > 0 ? new Float32Array(await this.runner.read('records')) : null;
    // All positions where the caller reads them, at the end, and where a failure stops the run.
    const readAll = last === this.totalSteps || this.failure !== null || this.readAt(last, this.totalSteps);
    if (readAll && last === first) this.x.set(new Float32Array(await this.runner.read('xs')));
    // TrackedRun's bookkeeping step by step: the tracked positions come from the kernel's records at multiples of
    // the period (the other positions are stale until the next full read), all of them at the chunk's end.
    for (let s = first + 1; s <= last; s++) {
      if (s === last && readAll) this.x.set(new Float32Array(await this.runner.read('xs')));
      else if (records && s % every === 0) {
        const r = s / every - trackBase;
        for (let j = 0; j < m; j++) this.x[this.tracked[j]] = records[r * m + j];
      }
      this.evaluations += evaluationsOf(this.rows[s - 1]);
      this.finishStep();
    }
    return this.done;
  }

  dispose(): void {
    this.runner.dispose();
  }
}

/**
 * A diffusion job on the fused kernels with the ε-model `net` (trained on the job's process: the caller checks, as
 * learnedJob.ts does for the tensor path). Throws when the job has no fused rows or the device refuses the plan.
 */
export async function runFusedDiffusionJob(
  device: GPUDevice,
  job: DiffusionJob,
  net: FusedEpsNet,
  hooks: JobHooks = {},
): Promise<JobResult | null> {
  const sampler = fusedSampler(job.sampler);
  if (!sampler || job.process.sde === 'fm')
    throw new Error(`the fused kernels have no ${job.sampler.kind} sampler`);
  const run = await FusedDiffusionRun.create(device, {
    process: buildProcess(job.process),
    sampler,
    steps: job.steps,
    n: job.n,
    seed: job.seed,
    tracks: job.tracks,
    // As the tensor path's runner (job.ts), so the paths have the same records.
    maxRecords: 400,
    net,
    mixture: job.mixture,
    // The playback frames need every position at each kept step.
    readAt: job.frames ? (step, total) => keepsFrame(step, total, frameStride(total)) : undefined,
  });
  try {
    return await driveDiffusionJob(job, run, hooks);
  } finally {
    run.dispose();
  }
}
