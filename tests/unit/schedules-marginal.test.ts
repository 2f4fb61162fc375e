import { describe, expect, it } from 'vitest';
import { ksStatistic, sampleMean, sampleStd } from '../../src/engine/metrics';
import {
  DEFAULT_MIXTURE,
  mixtureLogPdf,
  mixtureMean,
  mixtureScore,
  mixtureStd,
  sampleMixture,
} from '../../src/engine/mixture';
import { createRng } from '../../src/engine/rng';
import { NormalStream } from '../../src/engine/sampling/normalStream';
import {
  buildSchedule,
  marginalCoefficients,
  marginalMap,
  mixtureDensityInto,
  scheduleMarginal,
  type Schedule,
} from '../../src/engine/schedules';

/**
 * Forward noising one step at a time, the way the process is defined (not the one-shot formula under test):
 * VP x_t = √α_t x_{t−1} + √β_t ε_t; VE x_t = x_{t−1} + √(σ_t² − σ_{t−1}²) ε_t with σ_0 = 0. Returns copies
 * of the particles at the requested steps.
 */
function noiseStepByStep(schedule: Schedule, x0: Float64Array, at: number[], seed: number) {
  const x = Float64Array.from(x0);
  const eps = new Float64Array(x.length);
  const stream = new NormalStream(seed);
  const out = new Map<number, Float64Array>();
  for (let t = 1; t <= schedule.T; t++) {
    stream.fill(eps);
    if (schedule.family === 'vp') {
      const keep = Math.sqrt(schedule.alpha[t - 1]);
      const add = Math.sqrt(schedule.beta[t - 1]);
      for (let i = 0; i < x.length; i++) x[i] = keep * x[i] + add * eps[i];
    } else {
      const previous = t === 1 ? 0 : schedule.sigma[t - 2];
      const add = Math.sqrt(schedule.sigma[t - 1] ** 2 - previous ** 2);
      for (let i = 0; i < x.length; i++) x[i] += add * eps[i];
    }
    if (at.includes(t)) out.set(t, Float64Array.from(x));
  }
  return out;
}

describe('the exact forward marginal p_t against Monte-Carlo forward noising', () => {
  const n = 40_000;
  const x0 = sampleMixture(DEFAULT_MIXTURE, n, createRng(11));
  // KS of n exact draws exceeds 1.95/√n with probability 0.1%.
  const ksBound = 1.95 / Math.sqrt(n);
  const cases: [Schedule, number[]][] = [
    [buildSchedule('linear', 1000), [50, 200, 1000]],
    [buildSchedule('cosine', 200), [20, 100, 199]],
    [buildSchedule('sigmoid', 300), [150, 250]],
    [buildSchedule('geometric', 60), [20, 40, 60]],
    [buildSchedule('karras', 60), [30, 55]],
  ];
  for (const [schedule, steps] of cases) {
    it(`${schedule.name} (T = ${schedule.T}) at t = ${steps.join(', ')}: moments and KS within sampling noise`, () => {
      const noisy = noiseStepByStep(schedule, x0, steps, 5);
      for (const t of steps) {
        const xs = noisy.get(t)!;
        const p = scheduleMarginal(DEFAULT_MIXTURE, schedule, t);
        const m = mixtureMean(p);
        const sd = mixtureStd(p);
        // 4.5 standard errors: the mean's is sd/√n, the std's about sd·√(κ/4n) ≤ sd/√n here.
        expect(Math.abs(sampleMean(xs) - m)).toBeLessThan((4.5 * sd) / Math.sqrt(n));
        expect(Math.abs(sampleStd(xs) - sd)).toBeLessThan((4.5 * sd) / Math.sqrt(n));
        expect(ksStatistic(xs, p)).toBeLessThan(ksBound);
      }
    });
  }

  it('VP: p_t has the closed form Σ π_k N(√ᾱ μ_k, ᾱ s_k² + 1 − ᾱ); VE: N(μ_k, s_k² + σ_t²)', () => {
    const lin = buildSchedule('linear', 1000);
    if (lin.family !== 'vp') throw new Error('linear is VP');
    const ab = lin.alphaBar[299];
    const p = scheduleMarginal(DEFAULT_MIXTURE, lin, 300);
    p.forEach((c, k) => {
      const d = DEFAULT_MIXTURE[k];
      expect(c.weight).toBe(d.weight);
      expect(c.mean).toBeCloseTo(Math.sqrt(ab) * d.mean, 12);
      expect(c.std ** 2).toBeCloseTo(ab * d.std ** 2 + 1 - ab, 12);
    });
    const geo = buildSchedule('geometric', 15);
    if (geo.family !== 've') throw new Error('geometric is VE');
    const q = scheduleMarginal(DEFAULT_MIXTURE, geo, 7);
    q.forEach((c, k) => {
      expect(c.mean).toBe(DEFAULT_MIXTURE[k].mean);
      expect(c.std ** 2).toBeCloseTo(DEFAULT_MIXTURE[k].std ** 2 + geo.sigma[6] ** 2, 12);
    });
    expect(marginalCoefficients(geo, 0)).toEqual({ a: 1, s: 0 });
  });

  it('its score matches a finite difference of its log density, far into the tails', () => {
    const p = scheduleMarginal(DEFAULT_MIXTURE, buildSchedule('cosine', 100), 30);
    for (const x of [-30, -4, -2.1, 0, 0.7, 2, 5, 40]) {
      const h = 1e-5;
      const fd = (mixtureLogPdf(p, x + h) - mixtureLogPdf(p, x - h)) / (2 * h);
      expect(Math.abs(mixtureScore(p, x) - fd)).toBeLessThan(1e-5 * (1 + Math.abs(fd)));
    }
  });
});

describe('the heat-map grid', () => {
  it('holds exact densities at whole steps from 0 to T, integrating to 1 in every column', () => {
    const schedule = buildSchedule('linear', 1000);
    const map = marginalMap(DEFAULT_MIXTURE, schedule, { xRange: [-8, 8], rows: 801, columns: 101 });
    expect(map.steps[0]).toBe(0);
    expect(map.steps[map.steps.length - 1]).toBe(1000);
    expect(map.steps.length).toBe(101);
    const dx = map.x[1] - map.x[0];
    const column = new Float64Array(map.x.length);
    for (const j of [0, 10, 50, 100]) {
      let mass = 0;
      for (let i = 0; i < map.x.length; i++) mass += map.values[j * map.x.length + i] * dx;
      expect(mass).toBeCloseTo(1, 3);
      mixtureDensityInto(scheduleMarginal(DEFAULT_MIXTURE, schedule, map.steps[j]), map.x, column);
      expect(map.values[j * map.x.length + 400]).toBeCloseTo(column[400], 6);
    }
    // Every step when T + 1 columns fit.
    const small = marginalMap(DEFAULT_MIXTURE, buildSchedule('karras', 15), {
      xRange: [-5, 5],
      rows: 11,
      columns: 300,
    });
    expect(Array.from(small.steps)).toEqual(Array.from({ length: 16 }, (_, t) => t));
  });
});
