/**
 * Mixture weights for reading, e.g. "0.62 : 0.38". Two decimals are all a share of particles can support, so a
 * weight that rounds to 0 or 1 but is not exactly that is written "≈ 0" or "≈ 1", never "7.6e-29": the
 * scientific notation suggests a precision the count of particles does not have.
 */
export function fmtWeight(w: number): string {
  if (!Number.isFinite(w)) return '–';
  if (w === 0 || w === 1) return String(w);
  if (w < 0.005) return '≈ 0';
  if (w > 0.995) return '≈ 1';
  return w.toFixed(2);
}

export function fmtWeights(weights: readonly number[]): string {
  return weights.map(fmtWeight).join(' : ');
}
