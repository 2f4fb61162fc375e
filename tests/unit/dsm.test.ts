import { describe, expect, it } from 'vitest';
import {
  binGap,
  binTargets,
  blurGap,
  coverageShare,
  createPairStream,
  exactBinScores,
  fisherInformation,
  targetNoise,
  targetVarianceAt,
  tradeoffCurves,
} from '../../src/engine/dsm';
import { linspace, mapGrid, trapezoid } from '../../src/engine/grid';
import {
  DEFAULT_MIXTURE,
  mixturePdf,
  mixtureScore,
  perturbMixture,
  plotRange,
  type Mixture,
} from '../../src/engine/mixture';

const SINGLE: Mixture = [{ weight: 1, mean: 0.5, std: 0.7 }];

/** Pairs, bins and exact bin values for one seed, as the page computes them. */
function binnedRun(mixture: Mixture, sigma: number, n: number, seed: number, bins = 40) {
  const [lo, hi] = plotRange(perturbMixture(mixture, sigma));
  const pairs = createPairStream(mixture, seed).take(n);
  const binned = binTargets(pairs, { sigma, lo, hi, bins });
  const exact = exactBinScores(perturbMixture(mixture, sigma), binned.edges);
  return { binned, exact, pairs };
}

describe('pair stream', () => {
  it('gives the same first n pairs however it was grown', () => {
    const once = createPairStream(DEFAULT_MIXTURE, 7).take(1000);
    const grown = createPairStream(DEFAULT_MIXTURE, 7);
    grown.take(3);
    grown.take(10);
    grown.take(517);
    const stepwise = grown.take(1000);
    expect(Array.from(stepwise.x)).toEqual(Array.from(once.x));
    expect(Array.from(stepwise.z)).toEqual(Array.from(once.z));
    // A shorter take is a prefix.
    expect(Array.from(grown.take(20).x)).toEqual(Array.from(once.x.subarray(0, 20)));
  });

  it('draws clean samples from p and standard normal noise', () => {
    const { x, z } = createPairStream(DEFAULT_MIXTURE, 3).take(100_000);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    // Mixture mean 0.6·2 + 0.4·(−2) = 0.4 and std ≈ 1.99: 4 standard errors of tolerance.
    expect(Math.abs(mean(x) - 0.4)).toBeLessThan(4 * (2 / Math.sqrt(1e5)));
    expect(Math.abs(mean(z))).toBeLessThan(4 / Math.sqrt(1e5));
    expect(Math.abs(mean(z.map((v) => v * v)) - 1)).toBeLessThan(4 * Math.sqrt(2 / 1e5));
  });
});

describe('exact bin averages of the score', () => {
  it('equal the q-weighted average of s_σ over the bin (quadrature)', () => {
    const q = perturbMixture(DEFAULT_MIXTURE, 0.3);
    const edges = [-3, -2.2, -1.9, 0, 1.5, 2.5, 6];
    const exact = exactBinScores(q, edges);
    for (let b = 0; b < edges.length - 1; b++) {
      const xs = linspace(edges[b], edges[b + 1], 4001);
      const mass = trapezoid(
        xs,
        mapGrid(xs, (x) => mixturePdf(q, x)),
      );
      const moment = trapezoid(
        xs,
        mapGrid(xs, (x) => mixturePdf(q, x) * mixtureScore(q, x)),
      );
      // The trapezoid rule on 4,001 points is good to ~1e-6 relative here.
      expect(Math.abs(exact[b] - moment / mass)).toBeLessThan(1e-5 * (1 + Math.abs(exact[b])));
    }
  });

  it('tend to the score at the centre as the bin shrinks, also far in a tail', () => {
    const q = perturbMixture(DEFAULT_MIXTURE, 0.2);
    for (const x of [-2.1, 0.3, 2.4, 9]) {
      const [v] = exactBinScores(q, [x - 1e-4, x + 1e-4]);
      expect(v).toBeCloseTo(mixtureScore(q, x), 4);
    }
  });
});

describe('binned DSM targets converge to the score of q_σ', () => {
  const sigma = 0.3;
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('with a squared gap shrinking like 1/n (100× the samples, ~100× smaller)', () => {
    const small = 2_000;
    const large = 200_000;
    // A fixed set of bins for both sizes: those with an expected count of at least 10 at the small size.
    const reference = binnedRun(DEFAULT_MIXTURE, sigma, 10, 1);
    const q = perturbMixture(DEFAULT_MIXTURE, sigma);
    const e = reference.binned.edges;
    const include = Array.from({ length: e.length - 1 }, (_, b) => {
      const xs = linspace(e[b], e[b + 1], 201);
      return (
        small *
          trapezoid(
            xs,
            mapGrid(xs, (x) => mixturePdf(q, x)),
          ) >=
        10
      );
    });
    let mseSmall = 0;
    let mseLarge = 0;
    let noiseLarge = 0;
    for (const seed of seeds) {
      const a = binnedRun(DEFAULT_MIXTURE, sigma, small, seed);
      const b = binnedRun(DEFAULT_MIXTURE, sigma, large, seed + 100);
      mseSmall += binGap(a.binned, a.exact, include).mse / seeds.length;
      const gapLarge = binGap(b.binned, b.exact, include);
      mseLarge += gapLarge.mse / seeds.length;
      noiseLarge += gapLarge.noise / seeds.length;
    }
    // Each mean is over ~30 bins × 10 seeds of χ²-like terms: relative noise ≈ 0.15 each, so a ±2× band is
    // several standard deviations wide yet still rules out 1/√n or no convergence at all.
    const ratio = mseSmall / mseLarge;
    expect(ratio).toBeGreaterThan(50);
    expect(ratio).toBeLessThan(200);
    // And the remaining gap is what sampling noise predicts (no bias left over).
    expect(mseLarge / noiseLarge).toBeGreaterThan(0.7);
    expect(mseLarge / noiseLarge).toBeLessThan(1.4);
    expect(mseLarge).toBeLessThan(0.01);
  });

  it('with calibrated standard errors (~68% of bins within ±1 SE, ~95% within ±2 SE)', () => {
    let within1 = 0;
    let within2 = 0;
    let total = 0;
    for (const seed of seeds) {
      const { binned, exact } = binnedRun(DEFAULT_MIXTURE, sigma, 20_000, seed);
      for (let b = 0; b < exact.length; b++) {
        if (binned.count[b] < 30) continue;
        const z = Math.abs(binned.mean[b] - exact[b]) / binned.stderr[b];
        if (z <= 1) within1++;
        if (z <= 2) within2++;
        total++;
      }
    }
    expect(total).toBeGreaterThan(200);
    // Binomial sd of a share over ≥ 200 bins is ≤ 0.033: bounds are ~3 sd wide.
    expect(within1 / total).toBeGreaterThan(0.58);
    expect(within1 / total).toBeLessThan(0.78);
    expect(within2 / total).toBeGreaterThan(0.9);
  });

  it('counts every pair once, in a bin or outside', () => {
    const { binned } = binnedRun(DEFAULT_MIXTURE, 2, 5000, 4, 17);
    const inBins = binned.count.reduce((s, c) => s + c, 0);
    expect(inBins + binned.outside).toBe(5000);
  });
});

