/** The score page's arrow field: one length scale, exact scores, cut exactly where arrows would touch. */
import { describe, expect, it } from 'vitest';
import { mixtureScore, plotRange, type Mixture } from '../../src/engine/mixture';
import { FIELD_ARROWS, scoreField } from '../../src/pages/score/scoreModel';

const TWO_MODES: Mixture = [
  { weight: 0.6, mean: 2, std: 0.5 },
  { weight: 0.4, mean: -2, std: 0.2 },
];

describe('score field', () => {
  it('evenly spaced arrows, each unit · s(x) long unless cut at 0.9 of the spacing', () => {
    const range = plotRange(TWO_MODES);
    const f = scoreField(TWO_MODES, range);
    expect(f.x).toHaveLength(FIELD_ARROWS);
    const spacing = (range[1] - range[0]) / (FIELD_ARROWS + 1);
    expect(f.maxLength).toBeCloseTo(0.9 * spacing, 12);
    f.x.forEach((x, i) => {
      expect(x).toBeCloseTo(range[0] + (i + 1) * spacing, 12);
      const s = mixtureScore(TWO_MODES, x);
      expect(f.score[i]).toBe(s);
      const raw = f.unit * s;
      expect(f.clipped[i]).toBe(Math.abs(raw) > f.maxLength);
      expect(f.length[i]).toBeCloseTo(f.clipped[i] ? Math.sign(s) * f.maxLength : raw, 12);
      // No arrow reaches its neighbour's tail.
      expect(Math.abs(f.length[i])).toBeLessThanOrEqual(f.maxLength + 1e-12);
    });
    // The narrow component's flanks and the tails are steep: some arrows are cut, most are not.
    const cut = f.clipped.filter(Boolean).length;
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(FIELD_ARROWS / 2);
  });

  it('a single Gaussian: the score is linear, (μ − x)/s², so unit lengths are linear in x too', () => {
    const g: Mixture = [{ weight: 1, mean: 0, std: 1 }];
    const f = scoreField(g, [-4, 4], 7);
    // Arrows at -3 … 3; the typical |s| (median where p > 10⁻³ of its peak, i.e. |x| < 3.72) is 2 → unit = 0.5·1/2.
    expect(f.x).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(f.unit).toBeCloseTo(0.25, 12);
    expect(f.length.slice(1, 6)).toEqual([0.5, 0.25, 0, -0.25, -0.5].map((v) => expect.closeTo(v, 12)));
    // |s| = 3 gives 0.75, under the 0.9 cut.
    expect(f.clipped).toEqual([false, false, false, false, false, false, false]);
  });
});
