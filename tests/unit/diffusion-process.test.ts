import { describe, expect, it } from 'vitest';
import {
  createMarginalScore,
  discreteProcess,
  epsilonFromScore,
  exactProcessScore,
  keptSteps,
  processMarginal,
  scoreFromEpsilon,
  veProcess,
  vpProcess,
  type DiffusionProcess,
} from '../../src/engine/diffusion';
import { DEFAULT_MIXTURE, mixtureLogPdf, mixtureScore, type Mixture } from '../../src/engine/mixture';
import { buildSchedule, forwardMarginal } from '../../src/engine/schedules';

/** Central difference of a function of t. */
const derivative = (f: (t: number) => number, t: number, h = 1e-6) => (f(t + h) - f(t - h)) / (2 * h);

describe('continuous processes obey a′ = f a and (s²)′ = 2 f s² + g²', () => {
  const cases: [string, DiffusionProcess][] = [
    ['VP', vpProcess()],
    ['VE', veProcess()],
  ];
  for (const [name, p] of cases) {
    it(name, () => {
      for (const t of [0.05, 0.3, 0.7, 0.95]) {
        const a = p.a(t);
        const s2 = (u: number) => p.s(u) ** 2;
        expect(derivative(p.a, t)).toBeCloseTo(p.drift(t) * a, 5);
        const lhs = derivative(s2, t);
        expect(Math.abs(lhs - (2 * p.drift(t) * s2(t) + p.g2(t)))).toBeLessThan(1e-5 * (1 + Math.abs(lhs)));
        // The step from t' to t composes: s(t)² = α² s(t')² + σ².
        const { alpha, variance } = p.transition(t, t - 0.04);
        expect(alpha).toBeCloseTo(a / p.a(t - 0.04), 12);
        expect(alpha ** 2 * s2(t - 0.04) + variance).toBeCloseTo(s2(t), 10);
      }
    });
  }

  it('VP: a(t) = e^(−B/2), s² = 1 − e^(−B) with B = 0.1 t + 9.95 t²; VE: s² = σ(t)² − σ_min²', () => {
    const vp = vpProcess();
    const B = (t: number) => 0.1 * t + 0.5 * 19.9 * t * t;
    expect(vp.a(0.5)).toBeCloseTo(Math.exp(-B(0.5) / 2), 14);
    expect(vp.s(0.5) ** 2).toBeCloseTo(1 - Math.exp(-B(0.5)), 14);
    const ve = veProcess({ sigmaMin: 0.01, sigmaMax: 20 });
    const sigma = (t: number) => 0.01 * 2000 ** t;
    expect(ve.s(0.6) ** 2).toBeCloseTo(sigma(0.6) ** 2 - 1e-4, 10);
    expect(ve.priorStd).toBeCloseTo(Math.sqrt(400 - 1e-4), 12);
    expect(vp.grid(4)[0]).toBe(1);
    expect(vp.grid(4)[4]).toBeCloseTo(1e-3, 15);
  });
});

