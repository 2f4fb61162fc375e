import { describe, expect, it } from 'vitest';
import {
  buildSchedule,
  cosineF,
  formatScheduleList,
  geometricSigmas,
  karrasSigmas,
  parseScheduleList,
  SCHEDULE_NAMES,
  signalShares,
  type VeSchedule,
  type VpSchedule,
} from '../../src/engine/schedules';

const vp = (name: 'linear' | 'cosine' | 'linvar' | 'sigmoid' | 'tanh' | 'softsign', T: number) =>
  buildSchedule(name, T) as VpSchedule;
const ve = (name: 'geometric' | 'karras', T: number) => buildSchedule(name, T) as VeSchedule;

/** |a − b| ≤ tol · max(|b|, tiny): relative closeness. */
function expectRel(a: number, b: number, tol: number) {
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(Math.abs(b), 1e-300));
}

describe('VP schedules against their closed forms', () => {
  for (const T of [15, 1000]) {
    it(`linear, T = ${T}: β_t = 1e-4 + (t − 1)/(T − 1) · (0.02 − 1e-4), ᾱ_t = Π (1 − β_s)`, () => {
      const s = vp('linear', T);
      let product = 1;
      for (let t = 1; t <= T; t++) {
        const beta = 1e-4 + ((t - 1) / (T - 1)) * (0.02 - 1e-4);
        expectRel(s.beta[t - 1], beta, 1e-12);
        product *= 1 - beta;
        expectRel(s.alphaBar[t - 1], product, 1e-10);
        expectRel(s.alpha[t - 1], 1 - beta, 1e-14);
      }
    });

    it(`cosine, T = ${T}: ᾱ_t = f(t)/f(0) until the clipped last step, β_T = 0.999`, () => {
      const s = vp('cosine', T);
      const f = (t: number) => Math.cos((((t / T + 0.008) / 1.008) * Math.PI) / 2) ** 2;
      expectRel(cosineF(3, T), f(3), 1e-14);
      for (let t = 1; t < T; t++) {
        expectRel(s.alphaBar[t - 1], f(t) / f(0), 1e-9);
        const previous = t === 1 ? 1 : f(t - 1) / f(0);
        expectRel(s.beta[t - 1], 1 - f(t) / f(0) / previous, 1e-9);
      }
      // f(T) = cos²(π/2) = 0 would make β_T = 1: the clip keeps one part in a thousand of the signal.
      expect(s.beta[T - 1]).toBe(0.999);
      expectRel(s.alphaBar[T - 1], (f(T - 1) / f(0)) * 0.001, 1e-9);
    });

    it(`linear variance, T = ${T}: ᾱ_t = 1 − t/T and β_t = 1/(T − t + 1), clipped at 0.9999`, () => {
      const s = vp('linvar', T);
      for (let t = 1; t < T; t++) {
        expectRel(s.alphaBar[t - 1], 1 - t / T, 1e-10);
        expectRel(s.beta[t - 1], 1 / (T - t + 1), 1e-12);
      }
      expect(s.beta[T - 1]).toBe(0.9999);
      expectRel(s.alphaBar[T - 1], (1 / T) * 1e-4, 1e-9);
    });

    it(`sigmoid family, T = ${T}: β runs from 1e-4 to 0.02 along g(u), u from −6 to 6`, () => {
      const shapes = {
        sigmoid: (u: number) => 1 / (1 + Math.exp(-u)),
        tanh: Math.tanh,
        softsign: (u: number) => u / (1 + Math.abs(u)),
      };
      for (const [name, g] of Object.entries(shapes) as [keyof typeof shapes, (u: number) => number][]) {
        const s = vp(name, T);
        for (let t = 1; t <= T; t++) {
          const u = -6 + (12 * (t - 1)) / (T - 1);
          const beta = 1e-4 + ((0.02 - 1e-4) * (g(u) - g(-6))) / (g(6) - g(-6));
          expectRel(s.beta[t - 1], beta, 1e-12);
          if (t > 1) expect(s.beta[t - 1]).toBeGreaterThan(s.beta[t - 2]);
        }
        expectRel(s.beta[0], 1e-4, 1e-12);
        expectRel(s.beta[T - 1], 0.02, 1e-12);
        if (T % 2 === 1) expectRel(s.beta[(T - 1) / 2], (1e-4 + 0.02) / 2, 1e-12); // odd g: the midpoint at u = 0
      }
    });
  }

  it('λ, log SNR and ᾱ agree: λ² = (1 − ᾱ)/ᾱ and log SNR = −2 log λ, for every VP schedule', () => {
    for (const name of ['linear', 'cosine', 'linvar', 'sigmoid', 'tanh', 'softsign'] as const) {
      const s = vp(name, 200);
      for (let i = 0; i < s.T; i++) {
        const ab = s.alphaBar[i];
        expectRel(s.lambda[i] ** 2, (1 - ab) / ab, 1e-8);
        expectRel(s.logSNR[i], -2 * Math.log(s.lambda[i]), 1e-10);
        if (i > 0) expect(s.logSNR[i]).toBeLessThan(s.logSNR[i - 1]);
      }
    }
  });
});

