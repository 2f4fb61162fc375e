/**
 * Langevin and annealed Langevin on the fused WGSL kernels (engine/gpu/sampler*.ts) behind the ParticleRun
 * interface, so the sampler worker can swap it for the tensor run without the page noticing.
 *
 * Per chunk of k steps (within one level): one backup copy and ONE step dispatch (each thread loops the k steps of
 * its particle: score in-kernel, Philox noise in-kernel), then one small readback of the flags and of the records
 * the chunk wrote (tracked paths, weight-sample positions). Histograms are counted on the GPU with atomics and only
 * the counts come back; subsamples are gathered on the GPU. Nothing else crosses the bus.
 *
 * The same seed split as the JS and tensor engines gives identical initial particles; the step noise is Philox on
 * (noise seed, particle, step), so a run is bit-for-bit the same on one device however it is chunked.
 *
 * For the reverse-time samplers (a plan of diffusionRows, with a corrector for the predictor–corrector),
 * queueDiffusionSteps and runDiffusionChunk below run steps by row index with the same divergence rule.
 */
import { keptComponents } from '../../gpu/mixture';
import {
  explainGenericDivergence,
  runSeeds,
  type ExplainDivergence,
  type Histogram,
  type HistogramRange,
  type SamplerLevel,
} from '../../sampling';
import { ChunkedParticleRun, initialParticles } from '../sampling/chunkedRun';
import { WEIGHT_SAMPLE, type RunPlan } from '../../sampling/plan';
import {
  buildSamplerPlan,
  FLAGS_CLEAR,
  histParams,
  MAX_BINS,
  reduceMetrics,
  stepParams,
  weightCountFor,
  type MetricSums,
} from '../../gpu/samplerPlan';
import { flattenParams } from '../../gpu/network';
import { langevinRows, packRows } from '../../gpu/samplerSchedule';
import { pcParams, PC_STATE_CLEAR } from '../../gpu/pcSchedule';
import type { ScoreKind, StepField } from '../../gpu/samplerKernels';
import { trainingSigmas, type TrainConfig } from '../../training/config';
import { PlanRunner } from './planRunner';

/** The second Philox key word of the samplers' step noise (the first is the run's noise seed). */
export const SAMPLER_STREAM = 0x53414d50;
const MAX_RECORDS = 64;
const GATHER_MAX = 10_000;
const CHUNK_TARGET_MS = 30;
const MAX_CHUNK = 1024;

export type FusedScore =
  | { kind: 'exact' }
  | { kind: 'learned'; config: TrainConfig; params: readonly { values: ArrayLike<number> }[] };

/** learnedScore.ts's rule: an NCSN with several levels takes the σ asked for, anything else its σ_min. */
export function learnedSigmaRule(config: TrainConfig): (sigma: number | undefined) => number {
  const sigmas = trainingSigmas(config);
  const sigmaMin = Math.min(...sigmas);
  const conditional = config.objective === 'ncsn' && sigmas.length > 1;
  return (sigma) => (conditional && sigma !== undefined && sigma > 0 ? sigma : sigmaMin);
}

export class FusedParticleRun extends ChunkedParticleRun {
  readonly engine = 'fused' as const;
  readonly sigmaUsed: (sigma: number | undefined) => number | undefined;
  private readonly runner: PlanRunner;
  private readonly key: [number, number];
  private readonly trackCount: number;
  private readonly weightStride: number;
  private readonly weightCount: number;

  constructor(
    device: GPUDevice,
    plan: RunPlan,
    score: FusedScore,
    private readonly bound = 1e6,
    private readonly explain: ExplainDivergence = explainGenericDivergence,
  ) {
    const xs = initialParticles(plan);
    super(plan, xs, { targetMs: CHUNK_TARGET_MS, maxChunk: MAX_CHUNK });
    this.key = [runSeeds(plan.spec.seed).noiseSeed >>> 0, SAMPLER_STREAM];
    this.trackCount = plan.trackIndices.length;
    this.weightStride = plan.weightIndices.length > 1 ? plan.weightIndices[1] : this.n;
    this.weightCount = weightCountFor(this.n, this.weightStride);
    let kind: ScoreKind = { kind: 'exact' };
    let net: Float32Array | undefined;
    let rule = (sigma: number | undefined) => sigma ?? 0;
    if (score.kind === 'learned') {
      const dims = { width: score.config.width, depth: score.config.depth };
      kind = { kind: 'learned', ...dims };
      net = flattenParams(dims, score.params);
      rule = learnedSigmaRule(score.config);
    }
    this.sigmaUsed = score.kind === 'learned' ? rule : (sigma) => sigma;
    // The exact score ignores the network fields of a row; a σ of 1 keeps its log and reciprocal finite.
    const rows = langevinRows(this.levels, score.kind === 'learned' ? rule : (sigma) => sigma || 1);
    this.runner = new PlanRunner(
      device,
      buildSamplerPlan({
        score: kind,
        mixture: plan.mixture,
        net,
        schedule: packRows(rows),
        initial: xs,
        trackCount: this.trackCount,
        weightStride: this.weightStride,
        maxRecords: MAX_RECORDS,
        maxGather: Math.min(this.n, Math.max(GATHER_MAX, WEIGHT_SAMPLE)),
      }),
    );
  }

