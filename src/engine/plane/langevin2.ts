/**
 * Langevin dynamics in the plane on the exact score of q_σ (SCIENCE.md §4, applied coordinate-wise):
 * x ← x + (α/2) ∇log q_σ(x) + √α z, z ~ N(0, I). Annealed Langevin (NCSN Algorithm 1) runs T such steps at each
 * σ_i of a falling geometric ladder with α_i = ε σ_i²/σ_L², the end of one level starting the next.
 *
 * These run on the main thread's engine for tests and small clouds; the pages drive the same update through the
 * engine worker.
 */
import type { Rng } from '../rng';
import type { SamplerLevel } from '../sampling/runner';
import { PreparedMixture2, type Mixture2 } from './mixture2';
import { perturbMixture2 } from './noisy2';
import type { Cloud2 } from './sample2';

/**
 * Moves the cloud in place through each level in turn. A level is the line's `SamplerLevel` (σ of the score, step
 * α, number of steps; no σ is the data's own score), so the annealed ladder comes from `annealedLevels` and
 * `geometricSigmas` in engine/sampling/annealed.ts, shared with the line.
 */
export function runLangevin2(
  cloud: Cloud2,
  mixture: Mixture2,
  levels: readonly SamplerLevel[],
  rng: Rng,
): void {
  const grad = new Float64Array(2);
  for (const level of levels) {
    const sigma = level.sigma ?? 0;
    const score = new PreparedMixture2(sigma > 0 ? perturbMixture2(mixture, sigma) : mixture);
    const half = level.stepSize / 2;
    const noise = Math.sqrt(level.stepSize);
    for (let step = 0; step < level.steps; step++) {
      for (let i = 0; i < cloud.xs.length; i++) {
        score.score(cloud.xs[i], cloud.ys[i], grad);
        cloud.xs[i] += half * grad[0] + noise * rng.normal();
        cloud.ys[i] += half * grad[1] + noise * rng.normal();
      }
    }
  }
}
