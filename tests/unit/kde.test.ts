import { describe, expect, it } from 'vitest';
import { linspace, mapGrid, trapezoid } from '../../src/engine/grid';
import { kdeAt, kdeOnGrid } from '../../src/engine/kde';
import {
  DEFAULT_MIXTURE,
  mixturePdf,
  mixtureScore,
  perturbMixture,
  sampleMixture,
} from '../../src/engine/mixture';
import { createRng } from '../../src/engine/rng';

describe('kernel-density estimate', () => {
  it('integrates to 1 and has the finite-difference score', () => {
    const samples = sampleMixture(DEFAULT_MIXTURE, 50, createRng(2));
    const sigma = 0.3;
    const xs = linspace(-8, 8, 20_001);
    const { density } = kdeOnGrid(samples, sigma, xs);
    expect(trapezoid(xs, density)).toBeCloseTo(1, 6);
    const h = 1e-5;
    for (const x of [-2.3, 0, 1.1, 2.5]) {
      const fd =
        (kdeAt(samples, sigma, x + h).logDensity - kdeAt(samples, sigma, x - h).logDensity) / (2 * h);
      expect(kdeAt(samples, sigma, x).score).toBeCloseTo(fd, 4);
    }
  });

  it('points at the nearest sample when σ is small (memorisation)', () => {
    const samples = [-1, 0.5, 3];
    const sigma = 0.05;
    const x = 0.45;
    // Score ≈ (nearest − x)/σ².
    expect(kdeAt(samples, sigma, x).score).toBeCloseTo((0.5 - x) / (sigma * sigma), 6);
  });

  it('approaches the exact score of q_σ as the sample grows', () => {
    const sigma = 0.5;
    const q = perturbMixture(DEFAULT_MIXTURE, sigma);
    const xs = linspace(-3, 3.5, 27);
    const weights = mapGrid(xs, (x) => mixturePdf(q, x));
    const error = (n: number, seed: number) => {
      const samples = sampleMixture(DEFAULT_MIXTURE, n, createRng(seed));
      const { score } = kdeOnGrid(samples, sigma, xs);
      // q-weighted mean squared gap to the exact score of q_σ.
      let total = 0;
      let mass = 0;
      for (let i = 0; i < xs.length; i++) {
        total += weights[i] * (score[i] - mixtureScore(q, xs[i])) ** 2;
        mass += weights[i];
      }
      return total / mass;
    };
    const average = (n: number) => [1, 2, 3, 4].reduce((s, seed) => s + error(n, seed), 0) / 4;
    const small = average(100);
    const large = average(10_000);
    // Monte-Carlo error shrinks like 1/n in squared terms: 100× more samples → far smaller gap.
    expect(large).toBeLessThan(small / 10);
    expect(large).toBeLessThan(0.02);
  });
});
