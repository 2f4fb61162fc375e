import { describe, expect, it } from 'vitest';
import { linspace } from '../../src/engine/grid';
import { DEFAULT_MIXTURE, sampleMixture, type Mixture } from '../../src/engine/mixture';
import { createRng } from '../../src/engine/rng';
import { posteriorMean, tweedieMean } from '../../src/engine/tweedie';

describe("Tweedie's formula", () => {
  const three: Mixture = [
    { weight: 0.5, mean: -3, std: 0.3 },
    { weight: 0.2, mean: 0.5, std: 1.1 },
    { weight: 0.3, mean: 4, std: 0.05 },
  ];
  it('equals the closed-form posterior mean to 1e-9', () => {
    for (const mixture of [DEFAULT_MIXTURE, three]) {
      for (const sigma of [0.05, 0.3, 1, 4]) {
        for (const x of linspace(-8, 8, 161)) {
          const exact = posteriorMean(mixture, sigma, x);
          expect(Math.abs(tweedieMean(mixture, sigma, x) - exact)).toBeLessThan(
            1e-9 * Math.max(1, Math.abs(exact)),
          );
        }
      }
    }
  });

  it('is the Monte-Carlo average of the clean x over pairs whose x̃ lands in a narrow bin', () => {
    const sigma = 0.8;
    const n = 400_000;
    const rng = createRng(3);
    const x = sampleMixture(DEFAULT_MIXTURE, n, rng);
    for (const centre of [-1.5, 0.3, 2.2]) {
      const half = 0.02;
      let count = 0;
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const xt = x[i] + sigma * rng.normal();
        if (Math.abs(xt - centre) < half) {
          count++;
          sum += x[i];
          sumSq += x[i] * x[i];
        }
      }
      const mean = sum / count;
      const se = Math.sqrt((sumSq / count - mean * mean) / count);
      expect(count).toBeGreaterThan(500);
      // The bin averages E[x | x̃] over its width; for a symmetric bin that differs from the centre value only
      // at second order in the half-width (≈ 10⁻³ at most here), which the tolerance adds.
      expect(Math.abs(mean - posteriorMean(DEFAULT_MIXTURE, sigma, centre))).toBeLessThan(
        4 * se + 0.05 * half,
      );
    }
  });

  it('shrinks towards the nearest mode: inside the data it lies between x̃ and the component means', () => {
    const m = posteriorMean(DEFAULT_MIXTURE, 0.5, 2.6);
    expect(m).toBeLessThan(2.6);
    expect(m).toBeGreaterThan(2);
  });
});
