import { describe, expect, it } from 'vitest';
import { erf, erfc, logSumExp, normalCdf } from '../../src/engine/special';

// Reference values of erf/erfc to 15+ significant digits (Abramowitz & Stegun, Table 7.1, and their
// asymptotic tail).
const erfTable: [number, number][] = [
  [0, 0],
  [0.1, 0.1124629160182849],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [2, 0.9953222650189527],
  [2.5, 0.999593047982555],
  [3, 0.9999779095030014],
];
const erfcTable: [number, number][] = [
  [1, 0.1572992070502851],
  [3, 2.209049699858544e-5],
  [5, 1.537459794428035e-12],
  [10, 2.088487583762545e-45],
];

describe('erf and erfc', () => {
  it('match tabulated values', () => {
    for (const [x, value] of erfTable) {
      expect(erf(x)).toBeCloseTo(value, 14);
      expect(erf(-x)).toBeCloseTo(-value, 14);
    }
    for (const [x, value] of erfcTable) expect(Math.abs(erfc(x) / value - 1)).toBeLessThan(1e-12);
  });

  it('are continuous where the two expansions meet and satisfy erf + erfc = 1', () => {
    for (const x of [2.4999999, 2.5, 2.5000001, -2.5, 0.3, 1.7]) {
      expect(erf(x) + erfc(x)).toBeCloseTo(1, 14);
    }
    expect(Math.abs(erfc(2.4999999999) - erfc(2.5000000001))).toBeLessThan(1e-12);
  });

  it('gives Φ with the familiar quantiles', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 14);
  });
});

describe('logSumExp', () => {
  it('handles huge and tiny magnitudes without overflow', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.log(2), 12);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
  });
});
