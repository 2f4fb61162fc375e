/**
 * One round of rectified flow's "reflow" (Liu, Gong and Liu 2022), the data it trains on:
 *
 *   x_1 ~ N(0, 1) (seeded),   x_0 = Φ(x_1), the image of x_1 under the learned flow's ODE from t = 1 to 0,
 *
 * and batches of the flow-matching loss on those pairs, E_t[(v_θ(x_t, t) − (x_1 − x_0))²] with
 * x_t = (1 − t) x_0 + t x_1. The pairs are the ODE's own coupling instead of independent draws, so straight lines
 * between them cross less than lines between independent pairs (in 1D not at all: an ODE preserves the order of
 * its particles, so x_0 is an increasing function of x_1), and the velocity field learned from them has
 * straighter paths. Reflow straightens the paths of the coupling; it does not make the marginal exact: the pairs'
 * x_0 carry the first model's error, and the second network adds its own.
 */
import type { TrainingBatch } from '../training/batches';
import type { Rng } from '../rng';
import { streamRng } from '../training/streams';
import { buildProcess, DEFAULT_PROCESS_SPEC, timeFeatures } from '../diffusion/processSpec';
import type { AsyncVelocity } from './ode';
import { AsyncFlowRun } from './run';

export interface ReflowPairs {
  /** The ODE images, x0[i] = Φ(x1[i]). */
  x0: Float64Array;
  /** The starting noise. */
  x1: Float64Array;
}

/** n pairs from the seed's reflow stream, integrated with Heun in `steps` steps on `velocity`. */
export async function reflowPairs(
  velocity: AsyncVelocity,
  options: { n: number; seed: number; steps: number },
): Promise<ReflowPairs> {
  const x1 = streamRng(options.seed, 'reflow').normals(options.n);
  const run = new AsyncFlowRun(
    { solver: 'heun', steps: options.steps, n: options.n, seed: options.seed, start: x1, tracks: 0 },
    velocity,
  );
  await run.step(options.steps);
  return { x0: Float64Array.from(run.particles), x1 };
}

/**
 * Flow-matching batches on fixed pairs: each row a pair drawn uniformly with replacement and t ~ U(0, 1); the
 * input row and target are those of training/flowBatches.ts, so the network and loss are the first model's.
 */
export class ReflowBatchSource {
  /** The trainer reads it for its kernel-density view; the pairs' x_0 are the training set here. */
  dataset: Float64Array | null;
  private readonly rng: Rng;
  private readonly process = buildProcess({ ...DEFAULT_PROCESS_SPEC, sde: 'fm' });

  constructor(
    private readonly pairs: ReflowPairs,
    private readonly batch: number,
    seed: number,
  ) {
    this.dataset = pairs.x0;
    this.rng = streamRng(seed, 'reflow', 1);
  }

  next(): TrainingBatch {
    const n = this.batch;
    const { x0, x1 } = this.pairs;
    const x = new Float32Array(n);
    const sigma = new Float32Array(n);
    const input = new Float32Array(2 * n);
    const z = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const k = Math.min(x0.length - 1, Math.floor(this.rng.uniform() * x0.length));
      const t = this.rng.uniform();
      const { scale, logLambda } = timeFeatures(this.process, t);
      x[i] = x0[k];
      z[i] = x1[k] - x0[k];
      sigma[i] = Math.exp(logLambda);
      input[2 * i] = scale * ((1 - t) * x0[k] + t * x1[k]);
      input[2 * i + 1] = logLambda;
    }
    return { x, sigma, input, z };
  }
}
