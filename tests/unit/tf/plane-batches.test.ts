import { describe, expect, it } from 'vitest';
import { DEFAULT_MIXTURE_2D } from '../../../src/engine/plane';
import { createRng } from '../../../src/engine/rng';
import {
  DEFAULT_PLANE_TRAIN_CONFIG,
  PlaneBatchSource,
  cleanPlaneConfig,
  drawDirections,
  isotropicPairData,
  mixture2Data,
  planeSigmas,
  type PlaneTrainConfig,
} from '../../../src/engine/tf/plane';

const config = (overrides: Partial<PlaneTrainConfig>): PlaneTrainConfig => ({
  ...DEFAULT_PLANE_TRAIN_CONFIG,
  ...overrides,
});

describe('plane training config', () => {
  it('replaces out-of-range or non-numeric fields by the defaults and orders σ_min ≤ σ_max', () => {
    const d = DEFAULT_PLANE_TRAIN_CONFIG;
    const bad = cleanPlaneConfig(
      config({
        objective: 'xyz' as PlaneTrainConfig['objective'],
        sigma: -1,
        smin: 5,
        smax: 0.5,
        projections: 12,
        width: 4,
        depth: Number.NaN,
        projection: 'cauchy' as PlaneTrainConfig['projection'],
      }),
    );
    expect(bad.objective).toBe(d.objective);
    expect(bad.sigma).toBe(d.sigma);
    expect([bad.smin, bad.smax]).toEqual([0.5, 5]);
    expect(bad.projections).toBe(d.projections);
    expect(bad.width).toBe(d.width);
    expect(bad.depth).toBe(d.depth);
    expect(bad.projection).toBe('rademacher');
    expect(cleanPlaneConfig(config({ projections: 3.4, width: 200 }))).toMatchObject({
      projections: 3,
      width: 200,
    });
  });
});

describe('plane batches', () => {
  const data = mixture2Data(DEFAULT_MIXTURE_2D);

  it('ncsn: levels uniform over the ladder, rows [x + σz, log σ] with x ~ p', () => {
    const c = config({ objective: 'ncsn', batch: 20_000, levels: 4 });
    const b = new PlaneBatchSource(c, data, createRng(1)).next();
    const ladder = planeSigmas(c);
    for (const s of ladder) {
      const share = b.sigma.filter((v) => Math.abs(v - s) < 1e-5 * s).length / b.n;
      // Binomial(20000, ¼): standard deviation 0.003.
      expect(Math.abs(share - 0.25)).toBeLessThan(0.015);
    }
    // Removing σz from the rows gives back points of p: their mean is the mixture's mean.
    let mx = 0;
    let worstLog = 0;
    for (let i = 0; i < b.n; i++) {
      worstLog = Math.max(worstLog, Math.abs(b.input[3 * i + 2] - Math.log(b.sigma[i])));
      mx += b.input[3 * i] - b.sigma[i] * (b.z as Float32Array)[2 * i];
    }
    expect(worstLog).toBeLessThan(1e-5);
    const meanX = DEFAULT_MIXTURE_2D.reduce((s, k) => s + k.weight * k.mx, 0);
    expect(mx / b.n).toBeCloseTo(meanX, 1);
  });

  it('esm: the target is the exact score of q_σ at each row', () => {
    const b = new PlaneBatchSource(
      config({ objective: 'esm', sigma: 0.7, batch: 50 }),
      data,
      createRng(2),
    ).next();
    const points = Array.from({ length: 2 * b.n }, (_, k) => b.input[3 * (k >> 1) + (k & 1)]);
    const exact = data.score(0.7, points, new Float64Array(points.length));
    exact.forEach((s, k) => expect((b.target as Float32Array)[k]).toBeCloseTo(s, 3));
  });

  it.each(['gaussian', 'rademacher'] as const)('%s directions have mean 0 and E[v_i v_j] = δ_ij', (kind) => {
    const n = 40_000;
    const v = drawDirections(kind, 2 * n, createRng(3));
    if (kind === 'rademacher') expect(v.every((x) => x === 1 || x === -1)).toBe(true);
    let [m, v11, v12] = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      m += v[2 * i];
      v11 += v[2 * i] ** 2;
      v12 += v[2 * i] * v[2 * i + 1];
    }
    // Each average has standard deviation ≤ √(2/n) ≈ 0.007.
    expect(Math.abs(m / n)).toBeLessThan(0.03);
    expect(Math.abs(v11 / n - 1)).toBeLessThan(0.03);
    expect(Math.abs(v12 / n)).toBeLessThan(0.03);
  });

  it('the isotropic pair: exact draws have the blurred variance, and the score is the gradient of log q_σ', () => {
    const dim = 16;
    const pair = isotropicPairData(dim, 4);
    const sigma = 0.5;
    const x = pair.sample(sigma, 20_000, createRng(4));
    // Per coordinate: variance 1 + σ² plus the spread of the two centres ±m, m² = (4/(2·4))² = 0.25.
    let ss = 0;
    for (const value of x) ss += value * value;
    expect(ss / x.length).toBeCloseTo(1 + sigma ** 2 + 0.25, 1);
    // Score against a central difference of log q_σ written out independently (two equal Gaussians, v = 1 + σ²).
    const m = 4 / (2 * Math.sqrt(dim));
    const v = 1 + sigma ** 2;
    const logQ = (p: number[]) => {
      const a = p.reduce((s, t) => s - (t - m) ** 2 / (2 * v), 0);
      const b = p.reduce((s, t) => s - (t + m) ** 2 / (2 * v), 0);
      return Math.max(a, b) + Math.log(Math.exp(a - Math.max(a, b)) + Math.exp(b - Math.max(a, b)));
    };
    const point = Array.from({ length: dim }, (_, d) => 0.3 * Math.sin(d + 1));
    const score = pair.score(sigma, point, new Float64Array(dim));
    const h = 1e-5;
    point.forEach((_, d) => {
      const up = point.map((t, e) => (e === d ? t + h : t));
      const down = point.map((t, e) => (e === d ? t - h : t));
      expect(score[d]).toBeCloseTo((logQ(up) - logQ(down)) / (2 * h), 6);
    });
  });
});