describe('the σ trade-off', () => {
  it('target noise: 1/σ² minus the Fisher information of q_σ, s²/(σ²(s²+σ²)) for one Gaussian', () => {
    const s = SINGLE[0].std;
    for (const sigma of [0.01, 0.1, 0.7, 3]) {
      const expected = (s * s) / (sigma * sigma * (s * s + sigma * sigma));
      expect(targetNoise(SINGLE, sigma) / expected).toBeCloseTo(1, 6);
      expect(targetVarianceAt(SINGLE, sigma, 1.3) / expected).toBeCloseTo(1, 10);
    }
    expect(fisherInformation(SINGLE)).toBeCloseTo(1 / (s * s), 8);
  });

  it('target noise: the mean of Var[t | x̃] over q_σ, and what pairs actually show', () => {
    const sigma = 0.4;
    const q = perturbMixture(DEFAULT_MIXTURE, sigma);
    const xs = linspace(-8, 9, 8001);
    const averaged = trapezoid(
      xs,
      mapGrid(xs, (x) => mixturePdf(q, x) * targetVarianceAt(DEFAULT_MIXTURE, sigma, x)),
    );
    const noise = targetNoise(DEFAULT_MIXTURE, sigma);
    expect(averaged).toBeCloseTo(noise, 6);
    // Monte Carlo: E[(t − s_σ(x̃))²] over 100,000 pairs, within 4 standard errors.
    const { x, z } = createPairStream(DEFAULT_MIXTURE, 11).take(100_000);
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < x.length; i++) {
      const r = (-z[i] / sigma - mixtureScore(q, x[i] + sigma * z[i])) ** 2;
      sum += r;
      sumSq += r * r;
    }
    const mean = sum / x.length;
    const se = Math.sqrt((sumSq / x.length - mean * mean) / x.length);
    expect(Math.abs(mean - noise)).toBeLessThan(4 * se);
    // The total variance 1/σ² splits into this noise plus the signal E[s_σ²].
    expect(noise).toBeLessThan(1 / (sigma * sigma));
  });

  it('blur gap: σ⁴/(s²(s²+σ²)²) for one Gaussian, → 0 like σ⁴, → Fisher information of p', () => {
    const s = SINGLE[0].std;
    for (const sigma of [0.01, 0.3, 2]) {
      const expected = sigma ** 4 / (s * s * (s * s + sigma * sigma) ** 2);
      expect(blurGap(SINGLE, sigma) / expected).toBeCloseTo(1, 6);
    }
    const tiny = blurGap(DEFAULT_MIXTURE, 0.005);
    expect(blurGap(DEFAULT_MIXTURE, 0.01) / tiny).toBeCloseTo(16, 0);
    expect(tiny).toBeLessThan(1e-4);
    const fisherP = fisherInformation(DEFAULT_MIXTURE);
    expect(blurGap(DEFAULT_MIXTURE, 1000) / fisherP).toBeCloseTo(1, 4);
  });

  it('coverage: the closed-form width for one Gaussian, growing with σ for the mixture', () => {
    const range: [number, number] = [-4, 6];
    const sigma = 0.5;
    const std = Math.hypot(SINGLE[0].std, sigma);
    const halfWidth = std * Math.sqrt(2 * Math.log(100));
    expect(coverageShare(SINGLE, sigma, range)).toBeCloseTo((2 * halfWidth) / 10, 2);
    const curves = tradeoffCurves(DEFAULT_MIXTURE, [0.01, 0.1, 0.5, 1, 3], plotRange(DEFAULT_MIXTURE));
    for (let i = 1; i < curves.sigma.length; i++)
      expect(curves.coverage[i]).toBeGreaterThanOrEqual(curves.coverage[i - 1]);
    expect(curves.coverage[0]).toBeLessThan(0.6);
    expect(curves.coverage[curves.coverage.length - 1]).toBe(1);
    // Blur error rises with σ, target noise falls.
    for (let i = 1; i < curves.sigma.length; i++) {
      expect(curves.blurGap[i]).toBeGreaterThan(curves.blurGap[i - 1]);
      expect(curves.targetNoise[i]).toBeLessThan(curves.targetNoise[i - 1]);
    }
  });
});
