import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/engine/tf/core';
import { MODEL_FORMAT, parseModelFile } from '../../../src/engine/tf/modelFile';
import { Trainer } from '../../../src/engine/tf/trainer';
import { gaussianConfig, useCpu } from './helpers';

beforeAll(useCpu);

const xs = Float32Array.from({ length: 41 }, (_, i) => -3 + 0.15 * i);

describe('model files', () => {
  it('round-trips: a loaded model gives identical scores at every level', async () => {
    const trainer = new Trainer(gaussianConfig({ objective: 'ncsn', width: 8 }));
    await trainer.train(30);
    const json = await trainer.save();
    const loaded = Trainer.fromJson(json);
    if ('error' in loaded) throw new Error(loaded.error);
    expect(loaded.trainer.step).toBe(30);
    expect(loaded.trainer.config).toEqual(trainer.config);
    for (const sigma of [2, 0.7, 0.25]) {
      const a = await trainer.scoreAt(xs, sigma);
      const b = await loaded.trainer.scoreAt(xs, sigma);
      expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
    }
    // Saving the loaded model gives the same file again.
    expect(await loaded.trainer.save()).toBe(json);
    trainer.dispose();
    loaded.trainer.dispose();
  });

  it('refuses bad files with a clear message', async () => {
    const trainer = new Trainer(gaussianConfig({ width: 4, depth: 1 }));
    const good = JSON.parse(await trainer.save());
    trainer.dispose();
    const variants: [string, string, RegExp][] = [
      ['not JSON', '{"format": ', /not valid JSON/],
      [
        'another format',
        JSON.stringify({ ...good, format: 'keras' }),
        new RegExp(`"format" is not "${MODEL_FORMAT}"`),
      ],
      ['a future version', JSON.stringify({ ...good, version: 99 }), /version 99 is not supported/],
      ['no config', JSON.stringify({ ...good, config: undefined }), /config/],
      [
        'a bad objective',
        JSON.stringify({ ...good, config: { ...good.config, objective: 'gan' } }),
        /objective/,
      ],
      ['no params', JSON.stringify({ ...good, params: undefined }), /"params" is missing/],
      [
        'a wrong shape',
        JSON.stringify({
          ...good,
          params: good.params.map((p: { name: string; shape: number[] }, i: number) =>
            i === 0 ? { ...p, shape: [3, 4] } : p,
          ),
        }),
        /hidden0.weight" should have shape \[2, 4\]/,
      ],
      [
        'too few numbers',
        JSON.stringify({
          ...good,
          params: good.params.map((p: { values: number[] }, i: number) =>
            i === 2 ? { ...p, values: p.values.slice(1) } : p,
          ),
        }),
        /out.weight" should hold 4 numbers/,
      ],
      [
        'a NaN (written as null by JSON)',
        JSON.stringify(good).replace(/"values":\[[^,\]]+/, '"values":[null'),
        /not a finite number/,
      ],
      [
        'a number beyond float32',
        JSON.stringify(good).replace(/"values":\[[^,\]]+/, '"values":[1e300'),
        /not a finite number/,
      ],
      [
        'a string',
        JSON.stringify(good).replace(/"values":\[[^,\]]+/, '"values":["NaN"'),
        /not a finite number/,
      ],
      ['extra layers', JSON.stringify({ ...good, config: { ...good.config, depth: 2 } }), /need 6/],
    ];
    for (const [what, json, pattern] of variants) {
      const result = parseModelFile(json);
      expect(result.ok, what).toBe(false);
      if (!result.ok) {
        expect(result.error, what).toMatch(pattern);
        expect(result.error, what).toMatch(/^This is not a usable Score Lab model file: /);
      }
    }
    // Nothing was built for the refused files.
    const before = tf.memory().numTensors;
    expect('error' in Trainer.fromJson('[]')).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a step counter too large to count on (1e300 + 1 is 1e300)', async () => {
    const trainer = new Trainer(gaussianConfig({ width: 4, depth: 1 }));
    const good = JSON.parse(await trainer.save());
    trainer.dispose();
    const result = parseModelFile(JSON.stringify({ ...good, step: 1e300 }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/"step"/);
    expect(parseModelFile(JSON.stringify({ ...good, step: 1_000_000 })).ok).toBe(true);
  });

  it('normalises mixture weights whose sum overflows, instead of turning them into zeros', async () => {
    const trainer = new Trainer(gaussianConfig({ width: 4, depth: 1 }));
    const good = JSON.parse(await trainer.save());
    trainer.dispose();
    const mixture = [
      { weight: 1e308, mean: 0, std: 1 },
      { weight: 1e308, mean: 1, std: 1 },
    ];
    const result = parseModelFile(JSON.stringify({ ...good, config: { ...good.config, mixture } }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.model.config.mixture.map((c) => c.weight)).toEqual([0.5, 0.5]);
  });
});