describe('discrete schedules as processes', () => {
  it('match ᾱ_k (VP) and σ_k (VE) at the knots t = k/T', () => {
    const cosine = buildSchedule('cosine', 50);
    const karras = buildSchedule('karras', 50);
    const pc = discreteProcess(cosine);
    const pk = discreteProcess(karras);
    if (cosine.family !== 'vp' || karras.family !== 've') throw new Error('families');
    for (const k of [1, 7, 25, 49, 50]) {
      expect(pc.a(k / 50) ** 2).toBeCloseTo(cosine.alphaBar[k - 1], 12);
      expect(pc.s(k / 50) ** 2).toBeCloseTo(1 - cosine.alphaBar[k - 1], 12);
      expect(pk.s(k / 50)).toBeCloseTo(karras.sigma[k - 1], 10);
    }
    expect(pc.a(0)).toBe(1);
    expect(pc.s(0)).toBe(0);
  });

  it('skip steps with the effective β between kept steps, β′ = 1 − ᾱ_τ/ᾱ_τ′', () => {
    const linear = buildSchedule('linear', 1000);
    if (linear.family !== 'vp') throw new Error('family');
    const p = discreteProcess(linear);
    const grid = p.grid(10);
    expect(grid.length).toBe(11);
    expect(grid[0]).toBe(1);
    expect(grid[9]).toBeCloseTo(1 / 1000, 15);
    expect(grid[10]).toBe(0);
    for (let i = 0; i < 10; i++) {
      const tau = Math.round(grid[i] * 1000);
      const tauNext = Math.round(grid[i + 1] * 1000);
      const abNext = tauNext === 0 ? 1 : linear.alphaBar[tauNext - 1];
      const { alpha, variance } = p.transition(grid[i], grid[i + 1]);
      expect(variance).toBeCloseTo(1 - linear.alphaBar[tau - 1] / abNext, 12);
      expect(alpha ** 2).toBeCloseTo(linear.alphaBar[tau - 1] / abNext, 12);
    }
    // With every step kept, the diffusion over one step integrates to −log α_t ≈ β_t.
    const full = p.grid(1000);
    expect(full.length).toBe(1001);
    const t = full[200];
    expect(p.g2(t) / 1000).toBeCloseTo(-Math.log(linear.alpha[Math.round(t * 1000) - 1]), 12);
  });

  it('kept steps are S whole steps from 1 to T, increasing', () => {
    expect(Array.from(keptSteps(1000, 5))).toEqual([1, 251, 501, 750, 1000]);
    expect(Array.from(keptSteps(10, 50))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Array.from(keptSteps(1000, 1))).toEqual([1000]);
    const k = keptSteps(1000, 37);
    expect(k.length).toBe(37);
    for (let i = 1; i < k.length; i++) expect(k[i]).toBeGreaterThan(k[i - 1]);
  });
});

describe('scores', () => {
  const mixture: Mixture = [...DEFAULT_MIXTURE, { weight: 0.2, mean: 0.5, std: 1.5 }].map((c) => ({
    ...c,
    weight: c.weight / 1.2,
  }));

  it('the batched marginal score equals the pointwise mixture score of forwardMarginal, tails included', () => {
    const kernel = createMarginalScore(mixture);
    const xs = Float64Array.from([-200, -6, -2, -0.3, 0, 1.1, 2, 9, 300]);
    const out = new Float64Array(xs.length);
    for (const [a, s] of [
      [1, 0],
      [0.8, 0.6],
      [0.05, 0.9987],
      [1, 30],
    ]) {
      kernel(xs, a, s, out);
      const p = forwardMarginal(mixture, a, s);
      xs.forEach((x, i) => {
        const exact = mixtureScore(p, x);
        expect(Number.isFinite(out[i])).toBe(true);
        expect(Math.abs(out[i] - exact)).toBeLessThan(1e-9 * (1 + Math.abs(exact)));
      });
    }
  });

  it('the exact process score is the derivative of log p_t, and ε ↔ score round-trips', () => {
    const vp = vpProcess();
    const score = exactProcessScore(mixture, vp);
    const xs = Float64Array.from([-3, -1, 0.2, 2.5]);
    const out = new Float64Array(4);
    score(xs, 0.3, out);
    const p = processMarginal(mixture, vp, 0.3);
    xs.forEach((x, i) => {
      const fd = (mixtureLogPdf(p, x + 1e-5) - mixtureLogPdf(p, x - 1e-5)) / 2e-5;
      expect(out[i]).toBeCloseTo(fd, 5);
    });
    const eps = epsilonFromScore(vp, score);
    const back = scoreFromEpsilon(vp, eps);
    const again = new Float32Array(4);
    back(Float32Array.from(xs), 0.3, again);
    again.forEach((v, i) => expect(v).toBeCloseTo(out[i], 4));
    // ε = −s(t) · score: for a point far out, ε ≈ (x − a μ)/s (the noise that explains it).
    const e = new Float64Array(1);
    eps(Float64Array.of(1e3), 0.3, e);
    expect(e[0]).toBeGreaterThan(0);
  });
});
