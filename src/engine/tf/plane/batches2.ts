/**
 * One training step's draws in D dimensions, in plain JavaScript from the seeded generator (the same seed gives the
 * same batches on every backend). For n = batch samples:
 *   sigma       the level of each sample: uniform over the L levels (ncsn), else the one σ              [n]
 *   input       rows [x̃, log σ]: x̃ = x + σ z with x ~ p (ncsn, dsm), or an exact draw of q_σ (others)  [n, D + 1]
 *   z           the N(0, I) noise of x̃ (ncsn, dsm)                                                     [n, D]
 *   target      the exact score of q_σ at the row's point (esm)                                        [n, D]
 *   directions  SSM's projections, one [n, D] array each: a fresh v per sample and projection            M × [n, D]
 */
import type { Rng } from '../../rng';
import { planeSigmas, type PlaneTrainConfig, type ProjectionKind } from '../../plane/trainConfig2';
import type { ScoreData } from '../../plane/scoreData';
import { vectorInputRows } from './vectorNet';

export interface PlaneBatch {
  n: number;
  dim: number;
  sigma: Float32Array;
  input: Float32Array;
  z?: Float32Array;
  target?: Float32Array;
  directions?: Float32Array[];
}

/**
 * n·D independent draws with E[v vᵀ] = I per row: standard normal (Gaussian) or ±1 with equal probability
 * (Rademacher, which has the smaller variance of vᵀAv for a given A, since v_i² = 1 exactly).
 */
export function drawDirections(kind: ProjectionKind, count: number, rng: Rng): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = kind === 'gaussian' ? rng.normal() : rng.uniform() < 0.5 ? -1 : 1;
  return out;
}

export class PlaneBatchSource {
  private readonly sigmas: number[];

  constructor(
    private readonly config: PlaneTrainConfig,
    private readonly data: ScoreData,
    private readonly rng: Rng,
  ) {
    this.sigmas = planeSigmas(config);
  }

  next(): PlaneBatch {
    const { objective, batch: n } = this.config;
    const { dim } = this.data;
    const rng = this.rng;
    const sigma = new Float32Array(n);
    const points = new Float64Array(n * dim);
    let z: Float32Array | undefined;
    if (objective === 'ncsn' || objective === 'dsm') {
      // x ~ p, then x̃ = x + σ z: the denoising target −z/σ needs the z that was added.
      const clean = this.data.sample(0, n, rng);
      z = new Float32Array(n * dim);
      const levels = this.sigmas;
      for (let i = 0; i < n; i++) {
        sigma[i] = levels.length === 1 ? levels[0] : levels[Math.floor(rng.uniform() * levels.length)];
        for (let d = 0; d < dim; d++) {
          const k = i * dim + d;
          z[k] = rng.normal();
          points[k] = clean[k] + sigma[i] * z[k];
        }
      }
    } else {
      // One level; q_σ is known exactly, so its draws come directly.
      sigma.fill(this.config.sigma);
      points.set(this.data.sample(this.config.sigma, n, rng));
    }
    const batch: PlaneBatch = { n, dim, sigma, input: vectorInputRows(points, dim, sigma), z };
    if (objective === 'esm')
      batch.target = Float32Array.from(this.data.score(this.config.sigma, points, new Float64Array(n * dim)));
    if (objective === 'ssm') {
      const { projection, projections } = this.config;
      batch.directions = Array.from({ length: projections }, () => drawDirections(projection, n * dim, rng));
    }
    return batch;
  }
}
