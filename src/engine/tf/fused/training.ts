/**
 * A fused training run on a WebGPU device: the plan of engine/gpu/training.ts behind a small interface. Steps are
 * queued in chunks (one submit per chunk, many steps per submit) and never wait for the GPU; the losses of a chunk
 * come back with one asynchronous read of the loss ring, which also paces the queue.
 */
import { buildTrainingPlan, type TrainingPlanSpec } from '../../gpu/training';
import { splitParams, type NetworkShape } from '../../gpu/network';
import { PlanRunner } from './planRunner';

export class FusedTraining {
  private readonly runner: PlanRunner;
  readonly shape: NetworkShape;
  readonly paramCount: number;
  private readonly lossSlots: number;
  private readonly fedSteps: number;
  private readonly batch: number;
  /** Steps queued by this plan so far (the loss ring's write position). */
  private queued = 0;

  private constructor(device: GPUDevice, spec: TrainingPlanSpec) {
    const { plan, shape, paramCount } = buildTrainingPlan(spec);
    this.shape = { width: spec.width, depth: spec.depth };
    this.paramCount = paramCount;
    this.lossSlots = shape.lossSlots;
    this.fedSteps = shape.fedSteps;
    this.batch = spec.batch;
    this.runner = new PlanRunner(device, plan);
  }

  /**
   * A run whose pipelines compiled and whose bind groups matched: WebGPU reports such errors asynchronously to an
   * error scope (otherwise only to the console), so they are collected here and thrown, for the caller to fall
   * back to the ops path.
   */
  static async create(device: GPUDevice, spec: TrainingPlanSpec): Promise<FusedTraining> {
    device.pushErrorScope('internal');
    device.pushErrorScope('validation');
    let run: FusedTraining | null = null;
    let thrown: unknown = null;
    try {
      run = new FusedTraining(device, spec);
    } catch (error) {
      thrown = error;
    }
    const validation = await device.popErrorScope();
    const internal = await device.popErrorScope();
    const problem = thrown ?? validation ?? internal;
    if (problem) {
      run?.dispose();
      throw new Error(
        `the fused training kernels did not build: ${(problem as Error).message ?? String(problem)}`,
      );
    }
    return run as FusedTraining;
  }

  /** The largest chunk whose losses all survive in the ring until they are read. */
  get maxChunk(): number {
    return this.lossSlots;
  }

  /**
   * Feeds the batches of the next steps (packBatches' rows, whole steps): step s of them goes to the slice the
   * plan reads at that step, (queued + s) mod fedSteps. At most fedSteps steps at a time.
   */
  feed(rows: Float32Array): void {
    if (this.fedSteps <= 0) throw new Error('this plan draws its own batches');
    const perStep = 4 * this.batch;
    const steps = rows.length / perStep;
    if (steps > this.fedSteps) throw new Error(`at most ${this.fedSteps} fed steps at a time`);
    for (let s = 0; s < steps; s++) {
      const slice = (this.queued + s) % this.fedSteps;
      this.runner.write('batch', rows.subarray(s * perStep, (s + 1) * perStep), 4 * perStep * slice);
    }
  }

  /** Replaces the training set (same size: a regenerated set of the same run). */
  setDataset(values: Float32Array): void {
    this.runner.write('dataset', values);
  }

  /** Queues n steps in one submit. */
  queue(n: number): void {
    if (n > this.lossSlots) throw new Error(`at most ${this.lossSlots} steps per chunk`);
    this.runner.run('step', n);
    this.queued += n;
  }

  /** The losses of the last n queued steps, oldest first (resolves when the GPU has done them). */
  async lastLosses(n: number): Promise<Float32Array> {
    const ring = new Float32Array(await this.runner.read('losses'));
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const local = this.queued - n + i;
      out[i] = ring[((local % this.lossSlots) + this.lossSlots) % this.lossSlots];
    }
    return out;
  }

  /** n steps, then their losses. */
  async train(n: number): Promise<Float32Array> {
    this.queue(n);
    return this.lastLosses(n);
  }

  /** The trained parameters and their average, per array in paramLayout order. */
  async readParams(): Promise<{ params: Float32Array[]; average: Float32Array[] }> {
    const [params, average] = await Promise.all([this.runner.read('params'), this.runner.read('average')]);
    return {
      params: splitParams(this.shape, new Float32Array(params)),
      average: splitParams(this.shape, new Float32Array(average)),
    };
  }

  dispose(): void {
    this.runner.dispose();
  }
}
