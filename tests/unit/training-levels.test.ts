import { describe, expect, it } from 'vitest';
import {
  buildSchedule,
  elboWeights,
  levelDensity,
  logUniformDensity,
  type VpSchedule,
} from '../../src/engine/schedules';

describe('ELBO weights of the ε-loss (Ho et al. 2020, eq. 12)', () => {
  const T = 1000;
  const s = buildSchedule('linear', T) as VpSchedule;
  // By hand: β_t = 1e-4 + (t − 1)/(T − 1) · (0.02 − 1e-4), ᾱ_t = Π (1 − β_s).
  const beta = (t: number) => 1e-4 + ((t - 1) / (T - 1)) * (0.02 - 1e-4);
  const alphaBar = (t: number) => {
    let p = 1;
    for (let k = 1; k <= t; k++) p *= 1 - beta(k);
    return p;
  };
  it('σ² = β: w_t = β_t / (2 α_t (1 − ᾱ_t)), by hand at t = 2, 500, 1000', () => {
    const w = elboWeights(s, 'beta');
    for (const t of [2, 500, 1000]) {
      const hand = beta(t) / (2 * (1 - beta(t)) * (1 - alphaBar(t)));
      expect(w[t - 1] / hand).toBeCloseTo(1, 9);
    }
    // t = 2: β_2 ≈ 1.199e-4, 1 − ᾱ_2 ≈ 2.199e-4, so w_2 ≈ 0.2727; t = T: ≈ 0.0102.
    expect(w[1]).toBeCloseTo(0.2727, 3);
    expect(w[T - 1]).toBeCloseTo(0.0102, 4);
    expect(Number.isNaN(w[0])).toBe(true);
  });
  it('σ² = β̃: w_t = β_t / (2 α_t (1 − ᾱ_{t−1})), by hand', () => {
    const w = elboWeights(s, 'betaTilde');
    for (const t of [2, 37, 800]) {
      const hand = beta(t) / (2 * (1 - beta(t)) * (1 - alphaBar(t - 1)));
      expect(w[t - 1] / hand).toBeCloseTo(1, 9);
    }
  });
});

describe('training-level density over log λ when t ~ U{1..T}', () => {
  it('is flat for a geometric σ sequence, at 1/log(σ_max/σ_min)', () => {
    const g = buildSchedule('geometric', 200);
    const d = levelDensity(g);
    const lam = Array.from(g.lambda);
    const flat = logUniformDensity(Math.min(...lam), Math.max(...lam));
    // (T − 1) gaps share log(σ_max/σ_min): density per step 1/(T Δ) = (T − 1)/(T log ratio).
    for (const v of d.density) expect(v / flat).toBeCloseTo(199 / 200, 9);
  });
  it('integrates to about 1 over log λ (trapezoid over the steps)', () => {
    for (const name of ['linear', 'cosine'] as const) {
      const d = levelDensity(buildSchedule(name, 1000));
      let total = 0;
      for (let i = 1; i < d.density.length; i++)
        total += 0.5 * (d.density[i] + d.density[i - 1]) * Math.abs(d.logLambda[i] - d.logLambda[i - 1]);
      expect(total).toBeGreaterThan(0.97);
      expect(total).toBeLessThan(1.03);
    }
  });
});
