/**
 * What a setting change does to a trained run, in words (no DOM): which settings changed between two configs,
 * and the URL parameters that describe a config (restored by undo).
 */
import type { TrainConfig } from '../../engine/training/config';
import { formatMixture } from '../../store/mixtureParam';
import type { ParamValues } from '../../store/paramSpec';

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

/** The train page's URL parameters of a config (what undo puts back). */
export function paramsOf(c: TrainConfig): ParamValues {
  return {
    objective: c.objective,
    smin: c.smin,
    smax: c.smax,
    levels: c.levels,
    width: c.width,
    depth: c.depth,
    lr: c.lr,
    batch: c.batch,
    data: c.data,
    seed: c.seed,
    mix: c.mixture.map((k) => ({ ...k })),
  };
}
