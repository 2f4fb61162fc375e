import { describe, expect, it } from 'vitest';
import { narrowestComponent, scoreBlowUp, withComponentWidth } from '../../src/engine/manifold';
import { DEFAULT_MIXTURE, mixtureScore, perturbMixture } from '../../src/engine/mixture';

const range: [number, number] = [-4, 5];
const k = narrowestComponent(DEFAULT_MIXTURE);

describe('a component whose width shrinks to zero', () => {
  it('picks the narrowest component (std 0.2 at −2)', () => {
    expect(DEFAULT_MIXTURE[k].mean).toBe(-2);
  });
  it('slope of the score at its centre is −1/w²; max |s| grows like 1/w up to a slow factor', () => {
    let last = 0;
    for (const w of [1e-1, 1e-2, 1e-3, 1e-4, 1e-6]) {
      const b = scoreBlowUp(DEFAULT_MIXTURE, k, w, 0.1, range);
      expect(b.centreSlope! * w * w).toBeCloseTo(-1, 4);
      expect(b.maxScore!).toBeGreaterThan(last);
      last = b.maxScore!;
      // max |s| · w = d*/w with d* a few widths: between 1 and 12 over five decades.
      expect(b.maxScore! * w).toBeGreaterThan(1);
      expect(b.maxScore! * w).toBeLessThan(12);
    }
  });
  it('at w = 0 there is no score of p, while the score of q_σ stays finite and bounded as w → 0', () => {
    const zero = scoreBlowUp(DEFAULT_MIXTURE, k, 0, 0.3, range);
    expect(zero.maxScore).toBeNull();
    expect(zero.centreSlope).toBeNull();
    expect(Number.isFinite(zero.maxScoreQ)).toBe(true);
    const tiny = scoreBlowUp(DEFAULT_MIXTURE, k, 1e-6, 0.3, range);
    expect(Math.abs(tiny.maxScoreQ - zero.maxScoreQ)).toBeLessThan(1e-6 * zero.maxScoreQ);
    // q_σ of a point mass at μ is N(μ, σ²): its score is (μ − x)/σ² where it dominates.
    const q = perturbMixture(withComponentWidth(DEFAULT_MIXTURE, k, 0), 0.3);
    expect(mixtureScore(q, -2.1)).toBeCloseTo(0.1 / 0.09, 6);
  });
});
