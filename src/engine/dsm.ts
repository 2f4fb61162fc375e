/**
 * Denoising score matching (Vincent 2011) on the 1D mixture, computed exactly where possible.
 *
 * A pair is a clean sample x ~ p and a noisy copy x̃ = x + σz, z ~ N(0, 1). Its DSM target is
 *   t = (x − x̃)/σ² = −z/σ,
 * which points from x̃ back to x. One target is mostly noise, but its average at fixed x̃ is the score of the
 * blurred density: E[t | x̃] = d/dx̃ log q_σ(x̃). Everything below either draws pairs, averages targets, or
 * gives the exact numbers those averages should reach.
 */
import { trapezoid } from './grid';
import {
  componentSpan,
  mixturePdf,
  mixtureScore,
  perturbMixture,
  sampleMixture,
  type Mixture,
} from './mixture';
import { createRng } from './rng';
import { normalCdf } from './special';

/** The first n pairs of a stream, as views (x clean, z the standard normal noise; x̃ = x + σz). */
export interface PairPrefix {
  x: Float64Array;
  z: Float64Array;
}

/**
 * An endless, seeded stream of (x, z) draws. Clean samples and noise come from two forked generators, so
 * the first n pairs are the same however the stream was grown (all at once or a few at a time while the
 * page plays). The noise is kept as z, not x̃: moving σ rescales the same draws instead of redrawing them.
 */
export interface PairStream {
  take(n: number): PairPrefix;
}

export function createPairStream(mixture: Mixture, seed: number): PairStream {
  const root = createRng(seed);
  const rngX = root.fork();
  const rngZ = root.fork();
  let size = 0;
  let x = new Float64Array(0);
  let z = new Float64Array(0);
  return {
    take(n) {
      if (n > size) {
        if (n > x.length) {
          // Grow geometrically so that playing (many small extensions) stays O(total).
          const capacity = Math.max(n, Math.min(2 * x.length, n + 1_000_000));
          const nx = new Float64Array(capacity);
          const nz = new Float64Array(capacity);
          nx.set(x.subarray(0, size));
          nz.set(z.subarray(0, size));
          x = nx;
          z = nz;
        }
        x.set(sampleMixture(mixture, n - size, rngX), size);
        z.set(rngZ.normals(n - size), size);
        size = n;
      }
      return { x: x.subarray(0, n), z: z.subarray(0, n) };
    },
  };
}

/** The DSM target of one pair, (x − x̃)/σ². */
export function dsmTarget(x: number, xTilde: number, sigma: number): number {
  return (x - xTilde) / (sigma * sigma);
}

export interface BinnedTargets {
  /** bins + 1 edges from lo to hi. */
  edges: Float64Array;
  centres: Float64Array;
  count: Float64Array;
  /** Mean target per bin (NaN where empty). */
  mean: Float64Array;
  /** Standard error of that mean, sd/√count with the n − 1 sd (NaN below 2 samples). */
  stderr: Float64Array;
  /** Pairs whose x̃ fell outside [lo, hi]. */
  outside: number;
}

/**
 * Targets averaged in equal bins of x̃ over [lo, hi], in one O(n) pass. Per bin, Welford's running mean and
 * sum of squared deviations (stable even when the mean is large next to the spread).
 */
export function binTargets(
  pairs: PairPrefix,
  options: { sigma: number; lo: number; hi: number; bins: number },
): BinnedTargets {
  const { sigma, lo, hi, bins } = options;
  const width = (hi - lo) / bins;
  const count = new Float64Array(bins);
  const mean = new Float64Array(bins);
  const m2 = new Float64Array(bins);
  let outside = 0;
  const n = pairs.x.length;
  for (let i = 0; i < n; i++) {
    const xTilde = pairs.x[i] + sigma * pairs.z[i];
    const b = Math.floor((xTilde - lo) / width);
    if (!(b >= 0 && b < bins)) {
      outside++;
      continue;
    }
    const t = -pairs.z[i] / sigma; // = (x − x̃)/σ², without the rounding of x̃ − x
    const c = ++count[b];
    const delta = t - mean[b];
    mean[b] += delta / c;
    m2[b] += delta * (t - mean[b]);
  }
  const edges = new Float64Array(bins + 1);
  const centres = new Float64Array(bins);
  const stderr = new Float64Array(bins);
  for (let b = 0; b <= bins; b++) edges[b] = lo + b * width;
  for (let b = 0; b < bins; b++) {
    centres[b] = lo + (b + 0.5) * width;
    if (count[b] === 0) mean[b] = NaN;
    stderr[b] = count[b] >= 2 ? Math.sqrt(m2[b] / (count[b] - 1) / count[b]) : NaN;
  }
  return { edges, centres, count, mean, stderr, outside };
}