  /** Waits for the device to compile and allocate everything, and throws what it reported (for the fallback). */
  static async create(
    device: GPUDevice,
    plan: RunPlan,
    score: FusedScore,
    explain?: ExplainDivergence,
  ): Promise<FusedParticleRun> {
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    const run = new FusedParticleRun(device, plan, score, 1e6, explain);
    const invalid = await device.popErrorScope();
    const memory = await device.popErrorScope();
    const error = invalid ?? memory;
    if (error) {
      run.dispose();
      throw new Error(`the fused sampler did not start on this GPU: ${error.message}`);
    }
    return run;
  }

  /** Record slots per chunk bound its length: at most MAX_RECORDS − 1 multiples of the finer record period. */
  protected override chunkLimit(): number {
    return (MAX_RECORDS - 1) * Math.min(this.plan.trackEvery, this.plan.weightsEvery);
  }

  private params(fields: Partial<Record<StepField, number>>): Uint32Array {
    const { trackEvery, weightsEvery } = this.plan;
    return stepParams({
      n: this.n,
      rowStride: 0,
      row0: this.levelIndex,
      key0: this.key[0],
      key1: this.key[1],
      commit: 1,
      bound: this.bound,
      trackEvery,
      trackCount: this.trackCount,
      weightEvery: weightsEvery,
      weightStride: this.weightStride,
      weightCount: this.weightCount,
      maxRecords: MAX_RECORDS,
      ...fields,
    });
  }

  /** k steps at the current level in one dispatch; on a divergence, back to the last good step. */
  protected async runChunk(level: SamplerLevel, k: number): Promise<number> {
    const first = this.stepIndex;
    const { trackEvery, weightsEvery } = this.plan;
    const trackBase = Math.ceil((first + 1) / trackEvery);
    const weightBase = Math.ceil((first + 1) / weightsEvery);
    this.runner.write('flags', FLAGS_CLEAR);
    this.runner.write('stepParams', this.params({ count: k, step0: first, trackBase, weightBase }));
    this.runner.run('backup');
    this.runner.run('step');
    const flags = new Uint32Array(await this.runner.read('flags'));
    let committed = k;
    if (flags[0] !== FLAGS_CLEAR[0]) {
      committed = flags[0] - 1 - first;
      // Replay the good steps from the backup (same counters, same noise), then count who escapes next.
      this.runner.run('restore');
      if (committed > 0) {
        this.runner.write(
          'stepParams',
          this.params({ count: committed, step0: first, trackBase, weightBase }),
        );
        this.runner.run('step');
      }
      this.runner.write('flags', FLAGS_CLEAR);
      this.runner.write('stepParams', this.params({ count: 1, step0: first + committed, commit: 0 }));
      this.runner.run('step');
      const probe = new Uint32Array(await this.runner.read('flags'));
      const annealedLevel = this.plan.spec.kind === 'annealed' ? this.levelIndex : undefined;
      this.failure = {
        step: first + committed + 1,
        level: annealedLevel,
        escaped: probe[1],
        reason: this.explain(level.stepSize, this.sigmaUsed(level.sigma), annealedLevel),
      };
    }
    const last = first + committed;
    const trackSlots = Math.floor(last / trackEvery) - trackBase + 1;
    const weightSlots = Math.floor(last / weightsEvery) - weightBase + 1;
    if (trackSlots > 0 || weightSlots > 0) {
      const records = new Float32Array(await this.runner.read('records'));
      const m = this.trackCount;
      for (let r = 0; r < trackSlots; r++) {
        this.tracks.steps.push((trackBase + r) * trackEvery);
        for (let j = 0; j < m; j++) this.tracks.positions.push(records[r * m + j]);
      }
      const base = MAX_RECORDS * m;
      for (let r = 0; r < weightSlots; r++) {
        const from = base + r * this.weightCount;
        this.pushWeights((weightBase + r) * weightsEvery, records.subarray(from, from + this.weightCount));
      }
    }
    this.stepIndex = last;
    this.stepInLevel += committed;
    // The last step always gets a weight record (as the other engines), whatever the period.
    if (last === this.totalSteps && last % weightsEvery !== 0)
      this.pushWeights(last, await this.subsample(WEIGHT_SAMPLE));
    return committed;
  }

