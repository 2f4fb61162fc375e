/**
 * Exact draws from a 2D mixture: pick component k with probability π_k, then x = μ_k + L_k z with z ~ N(0, I) and
 * L_k the Cholesky factor of Σ_k, L = [[s_x, 0], [ρ s_y, s_y √(1 − ρ²)]], so that L Lᵀ = Σ_k.
 */
import type { Rng } from '../rng';
import type { Mixture2 } from './mixture2';

/** A cloud of n points in the plane, stored as two coordinate arrays (the layout the samplers and metrics use). */
export interface Cloud2 {
  xs: Float64Array;
  ys: Float64Array;
}

export function sampleMixture2(mixture: Mixture2, n: number, rng: Rng): Cloud2 {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const cumulative: number[] = [];
  let total = 0;
  for (const c of mixture) cumulative.push((total += c.weight));
  for (let i = 0; i < n; i++) {
    const u = rng.uniform() * total;
    let k = 0;
    while (k < mixture.length - 1 && u >= cumulative[k]) k++;
    const c = mixture[k];
    const z1 = rng.normal();
    const z2 = rng.normal();
    xs[i] = c.mx + c.sx * z1;
    ys[i] = c.my + c.sy * (c.rho * z1 + Math.sqrt(1 - c.rho * c.rho) * z2);
  }
  return { xs, ys };
}
