/**
 * The denoiser figure's numbers (no DOM): on the page's grid of x̃, the exact posterior mean E[x | x̃] and
 * Tweedie's x̃ + σ² s_σ(x̃) from the exact score of q_σ, plus the page's own (x̃, x) pairs as a cloud. The
 * figure and the automation probe read the same cached arrays.
 */
import { posteriorMean, tweedieMean } from '../../engine/tweedie';
import { plotRange, type Mixture } from '../../engine/mixture';
import type { LineChartData, Point } from '../../viz/types';
import { CLOUD_COUNT, type DsmState } from './dsmData';

export interface TweedieCurves {
  x: Float64Array;
  /** Closed-form E[x | x̃]. */
  mean: Float64Array;
  /** x̃ + σ² ∇log q_σ(x̃). */
  tweedie: Float64Array;
  /** Largest |tweedie − mean| over the grid. */
  maxGap: number;
}

let key: { mixture: Mixture; sigma: number; x: Float64Array } | null = null;
let cache: TweedieCurves | null = null;

export function tweedieCurves(mixture: Mixture, sigma: number, x: Float64Array): TweedieCurves {
  if (!cache || !key || key.mixture !== mixture || key.sigma !== sigma || key.x !== x) {
    const mean = x.map((v) => posteriorMean(mixture, sigma, v));
    const tweedie = x.map((v) => tweedieMean(mixture, sigma, v));
    let maxGap = 0;
    for (let i = 0; i < x.length; i++) maxGap = Math.max(maxGap, Math.abs(tweedie[i] - mean[i]));
    cache = { x, mean, tweedie, maxGap };
    key = { mixture, sigma, x };
  }
  return cache;
}

/** The chart: the cloud of pairs (x̃ across, clean x up), the identity line, the exact mean, Tweedie dashed. */
export function tweedieFigure(mixture: Mixture, state: DsmState, curves: TweedieCurves): LineChartData {
  const { pairs, sigma, range } = state;
  const cloud: Point[] = [];
  for (let i = 0; i < Math.min(state.n, CLOUD_COUNT); i++)
    cloud.push({ x: pairs.x[i] + sigma * pairs.z[i], y: pairs.x[i], colour: 'c-data dsm-cloud', r: 1.6 });
  const yDomain = plotRange(mixture, 3);
  return {
    xDomain: range,
    yDomain,
    points: cloud,
    series: [
      {
        id: 'identity',
        label: 'x̃ itself (no denoising)',
        x: [range[0], range[1]],
        y: [range[0], range[1]],
        colour: 'c-muted',
        faint: true,
      },
      { id: 'mean', label: 'exact E[x | x̃]', x: curves.x, y: curves.mean, colour: 'c-score' },
      {
        id: 'tweedie',
        label: 'Tweedie: x̃ + σ² ∇log q_σ(x̃)',
        x: curves.x,
        y: curves.tweedie,
        colour: 'c-target',
        dashed: true,
      },
    ],
  };
}
