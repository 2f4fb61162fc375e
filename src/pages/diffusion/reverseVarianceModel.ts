/**
 * The reverse-step variance figure's numbers (no DOM): the exact E_{p_t} Var[x_{t−1} | x_t] beside β_t and
 * β̃_t, for the page's DDPM schedule when it is a VP one, else for the linear schedule with T = 1000.
 */
import {
  firstStepAboveBeta,
  reverseVarianceCurve,
  type ReverseVarianceCurve,
} from '../../engine/diffusion/reverseVariance';
import type { Mixture } from '../../engine/mixture';
import { buildSchedule, type ScheduleName, type VpSchedule } from '../../engine/schedules';
import type { LineChartData } from '../../viz/types';

/** Steps sampled for the curve (each costs one quadrature over p_t). */
export const CURVE_POINTS = 250;

export interface ReverseVarianceView {
  schedule: VpSchedule;
  /** True when the page's own process is drawn; false when it fell back to DDPM linear, T = 1000. */
  own: boolean;
  curve: ReverseVarianceCurve;
  firstAbove: number | null;
  /** Largest relative excess of the exact variance over β_t, and where. */
  maxExcess: { ratio: number; t: number };
  /** Whether the exact variance stays above β̃_t at every sampled step. */
  aboveTilde: boolean;
  /** Largest |exact/β_t − 1| over the sampled steps. */
  maxDeviation: number;
}

let cacheKey = '';
let cache: ReverseVarianceView | null = null;

export function reverseVarianceFor(
  mixture: Mixture,
  sde: string,
  name: ScheduleName,
  T: number,
): ReverseVarianceView {
  let schedule = buildSchedule(name, T);
  const own = sde === 'ddpm' && schedule.family === 'vp';
  if (!own) schedule = buildSchedule('linear', 1000);
  const vp = schedule as VpSchedule;
  const key = JSON.stringify([mixture, vp.name, vp.T]);
  if (cache && key === cacheKey) return { ...cache, own };
  const curve = reverseVarianceCurve(mixture, vp, CURVE_POINTS);
  let maxExcess = { ratio: -Infinity, t: 1 };
  let aboveTilde = true;
  let maxDeviation = 0;
  for (let i = 0; i < curve.t.length; i++) {
    const ratio = curve.exact[i] / curve.beta[i] - 1;
    maxDeviation = Math.max(maxDeviation, Math.abs(ratio));
    if (ratio > maxExcess.ratio) maxExcess = { ratio, t: curve.t[i] };
    if (!(curve.exact[i] > curve.betaTilde[i])) aboveTilde = false;
  }
  cache = {
    schedule: vp,
    own,
    curve,
    firstAbove: firstStepAboveBeta(mixture, vp, curve),
    maxExcess,
    aboveTilde,
    maxDeviation,
  };
  cacheKey = key;
  return cache;
}

/**
 * Variances relative to β_t, in percent: 100 (v/β_t − 1). β_t is the zero line; β̃_t falls to −100 % at
 * t = 1, so the y range follows the exact curve and lets β̃_t leave the chart at small t.
 */
export function reverseVarianceChart(view: ReverseVarianceView): LineChartData {
  const { curve } = view;
  const T = view.schedule.T;
  const u = Float64Array.from(curve.t, (t) => t / T);
  const rel = (v: Float64Array) => Float64Array.from(v, (x, i) => 100 * (x / curve.beta[i] - 1));
  const exact = rel(curve.exact);
  const tilde = rel(curve.betaTilde);
  let lo = 0;
  let hi = 0;
  for (const v of exact) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const pad = 0.15 * (hi - lo || 1);
  return {
    xDomain: [0, 1],
    yDomain: [lo - pad, hi + pad],
    zeroLine: true,
    series: [
      { id: 'exact', label: 'exact Var[xₜ₋₁ | xₜ], averaged over pₜ', x: u, y: exact, colour: 'c-score' },
      { id: 'betaTilde', label: 'β̃_t', x: u, y: tilde, colour: 'c-target', dashed: true },
    ],
    markers: view.firstAbove !== null ? [{ x: view.firstAbove / T, colour: 'c-accent' }] : [],
  };
}
