import { describe, expect, it } from 'vitest';
import { DEFAULT_MIXTURE, mixtureCdf, sampleMixture, type Mixture } from '../../src/engine/mixture';
import { createRng } from '../../src/engine/rng';
import { linspace } from '../../src/engine/grid';
import { ksStatistic, modeWeights, summarizeSamples, wasserstein1 } from '../../src/engine/metrics';

/** W1 by brute-force quadrature of |F_n − F| on a fine grid, as an independent check. */
function w1ByQuadrature(samples: number[], mixture: Mixture): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const xs = linspace(-10, 10, 400_001);
  let j = 0;
  let total = 0;
  const dx = xs[1] - xs[0];
  for (const x of xs) {
    while (j < sorted.length && sorted[j] <= x) j++;
    total += Math.abs(j / sorted.length - mixtureCdf(mixture, x)) * dx;
  }
  return total;
}

describe('Wasserstein-1 against the mixture', () => {
  it('agrees with brute-force quadrature', () => {
    const samples = Array.from(sampleMixture(DEFAULT_MIXTURE, 200, createRng(4)));
    expect(wasserstein1(samples, DEFAULT_MIXTURE)).toBeCloseTo(w1ByQuadrature(samples, DEFAULT_MIXTURE), 4);
    const shifted = samples.map((x) => x + 0.8);
    expect(wasserstein1(shifted, DEFAULT_MIXTURE)).toBeCloseTo(w1ByQuadrature(shifted, DEFAULT_MIXTURE), 4);
  });

  it('equals |c − mean| for a point mass at c far from the data', () => {
    // For a Dirac at c to the right of all mass, W1 = c − E[X] exactly.
    const c = 12;
    expect(wasserstein1([c, c, c], DEFAULT_MIXTURE)).toBeCloseTo(c - (0.6 * 2 + 0.4 * -2), 8);
  });

  it('is at the sampling-noise floor for exact samples and shrinks like 1/√n', () => {
    const w1 = (n: number) =>
      [1, 2, 3, 4, 5].reduce(
        (s, seed) => s + wasserstein1(sampleMixture(DEFAULT_MIXTURE, n, createRng(seed)), DEFAULT_MIXTURE),
        0,
      ) / 5;
    const small = w1(1_000);
    const large = w1(100_000);
    // The floor is of order (spread)/√n; the mixture's std is ≈ 2, so W1 ≈ 0.03 at n = 1000.
    expect(small).toBeLessThan(0.12);
    expect(large).toBeLessThan(0.012);
    // √100 = 10× smaller in expectation; allow for noise.
    expect(small / large).toBeGreaterThan(5);
  });
});

describe('KS statistic and mode weights', () => {
  it('KS of exact samples is below the 1% critical value 1.63/√n', () => {
    const n = 10_000;
    const ks = ksStatistic(sampleMixture(DEFAULT_MIXTURE, n, createRng(8)), DEFAULT_MIXTURE);
    expect(ks).toBeLessThan(1.63 / Math.sqrt(n));
    expect(ks).toBeGreaterThan(0);
  });

  it('KS of samples from the wrong distribution is large', () => {
    const wrong = sampleMixture([{ weight: 1, mean: 0, std: 1 }], 5000, createRng(1));
    expect(ksStatistic(wrong, DEFAULT_MIXTURE)).toBeGreaterThan(0.2);
  });

  it('mode weights recover the mixture weights within sampling noise', () => {
    const n = 20_000;
    const summary = summarizeSamples(sampleMixture(DEFAULT_MIXTURE, n, createRng(12)), DEFAULT_MIXTURE);
    expect(Math.abs(summary.modeWeights[0] - 0.6)).toBeLessThan(5 * Math.sqrt(0.24 / n));
    expect(summary.modeWeights[0] + summary.modeWeights[1]).toBeCloseTo(1, 10);
    expect(Math.abs(summary.mean - 0.4)).toBeLessThan(0.1);
    expect(modeWeights([2, 2, -2, -2], DEFAULT_MIXTURE)[0]).toBeCloseTo(0.5, 6);
  });
});
