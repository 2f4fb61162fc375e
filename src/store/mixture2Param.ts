/**
 * The `mix2` URL parameter of the plane pages: components `weight:mx:my:sx:sy:rho` joined by `,` (CONTRACT.md §3).
 * As with `mix`, parsing never throws: malformed text falls back to the default mixture, numbers out of range are
 * clamped, components that cannot be a Gaussian (a standard deviation ≤ 0) are dropped, |ρ| is kept below 1, and each
 * change is said in a sentence for the notice area. Weights are normalised silently (that is what `mix2` means).
 */
import {
  MAX_COMPONENTS_2D,
  normalizeWeights2,
  type Component2,
  type Mixture2,
} from '../engine/plane/mixture2';
import { DEFAULT_MIXTURE_2D } from '../engine/plane/presets2';
import { quote, readDecimal } from '../engine/textInput';
import { formatNumber } from './mixtureParam';

export const MEAN_LIMIT_2D = 10;
export const STD_MIN_2D = 0.02;
export const STD_MAX_2D = 5;
/**
 * |ρ| at most 0.99: the covariance's smaller eigenvalue is then at least 1 % of s_x s_y (for s_x = s_y = s it is
 * s²(1 − |ρ|)), so Σ stays invertible in floating point with room to spare, while components as thin as the
 * curve preset's (|ρ| ≈ 0.97) remain expressible.
 */
export const RHO_LIMIT = 0.99;

export interface ParsedMixture2 {
  mixture: Mixture2;
  notices: string[];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function parseMixture2(raw: string): ParsedMixture2 {
  const notices: string[] = [];
  const parts = raw.split(',').filter((p) => p.trim() !== '');
  const components: Component2[] = [];
  for (const part of parts) {
    const fields = part.split(':').map(readDecimal);
    if (fields.length !== 6 || fields.some((f) => !Number.isFinite(f))) {
      return {
        mixture: DEFAULT_MIXTURE_2D,
        notices: [
          `mix2: ${quote(raw)} is not a list of weight:mx:my:sx:sy:rho; the default mixture is used.`,
        ],
      };
    }
    const [weight, mx, my, sx, sy, rho] = fields;
    if (sx <= 0 || sy <= 0) {
      notices.push(`mix2: component ${quote(part)} has a standard deviation ≤ 0 and was removed.`);
      continue;
    }
    if (weight < 0) notices.push(`mix2: component ${quote(part)} had a negative weight; set to 0.`);
    const clamped = {
      mx: clamp(mx, -MEAN_LIMIT_2D, MEAN_LIMIT_2D),
      my: clamp(my, -MEAN_LIMIT_2D, MEAN_LIMIT_2D),
      sx: clamp(sx, STD_MIN_2D, STD_MAX_2D),
      sy: clamp(sy, STD_MIN_2D, STD_MAX_2D),
      rho: clamp(rho, -RHO_LIMIT, RHO_LIMIT),
    };
    const given = { mx, my, sx, sy, rho };
    for (const key of ['mx', 'my', 'sx', 'sy', 'rho'] as const) {
      if (clamped[key] !== given[key]) notices.push(`mix2: ${key} ${given[key]} clamped to ${clamped[key]}.`);
    }
    components.push({ weight: Math.max(0, weight), ...clamped });
  }
  if (components.length === 0) {
    notices.push('mix2: no usable component; the default mixture is used.');
    return { mixture: DEFAULT_MIXTURE_2D, notices };
  }
  if (components.length > MAX_COMPONENTS_2D) {
    notices.push(`mix2: at most ${MAX_COMPONENTS_2D} components; the first ${MAX_COMPONENTS_2D} are kept.`);
    components.length = MAX_COMPONENTS_2D;
  }
  if (components.every((c) => c.weight === 0))
    notices.push('mix2: all weights were 0; equal weights are used.');
  return { mixture: normalizeWeights2(components), notices };
}

export function formatMixture2(mixture: Mixture2): string {
  return mixture.map((c) => [c.weight, c.mx, c.my, c.sx, c.sy, c.rho].map(formatNumber).join(':')).join(',');
}
