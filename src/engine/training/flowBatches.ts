/**
 * Training batches for the conditional flow-matching loss (SCIENCE.md §10), from the same seeded streams as the
 * ε-model's (epsBatches.ts), for the diffusion page's process sde = fm:
 *
 *   x_0 ~ data,  x_1 ~ N(0, 1),  t ~ U(0, 1),  x_t = (1 − t) x_0 + t x_1,
 *   input row [c_in(t) x_t, log λ(t)] (processSpec.ts, with t held inside [FLOW_T_EDGE, 1 − FLOW_T_EDGE]),
 *   target z = x_1 − x_0.
 *
 * The trainer's loss for these rows is (v_θ(x_t, t) − z)² (tf/objectives.ts, objective eps), the conditional
 * flow-matching loss. Why it learns the marginal velocity: for each (x, t) the loss is minimised by the
 * conditional mean of its target, v_θ(x, t) = E[x_1 − x_0 | x_t = x], which is exactly the marginal velocity
 * v(x, t) of engine/flow/velocity.ts (given enough capacity and data; the loss's minimum stays above 0, as the
 * pairs through one x_t disagree).
 */
import { timeFeatures } from '../diffusion/processSpec';
import type { TrainConfig } from './config';
import { ProcessBatchSource, type ProcessRows } from './processBatches';

export class FlowBatchSource extends ProcessBatchSource {
  constructor(config: TrainConfig, dataset: Float64Array | null) {
    if (config.diffusion?.sde !== 'fm') throw new Error('a flow-matching run needs the process fm');
    super(config, config.diffusion, dataset);
  }

  protected fillRow({ x, sigma, input, z }: ProcessRows, i: number): void {
    const t = this.rng.uniform();
    const x1 = this.rng.normal();
    const { scale, logLambda } = timeFeatures(this.process, t);
    z[i] = x1 - x[i];
    sigma[i] = Math.exp(logLambda);
    input[2 * i] = scale * ((1 - t) * x[i] + t * x1);
    input[2 * i + 1] = logLambda;
  }
}
