/**
 * The `mix` URL parameter: components `weight:mean:std` joined by `,` (CONTRACT.md §1).
 * Parsing never throws: malformed text falls back to the default mixture, out-of-range numbers are clamped,
 * components with std ≤ 0 are dropped, and every change is reported as a sentence for the notice area.
 * Numbers are plain decimals only (engine/textInput.ts). Normalising weights is the documented meaning of `mix`
 * and silent, except when the weights are so large that their sum overflows: that is said, since the weights
 * shown afterwards (e.g. 0.5 for 1e308) look nothing like the ones given.
 */
import { DEFAULT_MIXTURE, MAX_COMPONENTS, normalizeWeights, type Mixture } from '../engine/mixture';
import { quote, readDecimal } from '../engine/textInput';

export const MEAN_LIMIT = 10;
export const STD_MIN = 0.02;
export const STD_MAX = 5;

export interface ParsedMixture {
  mixture: Mixture;
  notices: string[];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function parseMixture(raw: string): ParsedMixture {
  const notices: string[] = [];
  const parts = raw.split(',').filter((p) => p.trim() !== '');
  const components: { weight: number; mean: number; std: number }[] = [];
  for (const part of parts) {
    const fields = part.split(':').map(readDecimal);
    if (fields.length !== 3 || fields.some((f) => !Number.isFinite(f))) {
      return {
        mixture: DEFAULT_MIXTURE,
        notices: [`mix: ${quote(raw)} is not a list of weight:mean:std; the default mixture is used.`],
      };
    }
    const [weight, mean, std] = fields;
    if (std <= 0) {
      notices.push(`mix: component ${quote(part)} has std ≤ 0 and was removed.`);
      continue;
    }
    if (weight < 0) notices.push(`mix: component ${quote(part)} had a negative weight; set to 0.`);
    const clampedMean = clamp(mean, -MEAN_LIMIT, MEAN_LIMIT);
    const clampedStd = clamp(std, STD_MIN, STD_MAX);
    if (clampedMean !== mean) notices.push(`mix: mean ${mean} clamped to ${clampedMean}.`);
    if (clampedStd !== std) notices.push(`mix: std ${std} clamped to ${clampedStd}.`);
    components.push({ weight: Math.max(0, weight), mean: clampedMean, std: clampedStd });
  }
  if (components.length === 0) {
    notices.push('mix: no usable component; the default mixture is used.');
    return { mixture: DEFAULT_MIXTURE, notices };
  }
  if (components.length > MAX_COMPONENTS) {
    notices.push(`mix: at most ${MAX_COMPONENTS} components; the first ${MAX_COMPONENTS} are kept.`);
    components.length = MAX_COMPONENTS;
  }
  if (components.every((c) => c.weight === 0))
    notices.push('mix: all weights were 0; equal weights are used.');
  else if (!Number.isFinite(components.reduce((sum, c) => sum + c.weight, 0)))
    notices.push(
      'mix: the weights add up to more than the largest number a double holds; each was divided by the ' +
        'largest before normalising.',
    );
  return { mixture: normalizeWeights(components), notices };
}

/** Compact number text for links: at most 4 significant digits, no trailing zeros. */
export function formatNumber(v: number): string {
  return String(Number(v.toPrecision(4)));
}

export function formatMixture(mixture: Mixture): string {
  return mixture.map((c) => [c.weight, c.mean, c.std].map(formatNumber).join(':')).join(',');
}
