/**
 * The Fisher divergence of a learned score per level (SCIENCE.md §3):
 *   D(σ) = ½ E_{x~q_σ} |s_θ(x, σ) − ∇log q_σ(x)|²,
 * estimated by Monte Carlo on exact draws of q_σ rather than by quadrature on a grid. In the plane a grid would
 * have to resolve the narrowest blurred component (the thin-curve preset is 0.08 wide across at σ → 0, so
 * ~0.02 cells over a 10 × 10 box: 250 000 evaluations per level) and be cut off somewhere for the wide levels;
 * exact draws of q_σ cost nothing here (q_σ is again a mixture), the estimate is unbiased at every σ, it has a
 * standard error to show, and it works unchanged in D dimensions, where no grid is possible.
 *
 * The draws are made once per evaluator from their own seeded stream, so successive evaluations during training
 * differ only through the network (a falling curve is not Monte-Carlo noise).
 */
import { tf } from '../core';
import { streamRng } from '../../training/streams';
import type { ScoreData } from '../../plane/scoreData';
import { vectorInputRows, type VectorScoreNet } from './vectorNet';

export interface FisherPerLevel {
  sigmas: number[];
  /** D(σ_i) for each level. */
  fisher: number[];
  /** The Monte-Carlo standard error of each D(σ_i): the spread of ½|s_θ − s|² over √n. */
  stderr: number[];
}

interface Level {
  sigma: number;
  rows: Float32Array;
  exact: Float32Array;
}

export class PlaneFisher {
  private readonly levels: Level[];

  /** `sigmas`: the levels to measure (a run's own: PlaneTrainer.sigmas); n draws of q_σ per level. */
  constructor(
    readonly data: ScoreData,
    readonly sigmas: readonly number[],
    readonly n = 4096,
    seed = 0,
  ) {
    const rng = streamRng(seed, 'heldout');
    this.levels = sigmas.map((sigma) => {
      const points = data.sample(sigma, n, rng);
      const exact = Float32Array.from(data.score(sigma, points, new Float64Array(points.length)));
      return { sigma, rows: vectorInputRows(points, data.dim, sigma), exact };
    });
  }

  /** D(σ) of the network at every level (one readback per level). */
  async evaluate(net: VectorScoreNet): Promise<FisherPerLevel> {
    const { dim } = this.data;
    const fisher: number[] = [];
    const stderr: number[] = [];
    for (const level of this.levels) {
      const errors = tf.tidy(() => {
        const input = tf.tensor2d(level.rows, [this.n, dim + 1]);
        const score = tf.div(net.apply(input), level.sigma);
        const diff = tf.sub(score, tf.tensor2d(level.exact, [this.n, dim]));
        return tf.mul(0.5, tf.sum(tf.square(diff), 1));
      });
      const values = await errors.data();
      errors.dispose();
      let mean = 0;
      for (const v of values) mean += v;
      mean /= values.length;
      let spread = 0;
      for (const v of values) spread += (v - mean) ** 2;
      fisher.push(mean);
      stderr.push(Math.sqrt(spread / (values.length - 1) / values.length));
    }
    return { sigmas: [...this.sigmas], fisher, stderr };
  }
}
