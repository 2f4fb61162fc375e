import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/rng';
import { expectStandardNormalMoments } from './normalMoments';

describe('seeded generator', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const a = createRng(42).normals(1000);
    const b = createRng(42).normals(1000);
    const c = createRng(43).normals(1000);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('draws uniforms in [0, 1) with the right mean and variance', () => {
    const rng = createRng(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSq += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // Standard error of the mean is sqrt(1/12 / n) ≈ 6.5e-4; allow 5 standard errors.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(2e-3);
  });

  it('draws normals with the moments of N(0, 1) and the right tail mass', () => {
    const xs = createRng(3).normals(200_000);
    expectStandardNormalMoments(xs);
    const n = xs.length;
    const beyond2 = xs.filter((x) => Math.abs(x) > 1.959963984540054).length;
    // P(|z| > 1.96) = 0.05, binomial standard error sqrt(0.05·0.95/n).
    expect(Math.abs(beyond2 / n - 0.05)).toBeLessThan(5 * Math.sqrt((0.05 * 0.95) / n));
  });

  it('forks into an independent but reproducible stream', () => {
    const parent1 = createRng(9);
    const parent2 = createRng(9);
    const child1 = parent1.fork().normals(10);
    const child2 = parent2.fork().normals(10);
    expect(Array.from(child1)).toEqual(Array.from(child2));
    expect(Array.from(child1)).not.toEqual(Array.from(createRng(9).normals(10)));
  });
});
