/**
 * Everything the score page draws, computed from the mixture, the view and the scale Z (no DOM here).
 * The unnormalised density is p̃(x) = Z p(x); its log shifts by log Z and its energy f = −log p̃ by −log Z,
 * while the score d/dx log p̃ = d/dx log p is the same for every Z.
 */
import { linspace } from '../../engine/grid';
import { mixtureLogPdf, mixtureScore, plotRange, type Mixture } from '../../engine/mixture';
import { normalPdf } from '../../engine/special';
import type { Handle, LineChartData, LineSeries } from '../../viz/types';

export type DensityView = 'density' | 'log' | 'energy';
export const GRID_POINTS = 801;

export interface ScoreGrid {
  x: Float64Array;
  pdf: Float64Array;
  logpdf: Float64Array;
  score: Float64Array;
}

export function scoreGrid(mixture: Mixture): ScoreGrid {
  const [lo, hi] = plotRange(mixture);
  const x = linspace(lo, hi, GRID_POINTS);
  const logpdf = x.map((v) => mixtureLogPdf(mixture, v));
  return { x, logpdf, pdf: logpdf.map(Math.exp), score: x.map((v) => mixtureScore(mixture, v)) };
}

/** The plotted quantity of a view at log p = l, for scale Z. */
export function viewValue(view: DensityView, logp: number, Z: number): number {
  const logScaled = logp + Math.log(Z);
  if (view === 'density') return Math.exp(logScaled);
  if (view === 'log') return logScaled;
  return -logScaled;
}

/**
 * The density axis grows in steps (1, 2, 5, 10, … times the peak of p) rather than with Z itself, so that moving
 * Z visibly moves the curve against a steady axis instead of silently relabelling the axis.
 */
export function axisScaleFor(Z: number): number {
  const steps = [1, 2, 5, 10, 20, 50, 100];
  return steps.find((s) => s >= Z) ?? Z;
}

const VIEW_FLOOR = 12; // log views show 12 nats below the peak: deeper tails are off the chart

export function densityChart(grid: ScoreGrid, mixture: Mixture, view: DensityView, Z: number): LineChartData {
  const maxLog = Math.max(...grid.logpdf);
  const values = grid.logpdf.map((l) => viewValue(view, l, Z));
  const series: LineSeries[] = [];
  let yDomain: [number, number];
  if (view === 'density') {
    const peak = Math.exp(maxLog);
    yDomain = [0, 1.12 * peak * axisScaleFor(Z)];
    // Each component's weighted density, for the drag handles to sit on.
    mixture.forEach((c, k) =>
      series.push({
        id: `component-${k}`,
        label: k === 0 ? 'Z·πₖ N(x; μₖ, sₖ²)' : '',
        x: grid.x,
        y: grid.x.map((v) => Z * c.weight * normalPdf(v, c.mean, c.std)),
        colour: 'c-muted',
        dashed: true,
        faint: true,
      }),
    );
    if (Z !== 1)
      series.push({
        id: 'normalised',
        label: 'p(x)',
        x: grid.x,
        y: grid.pdf,
        colour: 'c-muted',
        faint: true,
      });
    series.push({
      id: 'density',
      label: Z === 1 ? 'p(x)' : 'p̃(x) = Z·p(x)',
      x: grid.x,
      y: values,
      colour: 'c-data',
      area: true,
    });
  } else {
    // Show VIEW_FLOOR nats of depth below the highest point (log) or above the lowest (energy), with room for
    // both the scaled curve and the Z = 1 reference.
    const shift = Math.abs(Math.log(Z));
    if (view === 'log') {
      const hi = maxLog + Math.max(0, Math.log(Z)) + 1;
      yDomain = [hi - 1 - VIEW_FLOOR - shift, hi];
    } else {
      const lo = -maxLog - Math.max(0, Math.log(Z)) - 1;
      yDomain = [lo, lo + 1 + VIEW_FLOOR + shift];
    }
    if (Z !== 1) {
      series.push({
        id: 'normalised',
        label: view === 'log' ? 'log p(x)' : '−log p(x)',
        x: grid.x,
        y: grid.logpdf.map((l) => viewValue(view, l, 1)),
        colour: 'c-muted',
        faint: true,
      });
    }
    series.push({
      id: 'density',
      label: view === 'log' ? 'log p̃(x)' : 'energy f(x) = −log p̃(x)',
      x: grid.x,
      y: values,
      colour: 'c-data',
    });
  }
  return { xDomain: [grid.x[0], grid.x[grid.x.length - 1]], yDomain, series };
}

