import { describe, expect, it } from 'vitest';
import {
  firstStepAboveBeta,
  meanReverseVariance,
  reverseStepPosterior,
  reverseVarianceCurve,
} from '../../src/engine/diffusion/reverseVariance';
import { DEFAULT_MIXTURE, sampleMixture, type Mixture } from '../../src/engine/mixture';
import { createRng } from '../../src/engine/rng';
import { buildSchedule, forwardMarginal, type VpSchedule } from '../../src/engine/schedules';

const linear = buildSchedule('linear', 1000) as VpSchedule;

describe('exact reverse-step variance Var[x_{t−1} | x_t]', () => {
  it('is β_t for data N(0, 1) and β̃_t for a single point (Ho et al. §3.2 limits)', () => {
    const unit: Mixture = [{ weight: 1, mean: 0, std: 1 }];
    const point: Mixture = [{ weight: 1, mean: 0.7, std: 1e-7 }];
    for (const t of [2, 10, 300, 900]) {
      const beta = linear.beta[t - 1];
      const betaTilde = (beta * (1 - linear.alphaBar[t - 2])) / (1 - linear.alphaBar[t - 1]);
      expect(meanReverseVariance(unit, linear, t) / beta).toBeCloseTo(1, 9);
      expect(meanReverseVariance(point, linear, t) / betaTilde).toBeCloseTo(1, 6);
    }
  });

  it('agrees with a Monte-Carlo estimate at several steps (default mixture)', () => {
    const rng = createRng(7);
    const n = 200_000;
    for (const t of [5, 150, 400]) {
      // x_{t−1} ~ p_{t−1} exactly, then one forward step.
      const prevBar = linear.alphaBar[t - 2];
      const prev = sampleMixture(
        forwardMarginal(DEFAULT_MIXTURE, Math.sqrt(prevBar), Math.sqrt(1 - prevBar)),
        n,
        rng,
      );
      const beta = linear.beta[t - 1];
      const xt = prev.map((x) => Math.sqrt(1 - beta) * x + Math.sqrt(beta) * rng.normal());
      const post = reverseStepPosterior(DEFAULT_MIXTURE, linear, t, xt);
      // E[(x_{t−1} − E[x_{t−1} | x_t])²] = E_{p_t} Var[x_{t−1} | x_t]; its standard error from the sample.
      let sum = 0;
      let sumSq = 0;
      let bias = 0;
      for (let i = 0; i < n; i++) {
        const d = prev[i] - post[i].mean;
        sum += d * d;
        sumSq += d ** 4;
        bias += d;
      }
      const mc = sum / n;
      const se = Math.sqrt((sumSq / n - mc * mc) / n);
      const exact = meanReverseVariance(DEFAULT_MIXTURE, linear, t);
      expect(Math.abs(mc - exact)).toBeLessThan(4 * se);
      // The posterior mean is unbiased: the residuals average to zero within sampling error.
      expect(Math.abs(bias / n)).toBeLessThan(4 * Math.sqrt(mc / n));
    }
  });

  it('for the default mixture it exceeds β_t from t = 280 on (linear, T = 1000), above β̃_t everywhere', () => {
    const curve = reverseVarianceCurve(DEFAULT_MIXTURE, linear, 250);
    expect(firstStepAboveBeta(DEFAULT_MIXTURE, linear, curve)).toBe(280);
    // A sampled curve carries β_t and β̃_t of its own steps.
    for (let i = 0; i < curve.t.length; i++) {
      const t = curve.t[i];
      expect(curve.beta[i]).toBe(linear.beta[t - 1]);
      const prev = t === 1 ? 1 : linear.alphaBar[t - 2];
      expect(curve.betaTilde[i]).toBeCloseTo(
        (linear.beta[t - 1] * (1 - prev)) / (1 - linear.alphaBar[t - 1]),
        12,
      );
    }
    const full = reverseVarianceCurve(DEFAULT_MIXTURE, linear);
    for (let i = 0; i < full.t.length; i++) {
      expect(full.exact[i]).toBeGreaterThan(full.betaTilde[i]);
      expect(full.exact[i] > full.beta[i]).toBe(full.t[i] >= 280);
    }
  });
});
