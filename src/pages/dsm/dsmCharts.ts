/**
 * Chart data for the dsm page's figures, built from the page state (plain data in, plain data out).
 */
import type { TradeoffCurves } from '../../engine/dsm';
import type { Arrow, ErrorBar, LineChartData, Point } from '../../viz/types';
import { ARROW_COUNT, CLOUD_COUNT, RUG_COUNT, TRADEOFF_SIGMAS, type DsmGrid, type DsmState } from './dsmData';

/** Largest |s_σ| where q_σ is above 1/1000 of its peak: the tails' steep scores would dwarf the rest. */
export function scoreBound(grid: DsmGrid): number {
  let peak = 0;
  for (let i = 0; i < grid.x.length; i++) peak = Math.max(peak, grid.q[i]);
  let bound = 1e-6;
  for (let i = 0; i < grid.x.length; i++)
    if (grid.q[i] > 1e-3 * peak) bound = Math.max(bound, Math.abs(grid.score[i]));
  return bound;
}

export interface ArrowScale {
  /** Arrow length in x units per unit of target. */
  kappa: number;
  /** How many times longer than the displacement x − x̃ the arrows are drawn (1 = they end above x). */
  magnify: number;
}

/**
 * An arrow carrying target t is drawn κ·t long. With κ = σ² it runs exactly from x̃ to x; its typical length
 * is then E|σz| ≈ 0.8σ, which vanishes at small σ, so κ = m·σ² with the smallest round m that keeps a typical
 * arrow at 3% of the range or more.
 */
export function arrowScale(sigma: number, span: number): ArrowScale {
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
  const magnify = steps.find((m) => 0.8 * sigma * m >= 0.03 * span) ?? 1000;
  return { kappa: sigma * sigma * magnify, magnify };
}

export interface PairsFigure {
  data: LineChartData;
  scale: ArrowScale;
  /** Arrows whose target lies beyond the y range, drawn at its edge. */
  pinned: number;
  yBound: number;
  arrows: number;
}

/**
 * Figure 1. Each pair i is an arrow whose tail sits at (x̃_i, t_i): at its noisy position, at the height of its
 * target. It points back towards x_i with length κ·t_i. The tails form the cloud whose average height at each
 * x̃ is the exact score of q_σ, drawn through it.
 */
export function pairsFigure(state: DsmState, hovered: number | null): PairsFigure {
  const { grid, pairs, sigma, range } = state;
  const bound = scoreBound(grid);
  const arrowIdx = Math.min(state.n, ARROW_COUNT);
  let targetMax = 0;
  for (let i = 0; i < arrowIdx; i++) targetMax = Math.max(targetMax, Math.abs(pairs.z[i] / sigma));
  const yBound = Math.max(1.1 * bound, Math.min(1.05 * targetMax, 3 * bound));
  const scale = arrowScale(sigma, range[1] - range[0]);
  const arrows: Arrow[] = [];
  let pinned = 0;
  for (let i = 0; i < arrowIdx; i++) {
    const xTilde = pairs.x[i] + sigma * pairs.z[i];
    const t = -pairs.z[i] / sigma;
    const off = Math.abs(t) > yBound;
    if (off) pinned++;
    const y = off ? Math.sign(t) * 0.97 * yBound : t;
    const colour = i === hovered ? 'c-accent dsm-hot' : off ? 'c-muted' : 'c-target';
    arrows.push({ x0: xTilde, y0: y, x1: xTilde + scale.kappa * t, y1: y, colour, key: i });
  }
  // The hovered arrow last, so it is drawn on top.
  if (hovered !== null && hovered < arrows.length) arrows.push(...arrows.splice(hovered, 1));
  const cloud: Point[] = [];
  for (let i = arrowIdx; i < Math.min(state.n, CLOUD_COUNT); i++) {
    cloud.push({
      x: pairs.x[i] + sigma * pairs.z[i],
      y: -pairs.z[i] / sigma,
      colour: 'c-target dsm-cloud',
      r: 1.6,
    });
  }
  const data: LineChartData = {
    xDomain: range,
    yDomain: [-yBound, yBound],
    zeroLine: true,
    rugs: [{ x: pairs.x.subarray(0, Math.min(state.n, RUG_COUNT)), colour: 'c-data' }],
    points: cloud,
    arrows,
    series: [
      {
        id: 'dataScore',
        label: 'score of p (no noise)',
        x: grid.x,
        y: grid.dataScore,
        colour: 'c-data',
        dashed: true,
      },
      { id: 'score', label: 'exact score of q_σ', x: grid.x, y: grid.score, colour: 'c-score' },
    ],
  };
  if (hovered !== null && hovered < arrowIdx) {
    const x = pairs.x[hovered];
    const xTilde = x + sigma * pairs.z[hovered];
    data.markers = [
      { x, colour: 'c-data' },
      { x: xTilde, colour: 'c-target' },
    ];
    const j = Math.round(
      ((xTilde - grid.x[0]) / (grid.x[grid.x.length - 1] - grid.x[0])) * (grid.x.length - 1),
    );
    if (j >= 0 && j < grid.x.length)
      data.points = [...cloud, { x: xTilde, y: grid.score[j], colour: 'c-score', r: 4 }];
  }
  return { data, scale, pinned, yBound, arrows: arrowIdx };
}

