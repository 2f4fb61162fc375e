/**
 * The dsm page's numbers (no DOM): pairs for the link's seed, targets binned by x̃, the exact score of q_σ on
 * a grid, and the σ trade-off curves. The page and the automation probe share one cache, so `metrics()` reads
 * the very arrays on screen and a run at n = 200,000 draws each pair once.
 */
import {
  binGap,
  binTargets,
  createPairStream,
  exactBinScores,
  tradeoffCurves,
  type BinGap,
  type BinnedTargets,
  type PairPrefix,
  type PairStream,
  type TradeoffCurves,
} from '../../engine/dsm';
import { linspace, logspace } from '../../engine/grid';
import { mixturePdf, mixtureScore, perturbMixture, plotRange, type Mixture } from '../../engine/mixture';

export const GRID_POINTS = 801;
/** Pairs drawn as arrows: the first ones of the stream, so they stay put while n grows. */
export const ARROW_COUNT = 60;
/** Pairs drawn as faint dots (x̃, target): enough to see the cloud the curve runs through. */
export const CLOUD_COUNT = 800;
/** Clean samples drawn as rug ticks. */
export const RUG_COUNT = 1500;
/** σ range of the trade-off figure (the slider's range). */
export const TRADEOFF_SIGMAS = [0.01, 10] as const;

/**
 * The x range of the pair and average figures: the data's range (at least ±5 about its centre), widened
 * when σ is large so that the noisy points stay on the chart.
 */
export function dsmRange(mixture: Mixture, sigma: number): [number, number] {
  return plotRange(perturbMixture(mixture, sigma), 5);
}

/**
 * Bins of about half the narrowest std of q_σ (so the score changes little within a bin), between 24 and 80
 * so that each holds enough pairs to average and stays readable on a phone.
 */
export function binCount(mixture: Mixture, sigma: number, range: [number, number]): number {
  const narrowest = Math.min(...perturbMixture(mixture, sigma).map((c) => c.std));
  return Math.max(24, Math.min(80, Math.round((range[1] - range[0]) / (narrowest / 2))));
}

export interface DsmGrid {
  x: Float64Array;
  /** Exact score of q_σ. */
  score: Float64Array;
  /** Score of p (no noise). */
  dataScore: Float64Array;
  /** Density of q_σ. */
  q: Float64Array;
  pdf: Float64Array;
}

export interface DsmState {
  sigma: number;
  n: number;
  range: [number, number];
  grid: DsmGrid;
  pairs: PairPrefix;
  binned: BinnedTargets;
  /** Exact q-weighted average of s_σ over each bin: what each bin's mean converges to. */
  exactBins: Float64Array;
  gap: BinGap;
}

// One stream per (mixture, seed): growing n only draws the new pairs.
let streamKey: { mixture: Mixture; seed: number } | null = null;
let stream: PairStream | null = null;

/** How many pairs the current stream has drawn so far. */
let streamSize = 0;

export function pairsFor(mixture: Mixture, seed: number, n: number): PairPrefix {
  if (!stream || !streamKey || streamKey.mixture !== mixture || streamKey.seed !== seed) {
    stream = createPairStream(mixture, seed);
    streamKey = { mixture, seed };
    streamSize = 0;
  }
  streamSize = Math.max(streamSize, n);
  return stream.take(n);
}

/** Pairs drawn per background task while prefetching: a few milliseconds of work each. */
const PREFETCH_CHUNK = 8_000;
let prefetchToken = 0;

/**
 * Draws the stream ahead to n in small tasks between frames, so that play's next growth step finds its pairs
 * already drawn (one step near the top adds ~46,000 pairs: drawn in one frame that alone took tens of ms).
 * The draws are the same as drawing at once: the stream is a fixed sequence. A newer call cancels an older one.
 */
export function prefetchPairs(mixture: Mixture, seed: number, n: number): void {
  const token = ++prefetchToken;
  const chunk = () => {
    if (token !== prefetchToken) return;
    pairsFor(mixture, seed, 0); // switches to this link's stream if another one is cached
    if (streamSize >= n) return;
    pairsFor(mixture, seed, Math.min(n, streamSize + PREFETCH_CHUNK));
    setTimeout(chunk, 0);
  };
  setTimeout(chunk, 0);
}

export function dsmGrid(mixture: Mixture, sigma: number, range: [number, number]): DsmGrid {
  const q = perturbMixture(mixture, sigma);
  const x = linspace(range[0], range[1], GRID_POINTS);
  return {
    x,
    score: x.map((v) => mixtureScore(q, v)),
    dataScore: x.map((v) => mixtureScore(mixture, v)),
    q: x.map((v) => mixturePdf(q, v)),
    pdf: x.map((v) => mixturePdf(mixture, v)),
  };
}

let gridKey: { mixture: Mixture; sigma: number } | null = null;
let gridCache: { range: [number, number]; grid: DsmGrid; edges: Float64Array; exact: Float64Array } | null =
  null;

/** Everything that depends on σ but not on the draws, cached for the slider's current position. */
function exactPart(mixture: Mixture, sigma: number) {
  if (!gridCache || !gridKey || gridKey.mixture !== mixture || gridKey.sigma !== sigma) {
    const range = dsmRange(mixture, sigma);
    const bins = binCount(mixture, sigma, range);
    const edges = linspace(range[0], range[1], bins + 1);
    gridCache = {
      range,
      grid: dsmGrid(mixture, sigma, range),
      edges,
      exact: exactBinScores(perturbMixture(mixture, sigma), edges),
    };
    gridKey = { mixture, sigma };
  }
  return gridCache;
}

let stateKey: { mixture: Mixture; sigma: number; n: number; seed: number } | null = null;
let stateCache: DsmState | null = null;

/** The page's state for one link. O(n) when n or σ moves; O(new pairs) for the draws. */
export function dsmState(mixture: Mixture, sigma: number, n: number, seed: number): DsmState {
  const k = stateKey;
  if (stateCache && k && k.mixture === mixture && k.sigma === sigma && k.n === n && k.seed === seed)
    return stateCache;
  const { range, grid, edges, exact } = exactPart(mixture, sigma);
  const pairs = pairsFor(mixture, seed, n);
  const binned = binTargets(pairs, { sigma, lo: range[0], hi: range[1], bins: edges.length - 1 });
  stateCache = { sigma, n, range, grid, pairs, binned, exactBins: exact, gap: binGap(binned, exact) };
  stateKey = { mixture, sigma, n, seed };
  return stateCache;
}

let curvesKey: Mixture | null = null;
let curvesCache: TradeoffCurves | null = null;

/** The trade-off curves over σ depend only on the mixture (σ is their x axis). */
export function tradeoffFor(mixture: Mixture): TradeoffCurves {
  if (!curvesCache || curvesKey !== mixture) {
    curvesCache = tradeoffCurves(
      mixture,
      logspace(TRADEOFF_SIGMAS[0], TRADEOFF_SIGMAS[1], 49),
      plotRange(mixture, 5),
    );
    curvesKey = mixture;
  }
  return curvesCache;
}
