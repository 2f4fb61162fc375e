/**
 * The learned curves of the W1-against-steps figure (engine/flow/learnedSteps.ts) are computed by the same runs
 * as the exact ones, from the same starting noise: fed the exact fields through the asynchronous interface a
 * network answers on, they must give the exact curves number for number.
 */
import { describe, expect, it } from 'vitest';
import { exactProcessScore, vpProcess } from '../../src/engine/diffusion';
import { exactVelocity } from '../../src/engine/flow';
import { learnedStepsCurves } from '../../src/engine/flow/learnedSteps';
import { DEFAULT_MIXTURE } from '../../src/engine/mixture';
import { STEP_COUNTS, STEPS_N, w1AgainstSteps } from '../../src/pages/diffusion/flowFiguresModel';

describe('W1 against steps on an asynchronous field', () => {
  it('reproduces the exact curves when given the exact fields', async () => {
    const mixture = DEFAULT_MIXTURE;
    const velocity = exactVelocity(mixture);
    const score = exactProcessScore(mixture, vpProcess());
    const curves = await learnedStepsCurves({
      mixture,
      seed: 3,
      n: STEPS_N,
      stepCounts: STEP_COUNTS,
      velocity: async (xs, t) => {
        const out = new Float64Array(xs.length);
        velocity(xs, t, out);
        return out;
      },
      vpScore: async (xs, t) => {
        const out = new Float64Array(xs.length);
        score(xs, t, out);
        return out;
      },
    });
    let exact = null;
    for (const c of w1AgainstSteps(mixture, 3)) exact = c;
    const byId = new Map(exact!.map((c) => [c.id, c.w1]));
    expect(curves!.map((c) => c.id)).toEqual([
      'fm-heun-learned',
      'fm-euler-learned',
      'vp-heun-learned',
      'vp-euler-learned',
    ]);
    for (const c of curves!) {
      expect(c.steps).toEqual([...STEP_COUNTS]);
      expect(c.w1).toEqual(byId.get(c.id.replace('-learned', '')));
    }
  });

  it('leaves out the curves of a missing field and stops when cancelled', async () => {
    const velocity = exactVelocity(DEFAULT_MIXTURE);
    const field = async (xs: Float64Array, t: number) => {
      const out = new Float64Array(xs.length);
      velocity(xs, t, out);
      return out;
    };
    const options = { mixture: DEFAULT_MIXTURE, seed: 1, n: 200, stepCounts: [2, 4], velocity: field };
    const curves = await learnedStepsCurves(options);
    expect(curves!.map((c) => c.id)).toEqual(['fm-heun-learned', 'fm-euler-learned']);
    expect(await learnedStepsCurves({ ...options, cancelled: () => true })).toBeNull();
  });
});