/** Bins with fewer pairs than this are drawn as a plain dot, without an error bar. */
export const MIN_BAR_COUNT = 10;

/** Figure 2: the mean target per bin of x̃ with ± one standard error, over the exact score of q_σ. */
export function averageFigure(state: DsmState): LineChartData {
  const { grid, binned, exactBins } = state;
  const bound = 1.35 * scoreBound(grid);
  const errorBars: ErrorBar[] = [];
  const singles: Point[] = [];
  for (let b = 0; b < binned.count.length; b++) {
    const c = binned.count[b];
    const m = binned.mean[b];
    // A standard error from a handful of targets is itself too noisy to draw: below MIN_BAR_COUNT, a dot.
    if (c >= MIN_BAR_COUNT)
      errorBars.push({
        x: binned.centres[b],
        y: m,
        lo: m - binned.stderr[b],
        hi: m + binned.stderr[b],
        colour: 'c-target',
      });
    else if (c >= 1) singles.push({ x: binned.centres[b], y: m, colour: 'c-target dsm-few', r: 2 });
  }
  // The exact bin averages as a step line: where each dot is heading.
  const stepX: number[] = [];
  const stepY: number[] = [];
  for (let b = 0; b < exactBins.length; b++) {
    stepX.push(binned.edges[b], binned.edges[b + 1]);
    stepY.push(exactBins[b], exactBins[b]);
  }
  return {
    xDomain: state.range,
    yDomain: [-bound, bound],
    zeroLine: true,
    errorBars,
    points: singles,
    series: [
      { id: 'score', label: 'exact score of q_σ', x: grid.x, y: grid.score, colour: 'c-score' },
      {
        id: 'binExact',
        label: 'its average over each bin',
        x: stepX,
        y: stepY,
        colour: 'c-muted',
        faint: true,
        dashed: true,
      },
    ],
  };
}

export interface CurrentTradeoff {
  blurGap: number;
  targetNoise: number;
  coverage: number;
}

/** Powers of ten that enclose every positive value of the curves. */
function logDomain(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = 0;
  for (const a of arrays)
    for (let i = 0; i < a.length; i++)
      if (a[i] > 0) {
        lo = Math.min(lo, a[i]);
        hi = Math.max(hi, a[i]);
      }
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

/** Figure 3a: blur error B(σ) against target noise N(σ), log–log, with the current σ marked. */
export function tradeoffFigure(curves: TradeoffCurves, sigma: number, now: CurrentTradeoff): LineChartData {
  return {
    xDomain: [TRADEOFF_SIGMAS[0], TRADEOFF_SIGMAS[1]],
    yDomain: logDomain(curves.blurGap, curves.targetNoise),
    markers: [{ x: sigma, colour: 'c-muted' }],
    points: [
      { x: sigma, y: now.blurGap, colour: 'c-kde', r: 4 },
      { x: sigma, y: now.targetNoise, colour: 'c-target', r: 4 },
    ],
    series: [
      {
        id: 'total',
        label: '1/σ²: total variance of a target',
        x: curves.sigma,
        y: curves.totalVariance,
        colour: 'c-muted',
        dashed: true,
        faint: true,
      },
      { id: 'blur', label: 'blur error B(σ)', x: curves.sigma, y: curves.blurGap, colour: 'c-kde' },
      { id: 'noise', label: 'target noise N(σ)', x: curves.sigma, y: curves.targetNoise, colour: 'c-target' },
    ],
  };
}

/** Figure 3b: the share of the data range where q_σ is above 1% of its peak. */
export function coverageFigure(curves: TradeoffCurves, sigma: number, now: CurrentTradeoff): LineChartData {
  return {
    xDomain: [TRADEOFF_SIGMAS[0], TRADEOFF_SIGMAS[1]],
    yDomain: [0, 1.05],
    markers: [{ x: sigma, colour: 'c-muted' }],
    points: [{ x: sigma, y: now.coverage, colour: 'c-noisy', r: 4 }],
    series: [
      {
        id: 'coverage',
        label: 'share of the data range where q_σ > 1% of its peak',
        x: curves.sigma,
        y: curves.coverage,
        colour: 'c-noisy',
        area: true,
      },
    ],
  };
}
