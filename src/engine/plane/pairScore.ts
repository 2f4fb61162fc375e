/**
 * Exact scores and velocities of a 2D mixture for a whole cloud stored interleaved, [x₀, y₀, x₁, y₁, …].
 *
 * Why interleaved: every update rule of the line's samplers (Langevin, ancestral, Euler–Maruyama, probability-flow
 * ODE, flow matching) is coordinate-wise once the score vector is known — x_c ← x_c + (α/2) s_c + √α z_c with
 * independent z_c for c = x, y, and so on. A cloud of n points stored as 2n numbers is then just a batch of 2n
 * "particles" to those runners, provided the score they are handed reads the pairs. So the 2D pages reuse
 * engine/sampling, engine/diffusion and engine/flow unchanged; only the functions here know the plane.
 */
import type { BatchScore } from '../sampling/batchScore';
import type { DiffusionProcess } from '../diffusion/process';
import type { Batch, TimeScore } from '../diffusion/score';
import type { Velocity } from '../flow/velocity';
import { covarianceOf, PreparedMixture2, type Mixture2 } from './mixture2';
import { affineMarginal2, flowMarginal2, perturbMixture2 } from './noisy2';

/** out[2i], out[2i+1] = ∇log p(xs[2i], xs[2i+1]) for the prepared mixture p. */
export function scorePairs(p: PreparedMixture2, xs: Batch, out: Batch): void {
  const g = new Float64Array(2);
  for (let i = 0; i + 1 < xs.length; i += 2) {
    p.score(xs[i], xs[i + 1], g);
    out[i] = g[0];
    out[i + 1] = g[1];
  }
}

/** Keeps the last prepared mixture for a key (σ or t): the runners ask for the same one many times in a row. */
function lastOne<K>(build: (key: K) => PreparedMixture2): (key: K) => PreparedMixture2 {
  let lastKey: K | undefined;
  let last: PreparedMixture2 | null = null;
  return (key) => {
    if (last === null || key !== lastKey) {
      last = build(key);
      lastKey = key;
    }
    return last;
  };
}

/** Langevin's score: of p itself, or of q_σ = p ∗ N(0, σ² I) when σ is given (annealed levels). */
export function planeLangevinScore(mixture: Mixture2): BatchScore {
  const at = lastOne((sigma: number) =>
    sigma > 0 ? new PreparedMixture2(perturbMixture2(mixture, sigma)) : new PreparedMixture2(mixture),
  );
  return (xs, out, sigma) => scorePairs(at(sigma ?? 0), xs, out);
}

/** The score of the process's marginal p_t = Σ π_k N(a(t) μ_k, a(t)² Σ_k + s(t)² I) (noisy2.ts). */
export function planeProcessScore(mixture: Mixture2, process: DiffusionProcess): TimeScore {
  const at = lastOne(
    (t: number) => new PreparedMixture2(affineMarginal2(mixture, process.a(t), process.s(t))),
  );
  return (xs, t, out) => scorePairs(at(t), xs, out);
}

/**
 * The exact marginal velocity of the straight path x_t = (1 − t) x_0 + t x_1 (SCIENCE.md §10) in the plane.
 * Given component k, (x_0, x_1, x_t) are jointly Gaussian with V_k = Cov x_t = (1 − t)² Σ_k + t² I, so
 *   E[x_1 | x_t = x, k] = t V_k⁻¹ (x − m_k),   E[x_0 | x_t = x, k] = μ_k + (1 − t) Σ_k V_k⁻¹ (x − m_k),
 * with m_k = (1 − t) μ_k, and v(x, t) = Σ_k r_k(x, t) [M_k (x − m_k) − μ_k], M_k = (t I − (1 − t) Σ_k) V_k⁻¹,
 * r_k the responsibilities under p_t. V_k is invertible on all of [0, 1], so the field is finite at both ends
 * (at t = 0, M_k = −I and v = −x, the mean of x_1 − x_0 given x_0 = x).
 */
export function planeVelocity(mixture: Mixture2): Velocity {
  const K = mixture.length;
  const m = new Float64Array(4 * K);
  const means = new Float64Array(2 * K);
  const r = new Float64Array(K);
  const prepareAt = lastOne((t: number) => {
    const a = 1 - t;
    mixture.forEach((c, k) => {
      const g = covarianceOf(c);
      const vxx = a * a * g.vxx + t * t;
      const vxy = a * a * g.vxy;
      const vyy = a * a * g.vyy + t * t;
      const det = vxx * vyy - vxy * vxy;
      // V⁻¹ = [[vyy, −vxy], [−vxy, vxx]] / det; B = t I − (1 − t) Σ_k; M = B V⁻¹.
      const ixx = vyy / det;
      const ixy = -vxy / det;
      const iyy = vxx / det;
      const bxx = t - a * g.vxx;
      const bxy = -a * g.vxy;
      const byy = t - a * g.vyy;
      m[4 * k] = bxx * ixx + bxy * ixy;
      m[4 * k + 1] = bxx * ixy + bxy * iyy;
      m[4 * k + 2] = bxy * ixx + byy * ixy;
      m[4 * k + 3] = bxy * ixy + byy * iyy;
      means[2 * k] = c.mx;
      means[2 * k + 1] = c.my;
    });
    return new PreparedMixture2(flowMarginal2(mixture, t));
  });
  return (xs, t, out) => {
    const marginal = prepareAt(t);
    const a = 1 - t;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const x = xs[i];
      const y = xs[i + 1];
      marginal.responsibilities(x, y, r);
      let vx = 0;
      let vy = 0;
      for (let k = 0; k < K; k++) {
        const dx = x - a * means[2 * k];
        const dy = y - a * means[2 * k + 1];
        vx += r[k] * (m[4 * k] * dx + m[4 * k + 1] * dy - means[2 * k]);
        vy += r[k] * (m[4 * k + 2] * dx + m[4 * k + 3] * dy - means[2 * k + 1]);
      }
      out[i] = vx;
      out[i + 1] = vy;
    }
  };
}
