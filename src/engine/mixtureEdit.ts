/**
 * Edits of a mixture that keep it valid: weights stay normalised, stds positive, at most MAX_COMPONENTS.
 */
import { MAX_COMPONENTS, normalizeWeights, type Component, type Mixture } from './mixture';

export const MIN_WEIGHT = 0.01;

/**
 * Sets π_k = w and rescales the other weights proportionally so that the total stays 1.
 * With one component the weight is always 1.
 */
export function setWeight(mixture: Mixture, k: number, w: number): Mixture {
  if (mixture.length === 1) return [{ ...mixture[0], weight: 1 }];
  const target = Math.min(1 - MIN_WEIGHT * (mixture.length - 1), Math.max(MIN_WEIGHT, w));
  const othersTotal = mixture.reduce((s, c, i) => (i === k ? s : s + c.weight), 0);
  return mixture.map((c, i) => {
    if (i === k) return { ...c, weight: target };
    const share = othersTotal > 0 ? c.weight / othersTotal : 1 / (mixture.length - 1);
    return { ...c, weight: (1 - target) * share };
  });
}

export function setComponent(
  mixture: Mixture,
  k: number,
  patch: Partial<Omit<Component, 'weight'>>,
): Mixture {
  return mixture.map((c, i) => (i === k ? { ...c, ...patch } : c));
}

/** Adds a component in the widest gap of the current means, taking an equal share of the weight. */
export function addComponent(mixture: Mixture): Mixture {
  if (mixture.length >= MAX_COMPONENTS) return mixture;
  const means = mixture.map((c) => c.mean).sort((a, b) => a - b);
  // Candidates: beyond either end and midway between neighbours, kept inside ±8 before comparing gaps.
  const candidates = [
    means[0] - 2.5,
    ...means.slice(1).map((m, i) => (m + means[i]) / 2),
    means[means.length - 1] + 2.5,
  ].map((c) => Math.max(-8, Math.min(8, c)));
  const gaps = candidates.map((c) => Math.min(...means.map((m) => Math.abs(m - c))));
  const mean = candidates[gaps.indexOf(Math.max(...gaps))];
  const share = 1 / (mixture.length + 1);
  return normalizeWeights([
    ...mixture.map((c) => ({ ...c, weight: c.weight * (1 - share) })),
    { weight: share, mean, std: 0.5 },
  ]);
}

export function removeComponent(mixture: Mixture, k: number): Mixture {
  if (mixture.length <= 1) return mixture;
  return normalizeWeights(mixture.filter((_, i) => i !== k));
}
