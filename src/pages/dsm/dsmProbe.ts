import { blurGap, coverageShare, targetNoise } from '../../engine/dsm';
import { plotRange } from '../../engine/mixture';
import { pageValues } from '../../store/appStore';
import type { PageProbe } from '../../store/probe';
import { dsmState, tradeoffFor } from './dsmData';
import { playFrames, useDsmRun } from './dsmRun';
import { tweedieCurves } from './tweedieData';

/** JSON has no NaN: empty statistics become null. */
const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

function current() {
  const values = pageValues('dsm');
  const mixture = values.mix;
  const sigma = values.sigma;
  return { mixture, sigma, state: dsmState(mixture, sigma, values.n, values.seed) };
}

/**
 * metrics(): CONTRACT.md's dsm fields plus the gap read-out and the trade-off. `binned` lists the non-empty
 * bins of x̃: centre, mean target, count, its standard error (null below 2 pairs) and the exact value the mean
 * converges to (the q_σ-weighted average of s_σ over the bin). `tweedie` is the exact posterior mean E[x | x̃]
 * on the grid (`mean`) and Tweedie's x̃ + σ² s_σ(x̃) (`fromScore`).
 */
function metrics(): Record<string, unknown> {
  const { mixture, sigma, state } = current();
  const { binned, exactBins, grid, gap } = state;
  const keep = Array.from(binned.count, (c, b) => (c > 0 ? b : -1)).filter((b) => b >= 0);
  const curves = tradeoffFor(mixture);
  const run = useDsmRun.getState().mode;
  return {
    sigma,
    n: state.n,
    range: state.range,
    binned: {
      x: keep.map((b) => binned.centres[b]),
      meanTarget: keep.map((b) => binned.mean[b]),
      count: keep.map((b) => binned.count[b]),
      stderr: keep.map((b) => num(binned.stderr[b])),
      exact: keep.map((b) => exactBins[b]),
      width: binned.edges[1] - binned.edges[0],
      bins: binned.count.length,
      outside: binned.outside,
    },
    grid: { x: Array.from(grid.x), score: Array.from(grid.score), dataScore: Array.from(grid.dataScore) },
    // Tweedie's formula: the exact posterior mean E[x | x̃] on the same grid, and Tweedie's value from the score.
    tweedie: (() => {
      const t = tweedieCurves(mixture, sigma, grid.x);
      return {
        x: Array.from(t.x),
        mean: Array.from(t.mean),
        fromScore: Array.from(t.tweedie),
        maxGap: t.maxGap,
      };
    })(),
    mse: num(gap.mse),
    mseNoise: num(gap.noise),
    tradeoff: {
      sigma: Array.from(curves.sigma),
      blurGap: Array.from(curves.blurGap),
      targetNoise: Array.from(curves.targetNoise),
      totalVariance: Array.from(curves.totalVariance),
      coverage: Array.from(curves.coverage),
    },
    current: {
      blurGap: blurGap(mixture, sigma),
      targetNoise: targetNoise(mixture, sigma),
      coverage: coverageShare(mixture, sigma, plotRange(mixture, 5)),
    },
    mode: run.kind,
    ...playFrames.summary(),
  };
}

export const dsmProbe: PageProbe = {
  metrics,
  /**
   * The page's process is drawing the n pairs of the link. The run stops any animation and returns the metrics
   * with every pair (x clean, xTilde noisy, target), the same for the same link.
   */
  run: async () => {
    useDsmRun.getState().pause();
    const { sigma, state } = current();
    const { x, z } = state.pairs;
    const xTilde = Array.from(x, (v, i) => v + sigma * z[i]);
    return {
      ...metrics(),
      samples: { x: Array.from(x), xTilde, target: Array.from(z, (v) => -v / sigma) },
    };
  },
};
