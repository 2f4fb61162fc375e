/**
 * Training batches for the ε-prediction loss (SCIENCE.md §6), drawn in plain JavaScript from seeded streams like
 * every other objective's (../batches.ts), so a seed gives the same batches on every backend:
 *
 *   x_0 ~ data,  t ~ U{1..T} (or U[ε, 1]),  ε ~ N(0, 1),  x_t = a(t) x_0 + s(t) ε,
 *   input row [c_in(t) x_t, log λ(t)] (process.ts),  target z = ε.
 *
 * `sigma` carries λ(t) per row (the noise in units of the remaining signal), for anyone who wants the level.
 */
import { drawTime, timeFeatures } from '../diffusion/processSpec';
import type { TrainConfig } from './config';
import { ProcessBatchSource, type ProcessRows } from './processBatches';

export class EpsBatchSource extends ProcessBatchSource {
  constructor(config: TrainConfig, dataset: Float64Array | null) {
    if (!config.diffusion) throw new Error('an ε-prediction run needs its diffusion process');
    super(config, config.diffusion, dataset);
  }

  protected fillRow({ x, sigma, input, z }: ProcessRows, i: number): void {
    const p = this.process;
    const t = drawTime(p, this.rng);
    const a = p.a(t);
    const s = p.s(t);
    const { scale, logLambda } = timeFeatures(p, t);
    z[i] = this.rng.normal();
    sigma[i] = s / a;
    input[2 * i] = scale * (a * x[i] + s * z[i]);
    input[2 * i + 1] = logLambda;
  }
}
