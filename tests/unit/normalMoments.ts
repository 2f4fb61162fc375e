import { expect } from 'vitest';

/**
 * Checks that draws look like N(0, 1) through their first four raw moments: mean 0, E z² = 1, E z³ = 0, E z⁴ = 3.
 * The standard error of the k-th sample moment from n draws is √(Var z^k / n), with Var z = 1, Var z² = 2,
 * Var z³ = 15, Var z⁴ = 96 for the standard normal; each check allows 5 standard errors (with the sample
 * moments close to normal at these n, a false alarm about once in 1.7 million per check).
 */
export function expectStandardNormalMoments(z: ArrayLike<number>): void {
  const n = z.length;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const x = z[i];
    const x2 = x * x;
    m1 += x;
    m2 += x2;
    m3 += x2 * x;
    m4 += x2 * x2;
  }
  expect(Math.abs(m1 / n)).toBeLessThan(5 * Math.sqrt(1 / n));
  expect(Math.abs(m2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  expect(Math.abs(m3 / n)).toBeLessThan(5 * Math.sqrt(15 / n));
  expect(Math.abs(m4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
}
