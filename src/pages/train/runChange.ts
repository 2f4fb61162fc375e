/**
 * What a setting change does to a trained run, in words (no DOM): which settings changed between two configs
 * (the link parameters of a config, which undo restores, are store/trainConfig.ts trainParamsOf).
 */
import type { TrainConfig } from '../../engine/training/config';
import { formatMixture } from '../../store/mixtureParam';

const NAMES: [keyof TrainConfig, string][] = [
  ['objective', 'objective'],
  ['smin', 'σ_min'],
  ['smax', 'σ_max'],
  ['levels', 'levels'],
  ['width', 'width'],
  ['depth', 'depth'],
  ['lr', 'learning rate'],
  ['batch', 'batch'],
  ['data', 'training set'],
  ['seed', 'seed'],
];

const show = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));

/** "width 32 → 45, learning rate 0.003 → 0.005" (the mixture by name only). */
export function describeChange(a: TrainConfig, b: TrainConfig): string {
  const parts = NAMES.filter(([k]) => a[k] !== b[k]).map(
    ([k, name]) => `${name} ${show(a[k])} → ${show(b[k])}`,
  );
  if (formatMixture(a.mixture) !== formatMixture(b.mixture)) parts.push('the mixture');
  return parts.join(', ') || 'the settings';
}
