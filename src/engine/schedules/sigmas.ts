/**
 * Noise levels σ_t, t = 1..T, of the variance-exploding schedules (SCIENCE.md §5), in forward-time order:
 * sigma[0] = σ_1 is the smallest, sigma[T − 1] = σ_T the largest. (Papers number them the other way, from
 * σ_max down, because that is the order a sampler visits them; here every schedule shares one time axis in
 * which t grows with the noise.)
 */

/** EDM's range (Karras et al. 2022), used for the geometric ladder too so the two can be compared. */
export const SIGMA_MIN = 0.002;
export const SIGMA_MAX = 80;
export const KARRAS_RHO = 7;

/** σ_t = σ_min (σ_max/σ_min)^((t − 1)/(T − 1)): a constant ratio between neighbours, uniform in log σ. */
export function geometricSigmas(T: number, sigmaMin = SIGMA_MIN, sigmaMax = SIGMA_MAX): Float64Array {
  const out = new Float64Array(T);
  if (T === 1) {
    out[0] = sigmaMax;
    return out;
  }
  const logRatio = Math.log(sigmaMax / sigmaMin);
  for (let t = 1; t <= T; t++) out[t - 1] = sigmaMin * Math.exp((logRatio * (t - 1)) / (T - 1));
  out[T - 1] = sigmaMax;
  return out;
}

/**
 * Karras et al.: uniform steps in σ^(1/ρ). With i = T − t + 1 the paper's index (i = 1 is σ_max),
 *   σ_i = (σ_max^(1/ρ) + (i − 1)/(T − 1) · (σ_min^(1/ρ) − σ_max^(1/ρ)))^ρ.
 * A large ρ crowds the levels towards σ_min, where the fine detail is decided.
 */
export function karrasSigmas(
  T: number,
  sigmaMin = SIGMA_MIN,
  sigmaMax = SIGMA_MAX,
  rho = KARRAS_RHO,
): Float64Array {
  const out = new Float64Array(T);
  const hi = Math.pow(sigmaMax, 1 / rho);
  const lo = Math.pow(sigmaMin, 1 / rho);
  for (let t = 1; t <= T; t++) {
    const i = T - t + 1;
    const frac = T > 1 ? (i - 1) / (T - 1) : 0;
    out[t - 1] = Math.pow(hi + frac * (lo - hi), rho);
  }
  return out;
}
