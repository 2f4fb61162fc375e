/**
 * Chart data for the training-levels figure (plain data): the density of log λ_t when t is drawn uniformly in
 * 1..T, per schedule, beside NCSN's flat density over log σ; and the ELBO weights of the ε-loss beside
 * L_simple's weight 1.
 */
import {
  elboWeights,
  levelDensity,
  logUniformDensity,
  SCHEDULE_INFO,
  SIGMA_MAX,
  SIGMA_MIN,
  type ScheduleName,
  type VpSchedule,
} from '../../engine/schedules';
import type { LineChartData, LineSeries } from '../../viz/types';
import { colourOf } from './scheduleCharts';
import type { ScheduleView } from './schedulesModel';

/** Finite, positive points only: a log axis cannot show the rest. */
function positive(x: ArrayLike<number>, y: ArrayLike<number>) {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++)
    if (Number.isFinite(x[i]) && Number.isFinite(y[i]) && y[i] > 0) {
      xs.push(x[i]);
      ys.push(y[i]);
    }
  return { x: xs, y: ys };
}

function bounds(series: LineSeries[], pad: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    for (let i = 0; i < s.y.length; i++) {
      lo = Math.min(lo, s.y[i]);
      hi = Math.max(hi, s.y[i]);
    }
  return [lo / pad, hi * pad];
}

export function levelDensityChart(views: readonly ScheduleView[]): LineChartData {
  const series: LineSeries[] = [];
  let xLo = Infinity;
  let xHi = -Infinity;
  for (const { schedule } of views) {
    const d = levelDensity(schedule);
    const p = positive(d.logLambda, d.density);
    for (const v of p.x) {
      xLo = Math.min(xLo, v);
      xHi = Math.max(xHi, v);
    }
    series.push({
      id: schedule.name,
      label: SCHEDULE_INFO[schedule.name].label,
      ...p,
      colour: colourOf(schedule.name),
      dashed: schedule.family === 've',
    });
  }
  if (!views.some((v) => v.schedule.name === 'geometric')) {
    const lo = Math.log(SIGMA_MIN);
    const hi = Math.log(SIGMA_MAX);
    const flat = logUniformDensity(SIGMA_MIN, SIGMA_MAX);
    series.push({
      id: 'ncsn',
      label: 'NCSN: uniform in log σ',
      x: [lo, hi],
      y: [flat, flat],
      colour: 'c-muted',
      dashed: true,
    });
    xLo = Math.min(xLo, lo);
    xHi = Math.max(xHi, hi);
  }
  return { xDomain: [xLo, xHi], yDomain: bounds(series, 1.5), series };
}

export function elboWeightChart(views: readonly ScheduleView[]): LineChartData {
  const series: LineSeries[] = [];
  for (const { schedule } of views) {
    if (schedule.family !== 'vp') continue;
    const w = elboWeights(schedule as VpSchedule, 'beta');
    const u = Float64Array.from({ length: schedule.T }, (_, i) => (i + 1) / schedule.T);
    series.push({
      id: schedule.name,
      label: SCHEDULE_INFO[schedule.name].label,
      ...positive(u, w),
      colour: colourOf(schedule.name),
    });
  }
  series.push({ id: 'simple', label: 'L_simple: 1', x: [0, 1], y: [1, 1], colour: 'c-muted', dashed: true });
  return { xDomain: [0, 1], yDomain: bounds(series, 1.5), series };
}

export interface LevelSummary {
  name: ScheduleName;
  label: string;
  /** Median λ_t of the training draws (t uniform in 1..T). */
  medianLambda: number;
  /** Share of draws with λ_t > 1 (noise std above the signal's scale). */
  noisyShare: number;
  /** VP only: ELBO weight at t = 2 over the weight at t = T (σ² = β). */
  weightSpread: number | null;
}

export function levelSummaries(views: readonly ScheduleView[]): LevelSummary[] {
  return views.map(({ schedule }) => {
    const sorted = Float64Array.from(schedule.lambda).sort();
    const T = schedule.T;
    const medianLambda = T % 2 ? sorted[(T - 1) / 2] : 0.5 * (sorted[T / 2 - 1] + sorted[T / 2]);
    let noisy = 0;
    for (const l of schedule.lambda) if (l > 1) noisy++;
    let weightSpread: number | null = null;
    if (schedule.family === 'vp' && T >= 2) {
      const w = elboWeights(schedule, 'beta');
      weightSpread = w[1] / w[T - 1];
    }
    return {
      name: schedule.name,
      label: SCHEDULE_INFO[schedule.name].label,
      medianLambda,
      noisyShare: noisy / T,
      weightSpread,
    };
  });
}
