/**
 * Training batches on a diffusion process (the ε-model's, epsBatches.ts; flow matching's, flowBatches.ts): clean
 * samples x_0 from the data (drawClean, ../batches.ts), then per row a time and noise drawn from the seed's
 * training stream, so a seed gives the same batches on every backend. Each kind says only how a row is built
 * from its x_0: the input pair [c_in(t) x_t, log λ(t)], the target z and the level λ(t) in `sigma`.
 */
import type { Mixture } from '../mixture';
import type { Rng } from '../rng';
import type { DiffusionProcess } from '../diffusion';
import { drawClean, type TrainingBatch } from './batches';
import type { TrainConfig } from './config';
import { streamRng } from './streams';
import { buildProcess, type ProcessSpec } from '../diffusion/processSpec';

/** A batch of process rows: every field filled. */
export type ProcessRows = Required<Pick<TrainingBatch, 'x' | 'sigma' | 'input' | 'z'>>;

export abstract class ProcessBatchSource {
  protected readonly rng: Rng;
  private readonly mixture: Mixture;
  private readonly batch: number;
  readonly process: DiffusionProcess;
  /** The training set, or null for fresh samples every step. Replaceable (regenerate). */
  dataset: Float64Array | null;

  constructor(config: TrainConfig, process: ProcessSpec, dataset: Float64Array | null) {
    this.rng = streamRng(config.seed, 'train');
    this.mixture = config.mixture;
    this.batch = config.batch;
    this.process = buildProcess(process);
    this.dataset = dataset;
  }

  next(): TrainingBatch {
    const n = this.batch;
    const rows: ProcessRows = {
      x: drawClean(n, this.mixture, this.dataset, this.rng),
      sigma: new Float32Array(n),
      input: new Float32Array(2 * n),
      z: new Float32Array(n),
    };
    for (let i = 0; i < n; i++) this.fillRow(rows, i);
    return rows;
  }

  /** Draws row i's time and noise from `rng` and writes its sigma, input pair and target for the clean x[i]. */
  protected abstract fillRow(rows: ProcessRows, i: number): void;
}
