/**
 * Training batches for the ε-prediction loss (SCIENCE.md §6), drawn in plain JavaScript from seeded streams like
 * every other objective's (../batches.ts), so a seed gives the same batches on every backend:
 *
 *   x_0 ~ data,  t ~ U{1..T} (or U[ε, 1]),  ε ~ N(0, 1),  x_t = a(t) x_0 + s(t) ε,
 *   input row [c_in(t) x_t, log λ(t)] (process.ts),  target z = ε.
 *
 * `sigma` carries λ(t) per row (the noise in units of the remaining signal), for anyone who wants the level.
 */
import type { Mixture } from '../mixture';
import type { Rng } from '../rng';
import type { DiffusionProcess } from '../diffusion';
import { cleanBatch, type TrainingBatch } from './batches';
import type { TrainConfig } from './config';
import { streamRng } from './streams';
import { buildProcess, drawTime, timeFeatures } from '../diffusion/processSpec';

export class EpsBatchSource {
  private readonly rng: Rng;
  private readonly mixture: Mixture;
  private readonly batch: number;
  readonly process: DiffusionProcess;
  /** The training set, or null for fresh samples every step. Replaceable (regenerate). */
  dataset: Float64Array | null;

  constructor(config: TrainConfig, dataset: Float64Array | null) {
    if (!config.diffusion) throw new Error('an ε-prediction run needs its diffusion process');
    this.rng = streamRng(config.seed, 'train');
    this.mixture = config.mixture;
    this.batch = config.batch;
    this.process = buildProcess(config.diffusion);
    this.dataset = dataset;
  }

  next(): TrainingBatch {
    const n = this.batch;
    const rng = this.rng;
    const x = cleanBatch(rng, this.mixture, this.dataset, n);
    const sigma = new Float32Array(n);
    const input = new Float32Array(2 * n);
    const z = new Float32Array(n);
    const p = this.process;
    for (let i = 0; i < n; i++) {
      const t = drawTime(p, rng);
      const a = p.a(t);
      const s = p.s(t);
      const { scale, logLambda } = timeFeatures(p, t);
      z[i] = rng.normal();
      sigma[i] = s / a;
      input[2 * i] = scale * (a * x[i] + s * z[i]);
      input[2 * i + 1] = logLambda;
    }
    return { x, sigma, input, z };
  }
}
