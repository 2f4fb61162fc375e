/**
 * The perturb page's gap between the kernel-density score and the exact score of q_σ is the Fisher divergence
 * with SCIENCE.md's ½: D = ½ ∫ q_σ (ŝ − s_σ)². Checked in closed form for one Gaussian and one sample x₁:
 * q_σ = N(m, V), V = v + σ², s_σ = (m − x)/V, ŝ = (x₁ − x)/σ², so ŝ − s_σ = a x + b with a = 1/V − 1/σ²,
 * b = x₁/σ² − m/V, and E_q[(a x + b)²] = a² V + (a m + b)². (σ stays small enough that q_σ fits the page's
 * x range, ±5 around the data: the page integrates over that range only.)
 */
import { describe, expect, it } from 'vitest';
import type { Mixture } from '../../src/engine/mixture';
import { kdeGrid } from '../../src/pages/perturb/perturbModel';

describe('perturb page: Fisher gap of the kernel-density score', () => {
  const m = 0.5;
  const v = 0.64;
  const gaussian: Mixture = [{ weight: 1, mean: m, std: Math.sqrt(v) }];
  for (const [x1, sigma] of [
    [0.2, 1],
    [1.4, 0.6],
    [-0.3, 0.3],
  ]) {
    it(`x₁ = ${x1}, σ = ${sigma}: ½ (a² V + (a m + b)²)`, () => {
      const V = v + sigma * sigma;
      const a = 1 / V - 1 / (sigma * sigma);
      const b = x1 / (sigma * sigma) - m / V;
      const expected = 0.5 * (a * a * V + (a * m + b) ** 2);
      const { fisherGap } = kdeGrid(gaussian, [x1], sigma);
      expect(fisherGap / expected).toBeCloseTo(1, 3);
    });
  }
});
