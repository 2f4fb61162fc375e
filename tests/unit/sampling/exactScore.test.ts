import { describe, expect, it } from 'vitest';
import { DEFAULT_MIXTURE, mixtureScore, perturbMixture, type Mixture } from '../../../src/engine/mixture';
import { createExactScore } from '../../../src/engine/sampling/exactScore';

const THREE: Mixture = [
  { weight: 0.5, mean: -3, std: 0.4 },
  { weight: 0.3, mean: 0.5, std: 1.2 },
  { weight: 0.2, mean: 4, std: 0.1 },
];
const ONE: Mixture = [{ weight: 1, mean: 1, std: 0.7 }];
const WITH_ZERO: Mixture = [...DEFAULT_MIXTURE, { weight: 0, mean: 7, std: 0.01 }];

/** Points across the data and far out into both tails, where every density underflows. */
function probePoints(): Float32Array {
  const xs: number[] = [];
  for (let x = -12; x <= 12; x += 0.0625) xs.push(x);
  xs.push(-1e3, 1e3, -5e4, 5e4, 0);
  return Float32Array.from(xs);
}

function expectMatches(mixture: Mixture, sigma: number | undefined): void {
  const xs = probePoints();
  const out = new Float32Array(xs.length);
  createExactScore(mixture)(xs, out, sigma);
  const reference = sigma === undefined ? mixture : perturbMixture(mixture, sigma);
  for (let i = 0; i < xs.length; i++) {
    const want = mixtureScore(reference, xs[i]);
    expect(Number.isFinite(out[i])).toBe(true);
    // out is stored in float32: relative error up to ~6e-8, plus rounding in the sums.
    expect(Math.abs(out[i] - want)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(want)));
  }
}

describe('batched exact score', () => {
  it('matches the pointwise mixture score for one, two and three components, in the tails too', () => {
    expectMatches(ONE, undefined);
    expectMatches(DEFAULT_MIXTURE, undefined);
    expectMatches(THREE, undefined);
  });

  it('gives the score of q_σ (variances grown by σ²) when asked for σ', () => {
    for (const sigma of [0.01, 0.3, 2, 10]) {
      expectMatches(DEFAULT_MIXTURE, sigma);
      expectMatches(THREE, sigma);
    }
  });

  it('ignores zero-weight components', () => {
    const xs = probePoints();
    const a = new Float32Array(xs.length);
    const b = new Float32Array(xs.length);
    createExactScore(WITH_ZERO)(xs, a);
    createExactScore(DEFAULT_MIXTURE)(xs, b);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('recomputes its tables when σ changes and back', () => {
    const score = createExactScore(THREE);
    const xs = Float32Array.from([-3, 0, 2.5, 4.2]);
    const first = new Float32Array(4);
    const other = new Float32Array(4);
    const again = new Float32Array(4);
    score(xs, first);
    score(xs, other, 1.5);
    score(xs, again, 0);
    expect(Array.from(again)).toEqual(Array.from(first));
    expect(other[3]).toBeCloseTo(mixtureScore(perturbMixture(THREE, 1.5), xs[3]), 5);
  });
});
