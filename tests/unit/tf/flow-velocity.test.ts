/**
 * The velocity network of flow matching (diffusion page, sde = fm): trained with the conditional flow-matching
 * loss (training/flowBatches.ts) by the page's own default configuration, its Heun samples reach the data.
 * Slow: 3000 Adam steps of batch 512 on TensorFlow.js's pure-JS CPU backend (minutes on an idle 2-core machine).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../../src/engine/tf/trainer';
import { runLearnedJob } from '../../../src/engine/tf/eps/learnedJob';
import { runDiffusionJob } from '../../../src/engine/diffusion/job';
import { exactVelocity, flowMarginal } from '../../../src/engine/flow';
import { DEFAULT_MIXTURE, mixturePdf } from '../../../src/engine/mixture';
import { jobOf, trainConfigOf } from '../../../src/pages/diffusion/diffusionModel';
import { parseQuery } from '../../../src/store/params';
import { crossRulesFor } from '../../../src/store/crossRules';
import { schemaFor } from '../../../src/store/schemas';
import { useCpu } from './helpers';

beforeAll(useCpu);

/** The page's link with flow matching, its ODE (Heun), 100 steps; the defaults otherwise (n = 10⁴, seed 1). */
function pageValues() {
  const query = new URLSearchParams('sde=fm&sampler=ode&solver=heun&steps=100');
  const { values, notices } = parseQuery(schemaFor('diffusion'), query, crossRulesFor('diffusion'));
  expect(notices).toEqual([]);
  expect(values.n).toBe(10_000);
  return values;
}

/** ∫ p_t (v_θ − v)² dx on a grid, over ∫ p_t v² dx: the relative error of the learned velocity at t. */
async function relativeVelocityError(trainer: Trainer, t: number): Promise<number> {
  const xs = Float64Array.from({ length: 241 }, (_, i) => -6 + i * 0.05);
  const learned = await trainer.epsAt(xs, t);
  const exact = new Float64Array(xs.length);
  exactVelocity(DEFAULT_MIXTURE)(xs, t, exact);
  const p = flowMarginal(DEFAULT_MIXTURE, t);
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    const w = mixturePdf(p, x);
    num += w * (learned[i] - exact[i]) ** 2;
    den += w * exact[i] ** 2;
  });
  return Math.sqrt(num / den);
}

describe('the learned flow-matching velocity', () => {
  it('after the default training, Heun (100 steps, n = 10⁴) reaches W1 ≤ 0.1; untrained it does not', async () => {
    const values = pageValues();
    const job = jobOf(values);
    expect(job.process.sde).toBe('fm');
    const trainer = new Trainer(trainConfigOf(values));
    const untrained = await runLearnedJob(trainer, job, {});
    const before = await relativeVelocityError(trainer, 0.5);
    await trainer.train(values.train as number);
    const after = await relativeVelocityError(trainer, 0.5);
    const learned = await runLearnedJob(trainer, job, {});
    const exact = await runDiffusionJob(job);
    console.info(
      `fm: relative velocity error at t = 0.5 ${before.toFixed(3)} → ${after.toFixed(3)}; W1 untrained ` +
        `${untrained!.summary!.w1.toFixed(4)}, learned ${learned!.summary!.w1.toFixed(4)}, exact ${exact!.summary!.w1.toFixed(4)}`,
    );
    expect(untrained!.summary!.w1).toBeGreaterThan(0.1);
    expect(learned!.summary!.w1).toBeLessThanOrEqual(0.1);
    expect(after).toBeLessThan(before);
    const weights = learned!.summary!.modeWeights;
    DEFAULT_MIXTURE.forEach((c, k) => expect(Math.abs(weights[k] - c.weight)).toBeLessThan(0.05));
    trainer.dispose();
  }, 3_600_000);
});
