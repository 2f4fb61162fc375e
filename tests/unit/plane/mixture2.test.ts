import { describe, expect, it } from 'vitest';
import { ksStatistic } from '../../../src/engine/metrics';
import {
  affineMarginal2,
  cloudMoments,
  MIXTURE_2D_PRESETS,
  mixtureMoments2,
  orientedComponent,
  PreparedMixture2,
  projectCloud,
  projectMixture2,
  sampleMixture2,
  type Mixture2,
} from '../../../src/engine/plane';
import { createRng } from '../../../src/engine/rng';

const presets = Object.entries(MIXTURE_2D_PRESETS) as Array<[string, Mixture2]>;

describe('2D mixture density and score', () => {
  it.each(presets)('%s: the density integrates to 1 over a wide grid (midpoint rule)', (_, mixture) => {
    const p = new PreparedMixture2(mixture);
    const h = 0.02;
    let total = 0;
    for (let x = -12 + h / 2; x < 12; x += h) for (let y = -12 + h / 2; y < 12; y += h) total += p.pdf(x, y);
    expect(total * h * h).toBeCloseTo(1, 3);
  });

  it.each(presets)('%s: the score equals the central-difference gradient of log p', (_, mixture) => {
    const p = new PreparedMixture2(mixture);
    const rng = createRng(7);
    const g = new Float64Array(2);
    const h = 1e-5;
    for (let i = 0; i < 200; i++) {
      // Points near the data and far in the tails, where p underflows but log p must not.
      const spread = i < 100 ? 6 : 40;
      const x = (rng.uniform() * 2 - 1) * spread;
      const y = (rng.uniform() * 2 - 1) * spread;
      p.score(x, y, g);
      const fx = (p.logPdf(x + h, y) - p.logPdf(x - h, y)) / (2 * h);
      const fy = (p.logPdf(x, y + h) - p.logPdf(x, y - h)) / (2 * h);
      const scale = 1 + Math.hypot(fx, fy);
      expect(Number.isFinite(g[0]) && Number.isFinite(g[1])).toBe(true);
      expect(Math.abs(g[0] - fx) / scale).toBeLessThan(1e-5);
      expect(Math.abs(g[1] - fy) / scale).toBeLessThan(1e-5);
    }
  });

  it('responsibilities sum to 1 and follow the nearer component', () => {
    const p = new PreparedMixture2(MIXTURE_2D_PRESETS.twoModes);
    const r = new Float64Array(2);
    p.responsibilities(-5, -5, r);
    expect(r[0] + r[1]).toBeCloseTo(1, 12);
    expect(r[0]).toBeGreaterThan(0.999);
    p.responsibilities(300, 300, r);
    expect(r[0] + r[1]).toBeCloseTo(1, 12);
    expect(r[1]).toBeGreaterThan(0.999);
  });

  it('an oriented component has the requested spread along and across its direction', () => {
    const angle = 0.6;
    const c = orientedComponent(1, 0, 0, 2, 0.1, angle);
    const [along] = projectMixture2([c], Math.cos(angle), Math.sin(angle));
    const [across] = projectMixture2([c], -Math.sin(angle), Math.cos(angle));
    expect(along.std).toBeCloseTo(2, 10);
    expect(across.std).toBeCloseTo(0.1, 10);
  });
});

describe('2D sampling and projections', () => {
  const n = 100_000;

  it.each(presets)(
    '%s: sample mean and covariance match the exact moments within sampling error',
    (_, mixture) => {
      const cloud = sampleMixture2(mixture, n, createRng(11));
      const exact = mixtureMoments2(mixture);
      const got = cloudMoments(cloud);
      // Five standard errors: sd(mean) = √(Var/n); sd of a (co)variance estimate ≲ √(2 Var_x Var_y + ...)/√n, bounded
      // here by 5 (Var_x + Var_y) / √n, loose enough for the heavier tails of a mixture.
      const tol = (v: number) => 5 * Math.sqrt(v / n);
      expect(Math.abs(got.mx - exact.mx)).toBeLessThan(tol(exact.vxx));
      expect(Math.abs(got.my - exact.my)).toBeLessThan(tol(exact.vyy));
      const covTol = (5 * (exact.vxx + exact.vyy)) / Math.sqrt(n);
      expect(Math.abs(got.vxx - exact.vxx)).toBeLessThan(covTol);
      expect(Math.abs(got.vxy - exact.vxy)).toBeLessThan(covTol);
      expect(Math.abs(got.vyy - exact.vyy)).toBeLessThan(covTol);
    },
  );

  it.each(presets)(
    '%s: every projection of the samples follows the projected 1D mixture (KS at the 1 percent level)',
    (_, mixture) => {
      const cloud = sampleMixture2(mixture, 20_000, createRng(3));
      // 1.63/√n is the 1 % critical value of the one-sample KS statistic for large n; six directions are tested, so a
      // Bonferroni bound at 1 % overall uses the 0.17 % value, 1.85/√n.
      const critical = 1.85 / Math.sqrt(20_000);
      for (let j = 0; j < 6; j++) {
        const angle = (Math.PI * j) / 6 + 0.1;
        const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
        expect(ksStatistic(projectCloud(cloud, ux, uy), projectMixture2(mixture, ux, uy))).toBeLessThan(
          critical,
        );
      }
    },
  );

  it('the affine marginal a x_0 + s z matches Monte Carlo along several directions', () => {
    const mixture = MIXTURE_2D_PRESETS.default;
    const rng = createRng(5);
    const [a, s] = [0.6, 0.8];
    const cloud = sampleMixture2(mixture, 20_000, rng);
    for (let i = 0; i < cloud.xs.length; i++) {
      cloud.xs[i] = a * cloud.xs[i] + s * rng.normal();
      cloud.ys[i] = a * cloud.ys[i] + s * rng.normal();
    }
    const marginal = affineMarginal2(mixture, a, s);
    const critical = 1.85 / Math.sqrt(20_000);
    for (const angle of [0, 0.7, 1.6, 2.5]) {
      const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
      expect(ksStatistic(projectCloud(cloud, ux, uy), projectMixture2(marginal, ux, uy))).toBeLessThan(
        critical,
      );
    }
    // And the test has power: the un-noised mixture is rejected along the same directions.
    const [ux, uy] = [Math.cos(0.7), Math.sin(0.7)];
    expect(ksStatistic(projectCloud(cloud, ux, uy), projectMixture2(mixture, ux, uy))).toBeGreaterThan(
      5 * critical,
    );
  });
});
