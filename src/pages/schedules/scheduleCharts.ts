/**
 * Chart data for the four schedule curves, all against the normalised time t/T: β_t (log axis), ᾱ_t, log SNR
 * and λ_t (log axis). VE schedules have no β; on the ᾱ chart they appear, dashed, as the VP ᾱ with the same
 * λ, 1/(1 + σ²) (VE curves are dotted or dashed: DASH_OF).
 */
import type { LineChartData, LineSeries, Point } from '../../viz/types';
import type { ScheduleName } from '../../engine/schedules';
import { GONE_LAMBDA, CLEAN_LAMBDA, SCHEDULE_INFO, type Schedule } from '../../engine/schedules';
import type { ScheduleView } from './schedulesModel';

export const colourOf = (name: ScheduleName) => `c-sched-${name}`;

/**
 * A dash pattern per schedule, so that no two curves differ by colour alone (and pairs whose shapes are close —
 * linear against geometric, cosine against Karras — differ in both hue and pattern). VP schedules are solid or
 * dash-dotted, VE ones dotted or dashed. Colours are in layout.css, per theme.
 */
export const DASH_OF: Record<ScheduleName, string | null> = {
  linear: null,
  cosine: null,
  linvar: '10 3',
  sigmoid: '8 3 2 3',
  tanh: '4 2 1 2',
  softsign: '12 3 2 3 2 3',
  geometric: '2 3',
  karras: '7 4',
};

/** Up to this many steps, every step is also drawn as a dot: the levels are few and each one matters. */
const DOT_LIMIT = 60;

type Field = 'beta' | 'alphaBar' | 'logSNR' | 'lambda';

function fieldOf(s: Schedule, field: Field): Float64Array | null {
  switch (field) {
    case 'beta':
      return s.family === 'vp' ? s.beta : null;
    case 'alphaBar':
      return s.family === 'vp' ? s.alphaBar : s.equivalentAlphaBar;
    case 'logSNR':
      return s.logSNR;
    case 'lambda':
      return s.lambda;
  }
}

function timeAxis(T: number): Float64Array {
  return Float64Array.from({ length: T }, (_, i) => (i + 1) / T);
}

function seriesFor(views: readonly ScheduleView[], field: Field) {
  const series: LineSeries[] = [];
  const points: Point[] = [];
  for (const { schedule } of views) {
    const y = fieldOf(schedule, field);
    if (!y) continue;
    const x = timeAxis(schedule.T);
    series.push({
      id: schedule.name,
      label: SCHEDULE_INFO[schedule.name].label,
      x,
      y,
      colour: colourOf(schedule.name),
      dash: DASH_OF[schedule.name] ?? undefined,
    });
    if (schedule.T <= DOT_LIMIT) {
      for (let i = 0; i < schedule.T; i++)
        points.push({ x: x[i], y: y[i], colour: colourOf(schedule.name), r: 2.6 });
    }
  }
  return { series, points };
}

function extent(series: readonly LineSeries[], positiveOnly: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.y.length; i++) {
      const v = s.y[i];
      if (!Number.isFinite(v) || (positiveOnly && !(v > 0))) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

/** Powers of ten around [lo, hi] for a log axis. */
function decades([lo, hi]: [number, number]): [number, number] {
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

const markersFor = (hoverU: number | null) => (hoverU === null ? [] : [{ x: hoverU, colour: 'c-muted' }]);

export function betaChart(views: readonly ScheduleView[], hoverU: number | null): LineChartData {
  const { series, points } = seriesFor(views, 'beta');
  return {
    xDomain: [0, 1],
    yDomain: series.length ? decades(extent(series, true)) : [1e-4, 1],
    series,
    points,
    markers: markersFor(hoverU),
  };
}

export function alphaBarChart(views: readonly ScheduleView[], hoverU: number | null): LineChartData {
  const { series, points } = seriesFor(views, 'alphaBar');
  // Headroom above ᾱ = 1 keeps the axis label clear of the curves, which all start there.
  return { xDomain: [0, 1], yDomain: [0, 1.12], series, points, markers: markersFor(hoverU) };
}

export function logSnrChart(views: readonly ScheduleView[], hoverU: number | null): LineChartData {
  const { series, points } = seriesFor(views, 'logSNR');
  const [lo, hi] = extent(series, false);
  const span = Math.max(1, hi - lo);
  return {
    xDomain: [0, 1],
    // More room on top: the axis label sits there, and the curves start high.
    yDomain: [Math.floor(lo - 0.05 * span), Math.ceil(hi + 0.15 * span)],
    series,
    points,
    zeroLine: true,
    markers: markersFor(hoverU),
  };
}

/** λ on a log axis, with the read-out's thresholds λ = 0.1 and λ = 10 as faint dashed lines. */
export function lambdaChart(views: readonly ScheduleView[], hoverU: number | null): LineChartData {
  const { series, points } = seriesFor(views, 'lambda');
  const [lo, hi] = decades(extent(series, true));
  const yDomain: [number, number] = [Math.min(lo, 0.01), Math.max(hi, 100)];
  const threshold = (id: string, value: number): LineSeries => ({
    id,
    label: '',
    x: [0, 1],
    y: [value, value],
    colour: 'c-muted',
    dashed: true,
    faint: true,
  });
  return {
    xDomain: [0, 1],
    yDomain,
    series: [threshold('gone', GONE_LAMBDA), threshold('clean', CLEAN_LAMBDA), ...series],
    points,
    markers: markersFor(hoverU),
  };
}
