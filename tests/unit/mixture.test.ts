import { describe, expect, it } from 'vitest';
import { linspace, mapGrid, trapezoid } from '../../src/engine/grid';
import {
  DEFAULT_MIXTURE,
  mixtureCdf,
  mixtureLogPdf,
  mixtureMean,
  mixturePdf,
  mixtureScore,
  mixtureStd,
  normalizeWeights,
  perturbMixture,
  plotRange,
  componentSpan,
  responsibilities,
  sampleMixture,
  type Mixture,
} from '../../src/engine/mixture';
import { normalPdf } from '../../src/engine/special';
import { createRng } from '../../src/engine/rng';

const threeModes: Mixture = normalizeWeights([
  { weight: 1, mean: -3, std: 0.3 },
  { weight: 2, mean: 0.5, std: 1.2 },
  { weight: 0.5, mean: 4, std: 0.05 },
]);

describe('mixture density', () => {
  it('integrates to 1', () => {
    for (const m of [DEFAULT_MIXTURE, threeModes]) {
      const xs = linspace(-12, 12, 200_001);
      expect(
        trapezoid(
          xs,
          mapGrid(xs, (x) => mixturePdf(m, x)),
        ),
      ).toBeCloseTo(1, 6);
    }
  });

  it('stays finite in log space far in the tails where the pdf underflows', () => {
    const logp = mixtureLogPdf(DEFAULT_MIXTURE, 60);
    expect(Number.isFinite(logp)).toBe(true);
    expect(mixturePdf(DEFAULT_MIXTURE, 60)).toBe(0);
    // Far out on either side the widest component (s = 0.5) has the heaviest tail and takes all the
    // responsibility, so the score is its (μ − x)/s².
    expect(mixtureScore(DEFAULT_MIXTURE, 60)).toBeCloseTo((2 - 60) / 0.25, 8);
    expect(mixtureScore(DEFAULT_MIXTURE, -60)).toBeCloseTo((2 + 60) / 0.25, 8);
  });

  it('has responsibilities that sum to 1 and favour the nearer component', () => {
    const r = responsibilities(DEFAULT_MIXTURE, 1.9);
    expect(r[0] + r[1]).toBeCloseTo(1, 14);
    expect(r[0]).toBeGreaterThan(0.999);
  });
});

describe('score', () => {
  it('equals a central finite difference of log p', () => {
    const h = 1e-5;
    for (const m of [DEFAULT_MIXTURE, threeModes]) {
      for (const x of linspace(-5, 5, 101)) {
        const fd = (mixtureLogPdf(m, x + h) - mixtureLogPdf(m, x - h)) / (2 * h);
        const exact = mixtureScore(m, x);
        expect(Math.abs(exact - fd)).toBeLessThan(1e-5 * (1 + Math.abs(exact)));
      }
    }
  });

  it('does not depend on scaling the density by a constant', () => {
    const h = 1e-5;
    const logZ = Math.log(37.5);
    const x = 0.7;
    const fd =
      (mixtureLogPdf(DEFAULT_MIXTURE, x + h) + logZ - (mixtureLogPdf(DEFAULT_MIXTURE, x - h) + logZ)) /
      (2 * h);
    expect(fd).toBeCloseTo(mixtureScore(DEFAULT_MIXTURE, x), 5);
  });
});

describe('CDF', () => {
  it('matches the integral of the pdf', () => {
    const xs = linspace(-10, 10, 400_001);
    const pdf = mapGrid(xs, (x) => mixturePdf(threeModes, x));
    let integral = 0;
    for (let i = 1; i < xs.length; i++) {
      integral += 0.5 * (pdf[i] + pdf[i - 1]) * (xs[i] - xs[i - 1]);
      if (i % 20_000 === 0) expect(mixtureCdf(threeModes, xs[i])).toBeCloseTo(integral, 7);
    }
  });
});

describe('perturbed density q_σ', () => {
  it('equals a numerical convolution of p with N(0, σ²)', () => {
    const sigma = 0.7;
    const q = perturbMixture(DEFAULT_MIXTURE, sigma);
    const ts = linspace(-10, 10, 40_001);
    for (const x of [-3, -2, -0.5, 0, 1.2, 2, 3.5]) {
      const integrand = mapGrid(ts, (t) => mixturePdf(DEFAULT_MIXTURE, t) * normalPdf(x - t, 0, sigma));
      expect(mixturePdf(q, x)).toBeCloseTo(trapezoid(ts, integrand), 7);
    }
  });
});

describe('sampling', () => {
  it('has the mixture mean and std within sampling noise', () => {
    const n = 100_000;
    const xs = sampleMixture(threeModes, n, createRng(11));
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    const sd = mixtureStd(threeModes);
    expect(Math.abs(mean - mixtureMean(threeModes))).toBeLessThan((5 * sd) / Math.sqrt(n));
    expect(Math.abs(Math.sqrt(variance) - sd)).toBeLessThan(0.03 * sd);
  });

  it('hits each component with its weight', () => {
    const n = 50_000;
    const xs = sampleMixture(DEFAULT_MIXTURE, n, createRng(5));
    const right = xs.filter((x) => x > 0).length / n;
    expect(Math.abs(right - 0.6)).toBeLessThan(5 * Math.sqrt((0.6 * 0.4) / n));
  });
});

describe('plot range', () => {
  it('covers every component to ±4 std with whole-number ends', () => {
    const [lo, hi] = plotRange(threeModes);
    expect(lo).toBeLessThanOrEqual(-3 - 1.2);
    expect(hi).toBeGreaterThanOrEqual(4.2);
    expect(Number.isInteger(lo) && Number.isInteger(hi)).toBe(true);
  });

  it('spans each component to ±k std and reports the narrowest std', () => {
    const mixture = [
      { weight: 0.5, mean: -2, std: 0.5 },
      { weight: 0.5, mean: 3, std: 0.1 },
    ];
    // Left end from the first component (−2 − 8·0.5), right end from the second (3 + 8·0.1).
    for (const [k, lo, hi] of [
      [8, -6, 3.8],
      [1, -2.5, 3.1],
    ]) {
      const span = componentSpan(mixture, k);
      expect(span.lo).toBeCloseTo(lo, 12);
      expect(span.hi).toBeCloseTo(hi, 12);
      expect(span.narrowest).toBe(0.1);
    }
  });
});
