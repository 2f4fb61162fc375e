import { describe, expect, it } from 'vitest';
import {
  mulHi32,
  normalPair,
  philox4x32,
  philoxNormals,
  uniformFromBits,
} from '../../../src/engine/gpu/philox';

const hex = (words: Uint32Array) => Array.from(words, (w) => w.toString(16).padStart(8, '0'));

describe('Philox4x32-10', () => {
  // Known-answer vectors published with Random123 (kat_vectors, philox4x32 with 10 rounds).
  it('reproduces the published known-answer vectors', () => {
    expect(hex(philox4x32([0, 0, 0, 0], [0, 0]))).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
    expect(
      hex(philox4x32([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff])),
    ).toEqual(['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
    expect(
      hex(philox4x32([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])),
    ).toEqual(['d16cfe09', '94fdcceb', '5001e420', '24126ea1']);
  });

  it('takes the high word of a 32 × 32 product exactly (against BigInt)', () => {
    const cases = [
      [0, 0],
      [0xffffffff, 0xffffffff],
      [0xd2511f53, 0x12345678],
      [0xcd9e8d57, 0xfedcba98],
      [0x0000ffff, 0xffff0000],
      [0x80000000, 2],
    ];
    for (const [a, b] of cases) {
      const exact = Number((BigInt(a) * BigInt(b)) >> 32n);
      expect(mulHi32(a, b)).toBe(exact);
    }
  });

  it('gives uniforms strictly inside (0, 1)', () => {
    expect(uniformFromBits(0)).toBeGreaterThan(0);
    expect(uniformFromBits(0xffffffff)).toBeLessThan(1);
  });

  it('gives standard normals: mean 0, variance 1, and the normal tail mass, within sampling error', () => {
    const n = 40_000; // 10⁴ counters × 4 normals
    let sum = 0;
    let sumSq = 0;
    let beyond2 = 0;
    for (let i = 0; i < n / 4; i++) {
      for (const z of philoxNormals([i, 7, 0, 0], [1234, 0])) {
        sum += z;
        sumSq += z * z;
        if (Math.abs(z) > 2) beyond2++;
      }
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // Standard errors: 1/√n = 0.005 for the mean, √(2/n) = 0.0071 for the variance; allow 4 of them.
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.029);
    // P(|Z| > 2) = 0.0455; binomial standard error √(p(1−p)/n) = 0.00104.
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(0.0042);
  });

  it('Box–Muller keeps the radius: z₀² + z₁² = −2 ln u₁', () => {
    const [z0, z1] = normalPair(0.3, 0.7);
    expect(z0 * z0 + z1 * z1).toBeCloseTo(-2 * Math.log(0.3), 12);
  });
});
