/**
 * The score determines the density: if ∇log p = ∇log q everywhere on a connected set, log p − log q is
 * constant there, and both integrating to 1 fixes the constant. In 1D the reconstruction is explicit:
 *
 *   log p(x) = log p(x_0) + ∫_{x_0}^{x} s(u) du,   then normalise so that ∫ p = 1,
 *
 * which needs nothing but the score — the unknown log p(x_0) is absorbed by the normalisation.
 */

/**
 * The density on the grid xs rebuilt from the score values on it: the cumulative trapezoid integral of s from
 * xs[0], exponentiated (shifted by its maximum first, so nothing overflows) and normalised by the trapezoid
 * rule. Exact up to the quadrature error and the mass beyond the grid's ends.
 */
export function densityFromScore(xs: ArrayLike<number>, scores: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const logp = new Float64Array(n);
  for (let i = 1; i < n; i++) logp[i] = logp[i - 1] + 0.5 * (scores[i] + scores[i - 1]) * (xs[i] - xs[i - 1]);
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logp[i]);
  const p = logp.map((v) => Math.exp(v - max));
  let total = 0;
  for (let i = 1; i < n; i++) total += 0.5 * (p[i] + p[i - 1]) * (xs[i] - xs[i - 1]);
  for (let i = 0; i < n; i++) p[i] /= total;
  return p;
}
