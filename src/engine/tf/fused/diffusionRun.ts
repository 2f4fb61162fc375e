/**
 * The diffusion page's samplers on a learned network, on the fused WGSL kernels (engine/gpu/sampler*.ts): one
 * dispatch moves every particle through a chunk of steps, with the network's score −ε_θ(c_in x, log λ)/s(t) (or,
 * for flow matching, its velocity v_θ(c_in x, log λ)) and the Philox step noise evaluated inside the kernel. The
 * predictor–corrector adds its corrector passes after each predictor step (pcKernels.ts, through samplerRun.ts's
 * runDiffusionChunk, which also keeps the divergence replay). It is a JobRunner (diffusion/job.ts), so the job driver
 * (chunking, playback frames, the divergence and spread checks, the histogram and the metrics) is the one the
 * tensor path uses, and the result has the same shape.
 *
 * What crosses the bus: per chunk, the two flag words (did a particle leave |x| < BLOW_UP) and the tracked
 * particles' records; all n positions only where the caller reads them (`readAt`: the job's playback frames) and
 * at the end, where the histogram, W1 and KS need every particle.
 *
 * Same start as the tensor path: the n initial positions are the same draws from the prior (same seed, same
 * stream), so a learned run starts where the exact-score run of the same settings starts. The step noise is
 * Philox on (noise seed, particle, step), not the CPU's stream, so stochastic samplers (ancestral, reverse SDE, predictor–corrector)
 * follow other noise than the tensor path's, and agree with it in distribution only; the ODE samplers (and flow
 * matching's) add no noise and agree with it up to f32 rounding. A seed gives the same run on one device however it is chunked.
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
import { fusedDiffusionSampler, fusedFieldKind } from '../../gpu/diffusionSupport';
import { flowRows } from '../../gpu/flowSchedule';
import { correctorRows, packCorrectorRows } from '../../gpu/pcSchedule';
import { flowGrid } from '../../flow/ode';
import type { DiffusionProcess } from '../../diffusion/process';
import { startPositions, TrackedRun } from '../../diffusion/trackedRun';
import type { Mixture } from '../../mixture';
import { flattenParams, MAX_GPU_WIDTH } from '../../gpu/network';
import { buildSamplerPlan } from '../../gpu/samplerPlan';
import { diffusionRows, packRows, type FusedDiffusionSampler, type StepRow } from '../../gpu/samplerSchedule';
import { PlanRunner } from './planRunner';
import { checkedCreate } from './checkedCreate';
import { runDiffusionChunk, SAMPLER_STREAM, type DiffusionChunkOptions } from './samplerRun';

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

/**
 * The network evaluations one step costs, as the tensor path counts them: two for a Heun step, one otherwise, plus
 * the predictor–corrector's M corrector evaluations after the steps where its corrector runs.
 */
function evaluationsOf(row: StepRow, corrector: number): number {
  return (row.heun ? 2 : 1) + corrector;
}

export class FusedDiffusionRun extends TrackedRun implements JobRunner {
  readonly engine = 'fused' as const;
  failure: string | null = null;
  private readonly rows: StepRow[];
  /** Corrector evaluations after each predictor step (0 where none runs, and for every other sampler). */
  private readonly correctorCost: number[];
  private readonly corrector: DiffusionChunkOptions['corrector'];
  private readonly runner: PlanRunner;
  private readonly key: [number, number];
  /** TrackedRun's tracked indices, i_j = ⌊(j + ½) n / m⌋: the kernel's trackSlot inverts exactly this formula. */
  private readonly tracked: Int32Array;
  /** TrackedRun's record period. */
  private readonly period: number;
  private readonly readAt: (step: number, totalSteps: number) => boolean;

  constructor(device: GPUDevice, options: FusedDiffusionOptions) {
    const { process, net, sampler } = options;
    const seeds = runSeeds(options.seed);
    // Flow matching runs on FlowRun's grid from N(0, 1) at t = 1 (flow/run.ts), the others on the process's grid.
    const flow = sampler.kind === 'flow';
    const times = flow ? flowGrid(options.steps) : process.grid(options.steps);
    super(times, startPositions(options, flow ? 1 : process.priorStd, seeds.init), options);
    if (net.width > MAX_GPU_WIDTH || net.depth < 1)
      throw new Error(`the fused kernels take width ≤ ${MAX_GPU_WIDTH} and depth ≥ 1`);
    this.tracked = Int32Array.from(this.trajectories().indices);
    this.period = Math.max(1, Math.ceil(this.totalSteps / Math.max(1, options.maxRecords)));
    this.key = [seeds.noiseSeed >>> 0, SAMPLER_STREAM];
    this.readAt = options.readAt ?? (() => false);
    this.rows = flow
      ? flowRows(sampler.solver ?? 'heun', options.steps)
      : diffusionRows(process, sampler, options.steps);
    const pc = sampler.kind === 'pc' ? correctorRows(process, options.steps, sampler.snr) : null;
    const m = sampler.kind === 'pc' ? (sampler.correctorSteps ?? 1) : 0;
    this.correctorCost = this.rows.map((_, k) => (pc?.[k].active ? m : 0));
    this.corrector = pc ? { steps: m, key: this.key, bound: BLOW_UP } : undefined;
    const shape = { width: net.width, depth: net.depth };
    this.runner = new PlanRunner(
      device,
      buildSamplerPlan({
        score: fusedFieldKind(sampler, shape),
        corrector: pc ? { rows: packCorrectorRows(pc) } : undefined,
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

  /**
   * Up to `count` steps in one chunk (fewer where the tracked records would not fit); resolves with whether the
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
    const fields = {
      n: this.x.length,
      key0: this.key[0],
      key1: this.key[1],
      bound: BLOW_UP,
      trackEvery: every,
      trackBase,
      trackCount: this.tracked.length,
      maxRecords: MAX_RECORDS,
    };
    const { committed } = await runDiffusionChunk(
      this.runner,
      { fields, corrector: this.corrector },
      first,
      k,
    );
    if (committed < k) {
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
      this.evaluations += evaluationsOf(this.rows[s - 1], this.correctorCost[s - 1]);
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
  const sampler = fusedDiffusionSampler(job);
  if (!sampler) throw new Error(`the fused kernels have no ${job.sampler.kind} sampler for this job`);
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