/** Mass of one Gaussian on [a, b], using upper tails on the right so that far bins keep their digits. */
function gaussianMass(mean: number, std: number, a: number, b: number): number {
  const za = (a - mean) / std;
  const zb = (b - mean) / std;
  return za > 0 ? normalCdf(-za) - normalCdf(-zb) : normalCdf(zb) - normalCdf(za);
}

/**
 * The exact value a bin's mean target converges to: the score of q averaged over the bin, weighted by q.
 * Because q·s = q′, the average is a ratio of closed forms:
 *   E[t | a ≤ x̃ < b] = ∫_a^b q s dx̃ / ∫_a^b q dx̃ = (q(b) − q(a)) / (Q(b) − Q(a)).
 * `q` is the perturbed mixture (perturbMixture(p, σ)). Where the bin's mass underflows, the score at the
 * centre (the limit of a vanishing bin) stands in.
 */
export function exactBinScores(q: Mixture, edges: ArrayLike<number>): Float64Array {
  const out = new Float64Array(edges.length - 1);
  for (let b = 0; b < out.length; b++) {
    const a = edges[b];
    const c = edges[b + 1];
    let mass = 0;
    for (const k of q) mass += k.weight * gaussianMass(k.mean, k.std, a, c);
    const rise = mixturePdf(q, c) - mixturePdf(q, a);
    out[b] = mass > 1e-250 ? rise / mass : mixtureScore(q, 0.5 * (a + c));
  }
  return out;
}

export interface BinGap {
  /** Count-weighted mean squared gap Σ c_b (m_b − s̄_b)² / Σ c_b. */
  mse: number;
  /** What sampling noise alone predicts for it: Σ c_b se_b² / Σ c_b (the mean within-bin variance / 1). */
  noise: number;
  /** Bins that entered (count ≥ 2, and in `include` when given). */
  bins: number;
}

/**
 * How far binned means are from their exact values. For an unbiased mean of c_b targets with variance V_b,
 * E[c_b (m_b − s̄_b)²] = V_b, so both `mse` and `noise` estimate Σ V_b / n: the gap shrinks like 1/n.
 */
export function binGap(
  binned: BinnedTargets,
  exact: ArrayLike<number>,
  include?: ArrayLike<boolean>,
): BinGap {
  let weighted = 0;
  let noise = 0;
  let total = 0;
  let bins = 0;
  for (let b = 0; b < exact.length; b++) {
    const c = binned.count[b];
    if (c < 2 || (include && !include[b])) continue;
    const gap = binned.mean[b] - exact[b];
    weighted += c * gap * gap;
    noise += c * binned.stderr[b] * binned.stderr[b];
    total += c;
    bins++;
  }
  return total > 0 ? { mse: weighted / total, noise: noise / total, bins } : { mse: NaN, noise: NaN, bins };
}

/**
 * The spread of targets at one x̃. Given x̃ and component k, the clean x is Gaussian with variance
 * v_k = s_k²σ²/(s_k² + σ²) about a mean that makes the target's mean a_k = (μ_k − x̃)/(s_k² + σ²); mixing the
 * components with the responsibilities r_k of q_σ at x̃ gives
 *   Var[t | x̃] = Σ_k r_k (v_k/σ⁴ + a_k²) − (Σ_k r_k a_k)²,   and Σ_k r_k a_k = s_σ(x̃).
 */
export function targetVarianceAt(mixture: Mixture, sigma: number, xTilde: number): number {
  const q = perturbMixture(mixture, sigma);
  const s2 = sigma * sigma;
  let total = 0;
  let second = 0;
  let first = 0;
  const logs = q.map((c) =>
    c.weight > 0 ? Math.log(c.weight) - 0.5 * ((xTilde - c.mean) / c.std) ** 2 - Math.log(c.std) : -Infinity,
  );
  const top = Math.max(...logs);
  q.forEach((c, k) => {
    const r = Math.exp(logs[k] - top);
    const qv = c.std * c.std;
    const a = (c.mean - xTilde) / qv;
    const clean = mixture[k].std ** 2;
    total += r;
    second += r * ((clean * s2) / qv / (s2 * s2) + a * a);
    first += r * a;
  });
  return second / total - (first / total) ** 2;
}