  /** Counted on the GPU (atomics on u32 bins): deviceHistogram's rule, bins + 2 counts come back. */
  async histogram(range: HistogramRange): Promise<Histogram> {
    const bins = Math.max(1, Math.min(MAX_BINS, Math.floor(range.bins)));
    this.runner.write('histParams', new Uint32Array(histParams(this.n, range.lo, range.hi, bins)));
    this.runner.run('histogram');
    const data = new Uint32Array(await this.runner.read('bins'));
    const scale = bins / (range.hi - range.lo);
    const counts = new Float64Array(bins);
    const density = new Float64Array(bins);
    for (let j = 0; j < bins; j++) {
      counts[j] = data[j + 1];
      density[j] = (data[j + 1] * scale) / this.n;
    }
    return {
      lo: range.lo,
      hi: range.hi,
      bins,
      counts,
      density,
      below: data[0],
      above: data[bins + 1],
      nonFinite: 0,
      total: this.n,
    };
  }

  async subsample(max: number): Promise<Float32Array> {
    const stride = Math.max(1, Math.ceil(this.n / Math.max(1, max)));
    const count = Math.ceil(this.n / stride);
    if (count > Math.min(this.n, Math.max(GATHER_MAX, WEIGHT_SAMPLE))) {
      const all = await this.particles();
      return Float32Array.from({ length: count }, (_, j) => all[j * stride]);
    }
    this.runner.write('gatherParams', Uint32Array.of(count, stride, 0, 0));
    this.runner.run('gather');
    return new Float32Array(await this.runner.read('gathered')).slice(0, count);
  }

  async particles(): Promise<Float32Array> {
    return new Float32Array(await this.runner.read('xs'));
  }

  /** Mean, variance and mode weights of every particle, reduced on the GPU (per-workgroup sums come back). */
  async metrics(): Promise<MetricSums> {
    this.runner.write('histParams', new Uint32Array(histParams(this.n, -1, 1, 1)));
    this.runner.run('metrics');
    const sums = reduceMetrics(new Float32Array(await this.runner.read('partials')), this.n, 6);
    // Table rows are the components of positive weight; map them back to the mixture's indices.
    const weights = this.plan.mixture.map(() => 0);
    keptComponents(this.plan.mixture).forEach((k, row) => (weights[k] = sums.weights[row]));
    return { ...sums, weights };
  }

  dispose(): void {
    this.runner.dispose();
  }
}

/** What a reverse-time (diffusion or flow) chunk needs beyond the plan: the run's step fields and its corrector. */
export interface DiffusionChunkOptions {
  /** stepParams fields common to every step (n, key, bound, records…); step0, row0, rowStride, count are set here. */
  fields: Partial<Record<StepField, number>>;
  /** Present for a plan with a corrector (the predictor–corrector sampler): steps, key and divergence bound. */
  corrector?: { steps: number; key: readonly [number, number]; bound: number };
}

/**
 * Queues steps first … first + count − 1 of a reverse sampler whose row k is step k. One-stage and Heun rules go
 * in one dispatch; the predictor–corrector needs its batch-wide norms between passes, so per predictor step it
 * queues the step, its corrector steps (pcCorrect, M times in one submit) and the record pass, with that step's
 * uniforms written before them (writes and submits run in queue order). Nothing is awaited.
 */
export function queueDiffusionSteps(
  runner: PlanRunner,
  o: DiffusionChunkOptions,
  first: number,
  count: number,
): void {
  const fields = { commit: 1, ...o.fields, rowStride: 1 };
  if (!o.corrector) {
    runner.write('stepParams', stepParams({ ...fields, step0: first, row0: first, count }));
    runner.run('step');
    return;
  }
  const n = fields.n ?? 0;
  for (let k = first; k < first + count; k++) {
    runner.write('stepParams', stepParams({ ...fields, step0: k, row0: k, count: 1 }));
    runner.write('pcParams', pcParams(n, k, o.corrector.key, o.corrector.bound));
    runner.write('pcState', PC_STATE_CLEAR);
    runner.run('step');
    runner.run('pcCorrect', o.corrector.steps);
    runner.run('pcRecord');
  }
}

/**
 * `count` steps from `first` with the samplers' divergence rule: on a failure, back to the chunk's start and
 * replay the good steps (counter-based noise and fixed-order sums make the replay exact), then count how many
 * particles the failing step's predictor would move out of bounds. Returns the steps committed and, on a
 * failure, that count.
 */
export async function runDiffusionChunk(
  runner: PlanRunner,
  o: DiffusionChunkOptions,
  first: number,
  count: number,
): Promise<{ committed: number; escaped?: number }> {
  runner.write('flags', FLAGS_CLEAR);
  runner.run('backup');
  queueDiffusionSteps(runner, o, first, count);
  const flags = new Uint32Array(await runner.read('flags'));
  if (flags[0] === FLAGS_CLEAR[0]) return { committed: count };
  const committed = flags[0] - 1 - first;
  runner.run('restore');
  if (committed > 0) queueDiffusionSteps(runner, o, first, committed);
  runner.write('flags', FLAGS_CLEAR);
  const at = first + committed;
  runner.write(
    'stepParams',
    stepParams({ ...o.fields, commit: 0, rowStride: 1, step0: at, row0: at, count: 1 }),
  );
  runner.run('step');
  return { committed, escaped: new Uint32Array(await runner.read('flags'))[1] };
}
