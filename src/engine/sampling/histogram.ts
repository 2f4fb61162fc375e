/**
 * Histograms of particles over a fixed range, ready to draw against the target density.
 *
 * Bins are equal, [lo + j h, lo + (j + 1) h) with h = (hi − lo)/bins, the last one closed at hi. Particles
 * below lo, above hi, or not finite are counted apart, never dropped silently.
 *
 * density_j = count_j / (n h), with n ALL particles (in range or not): then Σ_j density_j h is the share of
 * particles in range, and the bars estimate p(x) itself, so they can be drawn on the same axis as the pdf
 * (a histogram normalised over the in-range particles only would overshoot p when mass lies outside).
 */

export interface HistogramRange {
  lo: number;
  hi: number;
  bins: number;
}

export interface Histogram extends HistogramRange {
  counts: Float64Array;
  density: Float64Array;
  below: number;
  above: number;
  nonFinite: number;
  /** All particles counted (in range, below, above and non-finite). */
  total: number;
}

export function emptyHistogram(range: HistogramRange): Histogram {
  if (!(range.hi > range.lo) || !(range.bins >= 1)) {
    throw new Error(`histogram: needs lo < hi and bins ≥ 1, got [${range.lo}, ${range.hi}], ${range.bins}.`);
  }
  const bins = Math.floor(range.bins);
  return {
    lo: range.lo,
    hi: range.hi,
    bins,
    counts: new Float64Array(bins),
    density: new Float64Array(bins),
    below: 0,
    above: 0,
    nonFinite: 0,
    total: 0,
  };
}

/**
 * Counts `xs` into `into` (reusing its arrays: no allocation per frame) or into a new histogram over
 * `range`. One O(n) pass.
 */
export function histogram(xs: ArrayLike<number>, range: HistogramRange, into?: Histogram): Histogram {
  const h =
    into && into.lo === range.lo && into.hi === range.hi && into.bins === range.bins
      ? into
      : emptyHistogram(range);
  const { lo, hi, bins, counts, density } = h;
  counts.fill(0);
  const scale = bins / (hi - lo);
  let below = 0;
  let above = 0;
  let nonFinite = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x >= lo && x < hi) {
      // min() guards the rounding case where (x − lo)·scale lands exactly on bins for x just below hi.
      counts[Math.min(bins - 1, Math.floor((x - lo) * scale))]++;
    } else if (x === hi) counts[bins - 1]++;
    else if (x < lo) below++;
    else if (x > hi) above++;
    else nonFinite++;
  }
  const total = xs.length;
  const perDensity = total > 0 ? scale / total : 0;
  for (let j = 0; j < bins; j++) density[j] = counts[j] * perDensity;
  h.below = below;
  h.above = above;
  h.nonFinite = nonFinite;
  h.total = total;
  return h;
}

/**
 * A histogram as plain numbers, the form every worker sends to its page (postMessage-safe, no typed arrays):
 * counts per bin over [lo, hi], the particles below lo, and in `above` those above hi together with the
 * non-finite ones (a particle that blew up left the range upwards or sideways; either way it is not drawn).
 */
export interface HistogramView extends HistogramRange {
  counts: number[];
  below: number;
  above: number;
  total: number;
}

export function histogramView(h: Histogram): HistogramView {
  return {
    lo: h.lo,
    hi: h.hi,
    bins: h.bins,
    counts: Array.from(h.counts),
    below: h.below,
    above: h.above + h.nonFinite,
    total: h.total,
  };
}

/** The bins + 1 edges of a range (for drawing). */
export function histogramEdges(range: HistogramRange): Float64Array {
  const edges = new Float64Array(range.bins + 1);
  const width = (range.hi - range.lo) / range.bins;
  for (let j = 0; j <= range.bins; j++) edges[j] = range.lo + j * width;
  edges[range.bins] = range.hi;
  return edges;
}
