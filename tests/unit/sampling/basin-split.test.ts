/**
 * The numbers behind the score page's "the score points away from the dip" and the Langevin preset's basin split
 * (presets.ts): for the default mixture the score between the modes vanishes at the density's low point
 * x* ≈ −0.821 — not at the midpoint 0 of the modes, since the heavier, wider component at +2 reaches further —
 * and a uniform start on [−3, 3] puts (x* + 3)/6 ≈ 36.3% of its particles on the narrow mode's side.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIXTURE, mixturePdf, mixtureScore } from '../../../src/engine/mixture';
import { computeRunMetrics } from '../../../src/engine/sampling/runMetrics';
import { createLangevinRun } from '../../../src/engine/sampling/langevin';
import { DEFAULT_LANGEVIN } from '../../../src/engine/sampling/presets';

/** The zero of the score strictly between the modes −2 and 2, by bisection (score < 0 left of it, > 0 right). */
function dip(): number {
  let lo = -1.9;
  let hi = 1.9;
  expect(mixtureScore(DEFAULT_MIXTURE, lo)).toBeLessThan(0);
  expect(mixtureScore(DEFAULT_MIXTURE, hi)).toBeGreaterThan(0);
  for (let i = 0; i < 100; i++) {
    const mid = 0.5 * (lo + hi);
    if (mixtureScore(DEFAULT_MIXTURE, mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

describe('the basin split of the default mixture', () => {
  const x = dip();

  it('the score vanishes at x* ≈ −0.821, the low point of p between the modes', () => {
    expect(x).toBeCloseTo(-0.821, 3);
    // p is smallest there: p′ = p s changes sign from − to + at x*.
    for (const d of [0.05, 0.2, 0.6]) {
      expect(mixturePdf(DEFAULT_MIXTURE, x - d)).toBeGreaterThan(mixturePdf(DEFAULT_MIXTURE, x));
      expect(mixturePdf(DEFAULT_MIXTURE, x + d)).toBeGreaterThan(mixturePdf(DEFAULT_MIXTURE, x));
    }
  });

  it('between x* and 0 the score points to +2, away from the nearer mode −2 (at −0.5 it is ≈ +10)', () => {
    expect(mixtureScore(DEFAULT_MIXTURE, -0.5)).toBeCloseTo(10, 3);
    expect(mixtureScore(DEFAULT_MIXTURE, -0.1)).toBeGreaterThan(0);
  });

  it('a uniform start on [−3, 3] puts 36.3% in the narrow basin; the lecture run ends with about that share', () => {
    const { init } = DEFAULT_LANGEVIN;
    if (init.kind !== 'uniform') throw new Error('the lecture preset starts from a uniform draw');
    const share = (x - init.a) / (init.b - init.a);
    expect(share).toBeCloseTo(0.363, 3);
    const run = createLangevinRun({ ...DEFAULT_LANGEVIN, trajectories: false });
    const n = run.particles.length;
    const startLeft = run.particles.filter((v) => v < x).length / n;
    // The seeded draw: a binomial share, within 4.5 standard errors of 36.3%.
    expect(Math.abs(startLeft - share)).toBeLessThan(4.5 * Math.sqrt((share * (1 - share)) / n));
    run.step(DEFAULT_LANGEVIN.steps);
    const weights = computeRunMetrics(run.particles, DEFAULT_MIXTURE, { step: run.currentStep }).modeWeights;
    console.info(
      `basin split ${x.toFixed(4)}: ${(100 * share).toFixed(1)}% of U(−3, 3); seeded start ${(
        100 * startLeft
      ).toFixed(1)}%; narrow-mode weight after ${DEFAULT_LANGEVIN.steps} steps ${weights[1].toFixed(3)}`,
    );
    // The run keeps the split to within the few particles the first steps' noise carries across the dip.
    expect(Math.abs(weights[1] - startLeft)).toBeLessThan(0.02);
  });
});
