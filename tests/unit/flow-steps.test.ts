/**
 * The learned curves of the W1-against-steps figure (engine/flow/learnedSteps.ts) are computed by the same runs
 * as the exact ones, from the same starting noise: fed the exact fields through the asynchronous interface a
 * network answers on, they must give the exact curves number for number. Reflow's pairs are the ODE's own
 * coupling, and its batches are the flow-matching rows of those pairs.
 */
import { describe, expect, it } from 'vitest';
import { exactProcessScore, vpProcess } from '../../src/engine/diffusion';
import { exactVelocity, FlowRun } from '../../src/engine/flow';
import { learnedStepsCurves } from '../../src/engine/flow/learnedSteps';
import { ReflowBatchSource, reflowPairs } from '../../src/engine/flow/reflowPairs';
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

/** The exact velocity behind the asynchronous interface of a network. */
function asyncExact(mixture = DEFAULT_MIXTURE) {
  const velocity = exactVelocity(mixture);
  return async (xs: Float64Array, t: number) => {
    const out = new Float64Array(xs.length);
    velocity(xs, t, out);
    return out;
  };
}

describe('reflow pairs and batches', () => {
  it('pairs each noise draw with its ODE image, an order-preserving coupling in 1D', async () => {
    const pairs = await reflowPairs(asyncExact(), { n: 400, seed: 5, steps: 40 });
    const image = new FlowRun(
      { solver: 'heun', steps: 40, n: 400, seed: 5, start: pairs.x1, tracks: 0 },
      exactVelocity(DEFAULT_MIXTURE),
    ).run();
    expect(Array.from(pairs.x0)).toEqual(Array.from(image));
    // An ODE's particles never pass each other, so sorting by x_1 sorts x_0.
    const order = Array.from(pairs.x1.keys()).sort((a, b) => pairs.x1[a] - pairs.x1[b]);
    for (let r = 1; r < order.length; r++)
      expect(pairs.x0[order[r]]).toBeGreaterThanOrEqual(pairs.x0[order[r - 1]]);
    // Not the identity: the noise was carried to the two modes near ±2.
    expect(pairs.x0.filter((v) => v > 0).every((v) => v > 0.3)).toBe(true);
  });

  it('builds flow-matching rows on the pairs: target x_1 − x_0, input on the line between them', () => {
    const x1 = Float64Array.from({ length: 50 }, (_, i) => -2 + i * 0.08);
    const x0 = x1.map((v) => 3 * v + 1);
    const batch = new ReflowBatchSource({ x0, x1 }, 256, 9).next();
    const byX0 = new Map(Array.from(x0, (v, k) => [Math.fround(v), k]));
    for (let i = 0; i < 256; i++) {
      const k = byX0.get(batch.x[i])!;
      expect(k).toBeDefined();
      expect(batch.z![i]).toBeCloseTo(x1[k] - x0[k], 5);
      // For the straight path s/a = t/(1 − t), so t = λ/(1 + λ) from the time feature log λ.
      const lambda = Math.exp(batch.input[2 * i + 1]);
      const t = lambda / (1 + lambda);
      const scale = 1 / Math.sqrt((1 - t) ** 2 + t ** 2);
      expect(batch.input[2 * i]).toBeCloseTo(scale * ((1 - t) * x0[k] + t * x1[k]), 4);
    }
  });
});