/** Handles sit on each component's own peak (drag: mean and weight) and one std to its right (drag: std). */
export function componentHandles(mixture: Mixture, Z: number): Handle[] {
  return mixture.flatMap((c, k) => {
    const peak = (Z * c.weight) / (c.std * Math.sqrt(2 * Math.PI));
    return [
      {
        id: `peak-${k}`,
        x: c.mean,
        y: peak,
        drag: 'xy' as const,
        label: `Component ${k + 1}: drag to move μ and change π`,
        colour: 'c-accent',
      },
      {
        id: `std-${k}`,
        x: c.mean + c.std,
        y: peak * Math.exp(-0.5),
        drag: 'x' as const,
        label: `Component ${k + 1}: drag to change s`,
        colour: 'c-accent',
      },
    ];
  });
}

/** Score axis: symmetric, sized by the score where the density is not negligible (tails would dwarf it). */
export function scoreDomain(grid: ScoreGrid): [number, number] {
  const peak = Math.max(...grid.pdf);
  let bound = 1;
  for (let i = 0; i < grid.x.length; i++) {
    if (grid.pdf[i] > 1e-3 * peak) bound = Math.max(bound, Math.abs(grid.score[i]));
  }
  return [-1.1 * bound, 1.1 * bound];
}

export function scoreChart(grid: ScoreGrid): LineChartData {
  return {
    xDomain: [grid.x[0], grid.x[grid.x.length - 1]],
    yDomain: scoreDomain(grid),
    zeroLine: true,
    series: [{ id: 'score', label: 's(x) = d/dx log p(x)', x: grid.x, y: grid.score, colour: 'c-score' }],
  };
}

/**
 * The probe arrow: horizontal, from the curve at x in the direction of s(x), its length growing with |s| but
 * compressed (tanh) so that steep tails do not leave the chart. At most 12% of the x range.
 */
export function probeArrowLength(score: number, xSpan: number, scoreBound: number): number {
  return 0.12 * xSpan * Math.tanh((1.5 * score) / Math.max(1e-9, scoreBound));
}

/** How many arrows the score field draws across the plotted range. */
export const FIELD_ARROWS = 31;

export interface ScoreField {
  /** Arrow tails (evenly spaced over the plotted range) and the exact score there. */
  x: number[];
  score: number[];
  /** Drawn length in x units: `unit` × s(x), cut to `maxLength` where that would reach the next arrow. */
  length: number[];
  clipped: boolean[];
  /** x units of arrow per unit of score (the same for every arrow, so lengths compare). */
  unit: number;
  maxLength: number;
}

/**
 * The score as a field of horizontal arrows along the axis: at each x_i an arrow of signed length unit · s(x_i).
 * One `unit` for all arrows, so lengths compare. The score's range is wide (near a narrow component |s| is ten
 * times what it is near a broad one, and in the tails it grows without bound), so `unit` is set by a typical
 * value rather than the largest: the median |s| over the arrows where the density is not negligible (above 10⁻³ of
 * its peak) gets half the spacing. Arrows longer than 0.9 of the spacing would reach the next one; they are cut
 * there and flagged as clipped.
 */
export function scoreField(mixture: Mixture, range: [number, number], count = FIELD_ARROWS): ScoreField {
  const [lo, hi] = range;
  const spacing = (hi - lo) / (count + 1);
  const maxLength = 0.9 * spacing;
  const xs = Array.from({ length: count }, (_, i) => lo + (i + 1) * spacing);
  const scores = xs.map((x) => mixtureScore(mixture, x));
  const logp = xs.map((x) => mixtureLogPdf(mixture, x));
  const peak = Math.max(...logp);
  const typical = scores
    .filter((_, i) => logp[i] > peak + Math.log(1e-3))
    .map(Math.abs)
    .sort((a, b) => a - b);
  const median = typical.length > 0 ? typical[Math.floor(typical.length / 2)] : 1;
  const unit = (0.5 * spacing) / Math.max(1e-6, median);
  const field: ScoreField = { x: xs, score: scores, length: [], clipped: [], unit, maxLength };
  for (const s of scores) {
    const raw = unit * s;
    const clipped = Math.abs(raw) > maxLength;
    field.length.push(clipped ? Math.sign(raw) * maxLength : raw);
    field.clipped.push(clipped);
  }
  return field;
}

/** The field drawn on a strip: arrows along y = 0, clipped ones in their own class (dashed, with a bar). */
export function scoreFieldChart(field: ScoreField, range: [number, number]): LineChartData {
  return {
    xDomain: range,
    yDomain: [-1, 1],
    series: [],
    arrows: field.x.map((x, i) => ({
      x0: x,
      y0: 0,
      x1: x + field.length[i],
      y1: 0,
      colour: field.clipped[i] ? 'c-score clipped' : 'c-score',
    })),
  };
}
