import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIXTURE_2D } from '../../../src/engine/plane';
import { tf } from '../../../src/engine/tf/core';
import {
  DEFAULT_PLANE_TRAIN_CONFIG,
  PlaneFisher,
  PlaneTrainer,
  mixture2Data,
  planeSigmas,
  type PlaneTrainConfig,
} from '../../../src/engine/tf/plane';
import { useWasm } from './helpers';

beforeAll(useWasm);

const data = mixture2Data(DEFAULT_MIXTURE_2D);

const dsmAtOne: PlaneTrainConfig = {
  ...DEFAULT_PLANE_TRAIN_CONFIG,
  objective: 'dsm',
  sigma: 1,
  width: 32,
  depth: 2,
  batch: 256,
  lr: 1e-2,
  seed: 3,
};

describe('training in the plane', () => {
  it('DSM at σ = 1 on the default mixture lowers the Fisher divergence several-fold', async () => {
    const trainer = new PlaneTrainer(dsmAtOne, data);
    const fisher = new PlaneFisher(data, trainer.sigmas, 2048, 9);
    expect(trainer.sigmas).toEqual([1]);
    const before = await fisher.evaluate(trainer.model);
    const losses = await trainer.train(150);
    const after = await fisher.evaluate(trainer.model);
    expect(losses.every(Number.isFinite)).toBe(true);
    // The initial network is a random field (D(1) ≈ 7.3); after 150 steps the averaged model's D(1) is more than
    // 20× smaller (measured ≈ 0.016), and the fall is far larger than the Monte-Carlo error of either estimate.
    expect(after.fisher[0]).toBeLessThan(before.fisher[0] / 20);
    expect(before.fisher[0] - after.fisher[0]).toBeGreaterThan(10 * (before.stderr[0] + after.stderr[0]));
    // The learned field is the score of q_1 where the data is: compare with the exact one at the modes' centres.
    const centres = DEFAULT_MIXTURE_2D.flatMap((c) => [c.mx, c.my]);
    const learned = await trainer.scoreAt(centres);
    const exact = data.score(1, centres, new Float64Array(centres.length));
    learned.forEach((s, k) => expect(Math.abs(s - exact[k])).toBeLessThan(0.35));
    trainer.dispose();
  });

  it('is deterministic for a seed and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const config: PlaneTrainConfig = { ...dsmAtOne, objective: 'ssm', sigma: 0.5, batch: 64, projections: 2 };
    const a = new PlaneTrainer(config, data);
    const b = new PlaneTrainer(config, data);
    const first = await a.train(3);
    expect(Array.from(await b.train(3))).toEqual(Array.from(first));
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('ncsn learns every level of its ladder and is queried at the σ asked for', async () => {
    const config: PlaneTrainConfig = { ...dsmAtOne, objective: 'ncsn', smin: 0.3, smax: 3, levels: 4 };
    expect(planeSigmas(config).map((s) => +s.toFixed(6))).toEqual([3, 1.392477, 0.64633, 0.3]);
    const trainer = new PlaneTrainer(config, data);
    const fisher = new PlaneFisher(data, trainer.sigmas, 1024, 2);
    const before = await fisher.evaluate(trainer.model);
    await trainer.train(200);
    const after = await fisher.evaluate(trainer.model);
    // Every level improves: D(σ) falls at least tenfold at each σ of the ladder (measured: 70× to 850×).
    after.fisher.forEach((d, i) => expect(d).toBeLessThan(before.fisher[i] / 10));
    const point = [0.5, -0.5];
    const [at3, at03] = [await trainer.scoreAt(point, 3), await trainer.scoreAt(point, 0.3)];
    expect(at3).not.toEqual(at03);
    trainer.dispose();
  });
});