/** Points spanning every component of a mixture to ±8 std, spaced at a tenth of the narrowest std. */
function quadratureGrid(mixture: Mixture): Float64Array {
  const { lo, hi, narrowest } = componentSpan(mixture, 8);
  const points = Math.min(40_001, Math.max(801, Math.ceil((hi - lo) / (narrowest / 10)) + 1));
  const out = new Float64Array(points);
  for (let i = 0; i < points; i++) out[i] = lo + ((hi - lo) * i) / (points - 1);
  return out;
}

/**
 * The blur error D(σ) = ∫ p(x) (s_σ(x) − s(x))² dx: how far the score DSM learns at level σ is from the
 * score of the data, where the data lives. It is 0 at σ = 0 and tends to ∫ p s² (the Fisher information of p)
 * as σ → ∞, where s_σ flattens to 0.
 */
export function blurGap(mixture: Mixture, sigma: number): number {
  const q = perturbMixture(mixture, sigma);
  const xs = quadratureGrid(mixture);
  const ys = xs.map((x) => mixturePdf(mixture, x) * (mixtureScore(q, x) - mixtureScore(mixture, x)) ** 2);
  return trapezoid(xs, ys);
}

/** Fisher information J = ∫ q s_q² dx of a mixture (the mean squared score). */
export function fisherInformation(mixture: Mixture): number {
  const xs = quadratureGrid(mixture);
  return trapezoid(
    xs,
    xs.map((x) => mixturePdf(mixture, x) * mixtureScore(mixture, x) ** 2),
  );
}

/**
 * The target noise N(σ) = E[(t − s_σ(x̃))²] = E_x̃ Var[t | x̃]: the part of a target that no model can fit
 * and only averaging removes. By the law of total variance, with Var t = E[z²]/σ² = 1/σ² and E[t | x̃] = s_σ,
 *   N(σ) = 1/σ² − ∫ q_σ s_σ² dx = 1/σ² − J(q_σ).
 * For one Gaussian of std s it is s²/(σ²(s² + σ²)): like 1/σ² for small σ, like s²/σ⁴ for large σ.
 */
export function targetNoise(mixture: Mixture, sigma: number): number {
  return 1 / (sigma * sigma) - fisherInformation(perturbMixture(mixture, sigma));
}

/**
 * The share of the data range [lo, hi] where q_σ exceeds `level` times its peak: where noisy points land
 * often enough for their targets to teach anything. Small σ leaves the gaps between modes unvisited.
 */
export function coverageShare(
  mixture: Mixture,
  sigma: number,
  range: [number, number],
  level = 0.01,
): number {
  const q = perturbMixture(mixture, sigma);
  const points = 2001;
  const values = new Float64Array(points);
  let peak = 0;
  for (let i = 0; i < points; i++) {
    values[i] = mixturePdf(q, range[0] + ((range[1] - range[0]) * i) / (points - 1));
    peak = Math.max(peak, values[i]);
  }
  let above = 0;
  for (let i = 0; i < points; i++) if (values[i] > level * peak) above++;
  return above / points;
}

export interface TradeoffCurves {
  sigma: Float64Array;
  /** D(σ), the blur error (above). */
  blurGap: Float64Array;
  /** N(σ), the target noise (above). */
  targetNoise: Float64Array;
  /** 1/σ², the total variance of a target. */
  totalVariance: Float64Array;
  /** Share of the data range with q_σ above 1% of its peak. */
  coverage: Float64Array;
}

export function tradeoffCurves(
  mixture: Mixture,
  sigmas: ArrayLike<number>,
  range: [number, number],
): TradeoffCurves {
  const sigma = Float64Array.from(sigmas);
  return {
    sigma,
    blurGap: sigma.map((s) => blurGap(mixture, s)),
    targetNoise: sigma.map((s) => targetNoise(mixture, s)),
    totalVariance: sigma.map((s) => 1 / (s * s)),
    coverage: sigma.map((s) => coverageShare(mixture, s, range)),
  };
}
