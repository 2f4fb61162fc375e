import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/engine/tf/core';
import { Trainer } from '../../../src/engine/tf/trainer';
import { gaussianConfig, useCpu } from './helpers';

beforeAll(useCpu);

describe('tensor ownership', () => {
  it('keeps the tensor count flat over 2000 training steps, evaluations and queries', async () => {
    const trainer = new Trainer(
      gaussianConfig({ objective: 'ncsn', width: 8, depth: 1, batch: 32, data: 200 }),
    );
    await trainer.train(100); // Adam creates its moment variables on the first step
    const afterWarmUp = tf.memory().numTensors;
    for (let done = 100; done < 2000; done += 100) await trainer.train(100);
    expect(trainer.step).toBe(2000);
    expect(tf.memory().numTensors).toBe(afterWarmUp);
    await trainer.evaluate({ level: 1 });
    await trainer.scoreAt([0, 1, 2], 0.5);
    await trainer.save();
    trainer.runSteps(3).dispose();
    expect(tf.memory().numTensors).toBe(afterWarmUp);
    trainer.dispose();
  });

  it('frees everything it made on dispose, for every objective', async () => {
    const before = tf.memory().numTensors;
    for (const objective of ['ncsn', 'dsm', 'esm', 'ism'] as const) {
      const trainer = new Trainer(gaussianConfig({ objective, width: 4, depth: 2, batch: 8 }));
      await trainer.train(5);
      trainer.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
