/**
 * Chart data for the manifold demo (plain data): the scores of p and q_σ while one component narrows, and
 * the largest |score| against the width on log–log axes.
 */
import { logspace } from '../../engine/grid';
import { resolvingGrid, scoreBlowUp, withComponentWidth, type BlowUp } from '../../engine/manifold';
import { mixtureScore, perturbMixture, plotRange, type Mixture } from '../../engine/mixture';
import type { LineChartData } from '../../viz/types';

/** Slider stops: 0 keeps the data's width, WIDTH_STOPS − 1 reaches 10⁻⁶, and one more stop is w = 0. */
export const WIDTH_STOPS = 61;
export const MIN_WIDTH = 1e-6;

/** The width at a slider position: log-spaced from the component's own std down to 10⁻⁶, then exactly 0. */
export function widthAt(position: number, std: number): number {
  if (position >= WIDTH_STOPS) return 0;
  const u = Math.max(0, position) / (WIDTH_STOPS - 1);
  return Math.exp(Math.log(std) + u * (Math.log(MIN_WIDTH) - Math.log(std)));
}

export interface ManifoldView {
  range: [number, number];
  w: number;
  blowUp: BlowUp;
  scores: LineChartData;
}

export function manifoldView(mixture: Mixture, k: number, w: number, sigma: number): ManifoldView {
  const range = plotRange(mixture, 4);
  const centre = mixture[k].mean;
  const narrowed = withComponentWidth(mixture, k, w);
  const q = perturbMixture(narrowed, sigma);
  const blowUp = scoreBlowUp(mixture, k, w, sigma, range);
  const qx = resolvingGrid(range, centre, Math.sqrt(w * w + sigma * sigma));
  const bound =
    1.3 * Math.max(blowUp.maxScoreQ, scoreBlowUp(mixture, k, mixture[k].std, 0, range).maxScore ?? 1);
  const series: LineChartData['series'] = [];
  if (w > 0) {
    const px = resolvingGrid(range, centre, w);
    series.push({
      id: 'p',
      label: 'score of p',
      x: px,
      y: px.map((x) => mixtureScore(narrowed, x)),
      colour: 'c-data',
    });
  }
  series.push({
    id: 'q',
    label: 'score of q_σ',
    x: qx,
    y: qx.map((x) => mixtureScore(q, x)),
    colour: 'c-noisy',
  });
  const scores: LineChartData = {
    xDomain: range,
    yDomain: [-bound, bound],
    zeroLine: true,
    series,
    markers: w > 0 ? [] : [{ x: centre, colour: 'c-data', label: 'point mass' }],
  };
  return { range, w, blowUp, scores };
}

export interface GrowthCurves {
  widths: Float64Array;
  pMax: Float64Array;
  qMax: Float64Array;
}

/** Largest |score| of p and q_σ at widths log-spaced from 10⁻⁶ to the component's std (independent of w). */
export function growthCurves(mixture: Mixture, k: number, sigma: number): GrowthCurves {
  const range = plotRange(mixture, 4);
  const widths = logspace(MIN_WIDTH, mixture[k].std, 37);
  const pMax = new Float64Array(widths.length);
  const qMax = new Float64Array(widths.length);
  widths.forEach((v, i) => {
    const b = scoreBlowUp(mixture, k, v, sigma, range);
    pMax[i] = b.maxScore ?? NaN;
    qMax[i] = b.maxScoreQ;
  });
  return { widths, pMax, qMax };
}

export function growthChart(curves: GrowthCurves, w: number): LineChartData {
  const { widths, pMax, qMax } = curves;
  return {
    xDomain: [widths[0], widths[widths.length - 1]],
    yDomain: [Math.min(...qMax, ...pMax) / 2, 2 * Math.max(...pMax)],
    series: [
      { id: 'pmax', label: 'largest |score of p|', x: widths, y: pMax, colour: 'c-data' },
      { id: 'qmax', label: 'largest |score of q_σ|', x: widths, y: qMax, colour: 'c-noisy' },
    ],
    markers: w > 0 ? [{ x: w, colour: 'c-accent' }] : [],
  };
}
