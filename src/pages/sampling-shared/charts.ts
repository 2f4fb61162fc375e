/**
 * Chart data for the sampling pages, built from frames and records (plain data in, plain data out).
 *
 * Colours by role (app.css): the particles are a finite-sample estimate (c-kde), the data density p is c-data,
 * the noisy density q_σ of an annealing level is c-noisy.
 */
import { linspace } from '../../engine/grid';
import { mixturePdf, perturbMixture, type Mixture } from '../../engine/mixture';
import type { WeightRecord } from '../../engine/tf/sampling';
import type { HistogramView, TrackRecords } from '../../worker/samplerProtocol';
import type { Bar, LineChartData, LineSeries, Point } from '../../viz/types';

/** One colour per mixture component (at most six), for the weight figures. */
export const COMPONENT_COLOURS = ['c-data', 'c-noisy', 'c-score', 'c-learned', 'c-target', 'c-accent'];

export interface Curve {
  x: Float64Array;
  y: Float64Array;
}

/** The density of `mixture` blurred by σ (σ = 0: p itself) on a grid over [lo, hi]. */
export function densityCurve(mixture: Mixture, lo: number, hi: number, sigma = 0, points = 361): Curve {
  const m = sigma > 0 ? perturbMixture(mixture, sigma) : mixture;
  const x = linspace(lo, hi, points);
  return { x, y: x.map((v) => mixturePdf(m, v)) };
}

export function peakOf(values: ArrayLike<number>): number {
  let top = 0;
  for (let i = 0; i < values.length; i++) top = Math.max(top, values[i]);
  return top;
}

/** Histogram bars as densities: count / (n · bin width), so they share an axis with the pdf. */
export function histogramBars(h: HistogramView, colour = 'c-kde'): Bar[] {
  const width = (h.hi - h.lo) / h.bins;
  const scale = h.total > 0 ? 1 / (h.total * width) : 0;
  return h.counts.map((c, j) => ({ x0: h.lo + j * width, x1: h.lo + (j + 1) * width, y: c * scale, colour }));
}

/** Share of the particles outside the plotted range. */
export function outsideShare(h: HistogramView): number {
  return h.total > 0 ? (h.below + h.above) / h.total : 0;
}

/**
 * The main figure: the particles' histogram against p, and, in an annealed run, against the current level's
 * q_σ (p then drawn faint for reference). The y axis is fixed by p's peak so it does not jump between frames.
 */
export function histogramFigure(h: HistogramView, p: Curve, q: Curve | null): LineChartData {
  const series: LineSeries[] = [];
  if (q) series.push({ id: 'q', label: 'q_σ of the current level', x: q.x, y: q.y, colour: 'c-noisy' });
  series.push({
    id: 'p',
    label: 'target density p(x)',
    x: p.x,
    y: p.y,
    colour: 'c-data',
    dashed: q !== null,
    faint: q !== null,
  });
  return {
    xDomain: [h.lo, h.hi],
    yDomain: [0, 1.25 * peakOf(p.y)],
    bars: histogramBars(h),
    series,
  };
}

/** Tracks drawn strong (evenly spread among the tracked ones), the rest faint: a few paths stay readable. */
export const HIGHLIGHTED_TRACKS = 3;

/** The time × x view: one line per tracked particle, a few of them highlighted; level boundaries as markers. */
export function trackFigure(
  records: TrackRecords,
  totalSteps: number,
  range: [number, number],
  levelEnds: number[] = [],
): LineChartData {
  const { steps, positions, tracks } = records;
  const strong = new Set(
    Array.from({ length: Math.min(HIGHLIGHTED_TRACKS, tracks) }, (_, i) =>
      Math.floor(((i + 0.5) * tracks) / HIGHLIGHTED_TRACKS),
    ),
  );
  const faint: LineSeries[] = [];
  const bold: LineSeries[] = [];
  for (let j = 0; j < tracks; j++) {
    const y = new Float64Array(steps.length);
    for (let t = 0; t < steps.length; t++) y[t] = positions[t * tracks + j];
    if (strong.has(j))
      bold.push({ id: `track-${j}`, label: '', x: steps, y, colour: 'c-accent samp-track-strong' });
    else faint.push({ id: `track-${j}`, label: '', x: steps, y, colour: 'c-kde', faint: true });
  }
  return {
    xDomain: [0, Math.max(1, totalSteps)],
    yDomain: range,
    // Strong tracks last, so they are drawn on top.
    series: [...faint, ...bold],
    markers: levelEnds.slice(0, -1).map((x) => ({ x, colour: 'c-muted' })),
  };
}

/** α_i per level on a log axis, the current level marked. */
export function stepSizeFigure(levels: { stepSize: number }[], current: number): LineChartData {
  const x = levels.map((_, i) => i + 1);
  const y = levels.map((l) => l.stepSize);
  const lo = Math.min(...y);
  const hi = Math.max(...y);
  const points: Point[] = levels.map((l, i) => ({
    x: i + 1,
    y: l.stepSize,
    colour: i === current ? 'c-accent' : 'c-noisy',
    r: i === current ? 5 : 3,
  }));
  return {
    xDomain: [0.5, levels.length + 0.5],
    // Room above the first level's point for the axis label.
    yDomain: [lo / 2, hi * 5],
    series: [{ id: 'alpha', label: 'α_i = ε σ_i²/σ_L²', x, y, colour: 'c-muted', faint: true }],
    points,
  };
}

/** Each component's share of the particles over the run, with its true weight dashed. */
export function weightHistoryFigure(
  records: WeightRecord[],
  trueWeights: number[],
  totalSteps: number,
): LineChartData {
  const steps = records.map((r) => r.step);
  const end = Math.max(1, totalSteps);
  const series: LineSeries[] = [];
  trueWeights.forEach((w, k) => {
    const colour = COMPONENT_COLOURS[k % COMPONENT_COLOURS.length];
    series.push({
      id: `share-${k}`,
      label: `component ${k + 1}`,
      x: steps,
      y: records.map((r) => r.weights[k]),
      colour,
    });
    series.push({ id: `true-${k}`, label: '', x: [0, end], y: [w, w], colour, dashed: true, faint: true });
  });
  return { xDomain: [0, end], yDomain: [0, 1], series };
}

/** One small multiple: the particles at the end of a level (when reached) against that level's q_σ. */
export function snapshotFigure(h: HistogramView | null, q: Curve): LineChartData {
  const bars = h ? histogramBars(h) : [];
  const top = Math.max(peakOf(q.y), ...bars.map((b) => b.y));
  return {
    xDomain: [q.x[0], q.x[q.x.length - 1]],
    yDomain: [0, 1.1 * (top || 1)],
    bars,
    series: [{ id: 'q', label: '', x: q.x, y: q.y, colour: 'c-noisy' }],
  };
}