describe('VE schedules', () => {
  it('geometric: σ from 0.002 to 80 with a constant ratio (uniform in log σ, hence in log SNR)', () => {
    const s = ve('geometric', 15);
    expect(s.sigma[0]).toBeCloseTo(0.002, 15);
    expect(s.sigma[14]).toBe(80);
    const ratio = Math.pow(80 / 0.002, 1 / 14);
    for (let t = 2; t <= 15; t++) expectRel(s.sigma[t - 1] / s.sigma[t - 2], ratio, 1e-12);
    for (let i = 0; i < 15; i++) {
      expect(s.lambda[i]).toBe(s.sigma[i]);
      expectRel(s.logSNR[i], -2 * Math.log(s.sigma[i]), 1e-14);
      expectRel(s.equivalentAlphaBar[i], 1 / (1 + s.sigma[i] ** 2), 1e-14);
    }
    // The paper's order (σ_1 = σ_max) is the reverse of the forward-time order used here.
    expect(Array.from(geometricSigmas(5, 0.01, 1))).toEqual(
      Array.from(geometricSigmas(5, 0.01, 1)).sort((a, b) => a - b),
    );
  });

  it('Karras: σ_i = (σ_max^(1/7) + (i − 1)/(N − 1)(σ_min^(1/7) − σ_max^(1/7)))^7 with i = T − t + 1', () => {
    const T = 18;
    const s = ve('karras', T);
    for (let i = 1; i <= T; i++) {
      const sigma = (80 ** (1 / 7) + ((i - 1) / (T - 1)) * (0.002 ** (1 / 7) - 80 ** (1 / 7))) ** 7;
      expectRel(s.sigma[T - i], sigma, 1e-12);
    }
    expectRel(s.sigma[0], 0.002, 1e-12);
    expectRel(s.sigma[T - 1], 80, 1e-12);
    // Equal steps in σ^(1/ρ).
    const roots = Array.from(karrasSigmas(T), (x) => x ** (1 / 7));
    for (let t = 2; t < T; t++) expectRel(roots[t] - roots[t - 1], roots[1] - roots[0], 1e-9);
  });
});

describe('signal shares', () => {
  it('count the steps with ᾱ < 0.01 (VP) or λ > 10 (VE), and those still clean', () => {
    const lin = vp('linear', 1000);
    const gone = Array.from(lin.alphaBar).filter((a) => a < 0.01).length;
    const clean = Array.from(lin.alphaBar).filter((a) => a > 0.99).length;
    const shares = signalShares(lin);
    expect(shares.goneSteps).toBe(gone);
    expect(shares.cleanSteps).toBe(clean);
    expect(shares.gone + shares.clean + shares.between).toBeCloseTo(1, 12);
    // DDPM's linear schedule: ᾱ_t ≈ exp(−(10⁻⁴ t + 10⁻⁵ t²)) drops below 0.01 near t = 675, so about a
    // third of its 1000 steps see essentially no signal.
    expect(shares.goneSteps).toBe(327);
    const geo = ve('geometric', 15);
    expect(signalShares(geo).goneSteps).toBe(Array.from(geo.sigma).filter((s) => s > 10).length);
    // β tuned for T = 1000 never destroys the signal in 15 steps.
    expect(signalShares(vp('linear', 15)).goneSteps).toBe(0);
  });
});

describe('schedules= list', () => {
  it('keeps known names once, in catalogue order, and reports the rest', () => {
    expect(parseScheduleList('karras, Linear,banana,linear,,cosine')).toEqual({
      names: ['linear', 'cosine', 'karras'],
      unknown: ['banana'],
    });
    expect(parseScheduleList('')).toEqual({ names: [], unknown: [] });
    expect(formatScheduleList(['karras', 'linear'])).toBe('linear,karras');
    expect(formatScheduleList(SCHEDULE_NAMES)).toBe(SCHEDULE_NAMES.join(','));
  });
});
