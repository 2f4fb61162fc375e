/**
 * A model file is held to the same limits as a link (issue 14): the train page writes a loaded file's settings
 * into its link, so a setting the link would clamp must refuse the file rather than quietly re-initialise it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../src/engine/tf/trainer';
import { checkModelFileLimits } from '../../src/store/modelFileLimits';
import { gaussianConfig, useCpu } from './tf/helpers';

beforeAll(useCpu);

async function goodFile(): Promise<Record<string, unknown> & { config: Record<string, unknown> }> {
  const trainer = new Trainer(gaussianConfig({ width: 4, depth: 1 }));
  const file = JSON.parse(await trainer.save());
  trainer.dispose();
  return file;
}

describe('model files against the link limits', () => {
  it('accepts a file trained with settings a link can hold', async () => {
    expect(checkModelFileLimits(JSON.stringify(await goodFile()))).toEqual({ ok: true, notes: [] });
  });

  it('refuses every setting a link would clamp, naming it and its range', async () => {
    const good = await goodFile();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ width: 1024 }, /width 1024 .*\[4, 256\]/],
      [{ lr: 1 }, /lr 1 .*\[0\.0001, 0\.1\]/],
      [{ batch: 65_536 }, /batch 65536 .*\[16, 4096\]/],
      [{ smin: 0.001 }, /smin 0\.001 .*\[0\.01, 10\]/],
      [{ levels: 80 }, /levels 80/],
      [{ seed: -5 }, /seed -5/],
      [{ objective: 'eps' }, /objective "eps"/],
      [{ mixture: [{ weight: 1, mean: 1e6, std: 1 }] }, /mean 1000000 .*\[-10, 10\]/],
      [{ mixture: [{ weight: 1, mean: 0, std: 1e-6 }] }, /std 0\.000001 .*\[0\.02, 5\]/],
    ];
    for (const [change, pattern] of cases) {
      const result = checkModelFileLimits(JSON.stringify({ ...good, config: { ...good.config, ...change } }));
      expect(result.ok, JSON.stringify(change)).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatch(pattern);
        expect(result.error).not.toMatch(/\.\./);
      }
    }
  });

  it('loads weights whose sum overflows, with a note that they were normalised', async () => {
    const good = await goodFile();
    const mixture = [
      { weight: 1e308, mean: 0, std: 1 },
      { weight: 1e308, mean: 1, std: 1 },
    ];
    const result = checkModelFileLimits(JSON.stringify({ ...good, config: { ...good.config, mixture } }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.notes.join(' ')).toMatch(/weights/);
  });

  it('leaves files that are not model files at all to the full check', () => {
    expect(checkModelFileLimits('{"format": ')).toEqual({ ok: true, notes: [] });
    expect(checkModelFileLimits('[]')).toEqual({ ok: true, notes: [] });
  });
});
