/**
 * Each parameter codec (store/codecs.ts) on its own: parse∘format is the identity with no notice on values the
 * codec produces; out-of-range numbers are clamped and said so; garbage gives the default and a notice naming
 * the parameter. Then the typed mapping between the train link and TrainConfig, both ways.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIXTURE } from '../../src/engine/mixture';
import { createRng } from '../../src/engine/rng';
import { enumParam, numberParam, textParam } from '../../src/store/codecs';
import { defaultValues } from '../../src/store/appStore';
import {
  commonSchema,
  pageSchemas,
  schemaFor,
  type EnumParam,
  type NumberParam,
  type PageId,
  type PageValues,
} from '../../src/store/schemas';
import { trainConfigFrom, trainParamsOf } from '../../src/store/trainConfig';

const sigma = numberParam({ label: 'σ', default: 0.5, min: 0.01, max: 10, log: true });
const count = numberParam({ label: 'n', default: 40, min: 1, max: 5000, integer: true });

describe('number codec', () => {
  it('round-trips values it produces, silently (4 significant digits; whole numbers in full)', () => {
    const rng = createRng(7);
    for (let i = 0; i < 500; i++) {
      const raw = String(0.01 * 1000 ** rng.uniform());
      const { value } = sigma.parse(raw, 'sigma');
      const again = sigma.parse(sigma.format(value), 'sigma');
      expect(sigma.parse(sigma.format(again.value), 'sigma')).toEqual({ value: again.value, notices: [] });
      expect(Math.abs(again.value - value) / value).toBeLessThan(5e-4);
    }
    expect(count.parse(count.format(4321), 'n')).toEqual({ value: 4321, notices: [] });
    const seed = commonSchema.seed;
    expect(seed.parse(seed.format(2_147_483_647), 'seed')).toEqual({ value: 2_147_483_647, notices: [] });
  });

  it('clamps out-of-range numbers and rounds whole ones, with a notice naming the parameter', () => {
    expect(sigma.parse('100', 'sigma')).toEqual({
      value: 10,
      notices: ['sigma: 100 is out of range [0.01, 10]; clamped to 10.'],
    });
    expect(sigma.parse('-1', 'sigma').value).toBe(0.01);
    expect(count.parse('12.6', 'n')).toEqual({
      value: 13,
      notices: ['n: 12.6 is not a whole number; rounded to 13.'],
    });
    expect(count.check(1e9, 'n').value).toBe(5000);
    expect(count.check(NaN, 'n')).toEqual({
      value: 40,
      notices: ['n: "NaN" is not a number; the default 40 is used.'],
    });
  });

  it('gives the default and a notice for garbage, and the default silently when absent', () => {
    for (const bad of ['abc', '0x10', '', '1e400', '<b>1</b>']) {
      const { value, notices } = sigma.parse(bad, 'sigma');
      expect(value, bad).toBe(0.5);
      expect(notices, bad).toHaveLength(1);
      expect(notices[0].startsWith('sigma: ')).toBe(true);
    }
    expect(sigma.parse(null, 'sigma')).toEqual({ value: 0.5, notices: [] });
  });
});

describe('enum codec', () => {
  const view = enumParam('View', ['density', 'log', 'energy'], 'density');

  it('round-trips each option and refuses anything else', () => {
    for (const o of view.options)
      expect(view.parse(view.format(o), 'view')).toEqual({ value: o, notices: [] });
    expect(view.parse('Log', 'view')).toEqual({
      value: 'density',
      notices: ['view: "Log" is not one of density, log, energy; "density" is used.'],
    });
    expect(view.parse(null, 'view')).toEqual({ value: 'density', notices: [] });
  });

  it('refuses a value outside the options when a control sets it (the previous value stays)', () => {
    // A value the type forbids can still arrive from untyped code (a saved preset, the console).
    const check = view.check as (v: string, n: string) => { value?: string; notices: string[] };
    expect(check('pdf', 'view')).toEqual({ notices: ['view: "pdf" is not an option.'] });
    expect(view.check('log', 'view')).toEqual({ value: 'log', notices: [] });
  });
});

describe('score source codec', () => {
  const score = pageSchemas.langevin.score;

  it('reads the link word "true" as the exact score and writes it back as "true"', () => {
    expect(score.parse('true', 'score')).toEqual({ value: 'exact', notices: [] });
    expect(score.parse('learned', 'score')).toEqual({ value: 'learned', notices: [] });
    expect(score.format('exact')).toBe('true');
    expect(score.format('learned')).toBe('learned');
    expect(score.parse(null, 'score')).toEqual({ value: 'exact', notices: [] });
  });

  it('refuses the code name "exact" in a link, naming the link words', () => {
    expect(score.parse('exact', 'score')).toEqual({
      value: 'exact',
      notices: ['score: "exact" is not one of true, learned; "true" is used.'],
    });
  });
});

describe('text codec', () => {
  const even = textParam(
    'Even',
    '2',
    (raw) => (Number(raw) % 2 === 0 ? { value: String(Number(raw)) } : { error: `even: ${raw} is odd.` }),
    (value) => value,
  );

  it('keeps what its reader accepts and falls back on an error, naming the parameter once', () => {
    expect(even.parse('04', 'even')).toEqual({ value: '4', notices: [] });
    expect(even.parse('3', 'even')).toEqual({ value: '2', notices: ['even: 3 is odd. "2" is used.'] });
    expect(even.parse('3', 'other').notices).toEqual(['other: even: 3 is odd. "2" is used.']);
  });

  it('init and schedules round-trip their canonical text and report each dropped part', () => {
    const init = pageSchemas.langevin.init;
    for (const text of ['uniform:-3:3', 'normal:0.5:2', 'point:1', 'uniform:0.1:0.30000000000000004'])
      expect(init.format(init.parse(text, 'init').value)).toBe(text);
    // The value is the parsed distribution, so pages never read the text again; its clamps are said once.
    expect(init.parse(' Normal : 1e1 : 2 ', 'init')).toEqual({
      value: { kind: 'normal', mean: 10, std: 2 },
      notices: [],
    });
    const far = init.parse('point:99', 'init');
    expect(far.value).toEqual({ kind: 'point', x0: 50 });
    expect(far.notices).toEqual(['init: x0 = 99 was clamped to 50.']);
    expect(init.parse('uniform:3:1', 'init')).toEqual({
      value: init.default,
      notices: ['init: uniform:a:b needs a < b, got a = 3, b = 1. "uniform:-3:3" is used.'],
    });
    const schedules = pageSchemas.schedules.schedules;
    const { value, notices } = schedules.parse('karras,banana,linear', 'schedules');
    expect(value).toBe('linear,karras');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('"banana"');
    expect(schedules.parse(value, 'schedules')).toEqual({ value, notices: [] });
  });
});

describe('mixture codec', () => {
  it('round-trips the default mixture and reports garbage', () => {
    const mix = commonSchema.mix;
    expect(mix.parse(mix.format(DEFAULT_MIXTURE), 'mix')).toEqual({ value: DEFAULT_MIXTURE, notices: [] });
    const bad = mix.parse('1:2', 'mix');
    expect(bad.value).toBe(DEFAULT_MIXTURE);
    expect(bad.notices[0].startsWith('mix: ')).toBe(true);
  });
});

describe('every page schema', () => {
  it('parses its own formatted defaults back silently', () => {
    for (const page of Object.keys(pageSchemas) as PageId[]) {
      const defaults: Record<string, unknown> = defaultValues(page);
      for (const [name, spec] of Object.entries(schemaFor(page))) {
        const format = spec.format as (v: unknown) => string;
        const again = spec.parse(format(defaults[name]), name);
        expect(again.notices, `${page}.${name}`).toEqual([]);
        if (spec.kind !== 'number')
          expect(format(again.value), `${page}.${name}`).toBe(format(defaults[name]));
        else expect(again.value, `${page}.${name}`).toBe(defaults[name]);
      }
    }
  });
});

describe('train link ⇄ TrainConfig', () => {
  it('is one mapping: a config written to the link reads back as the same config', () => {
    const values = { ...defaultValues('train'), objective: 'dsm' as const, width: 32, lr: 0.01, seed: 9 };
    const { config, notice } = trainConfigFrom(values);
    expect(notice).toBeUndefined();
    expect(trainConfigFrom(trainParamsOf(config)).config).toEqual(config);
    expect(trainParamsOf(config)).toMatchObject({ objective: 'dsm', width: 32, lr: 0.01, seed: 9 });
  });

  it('swaps σ_min > σ_max with a notice, and refuses a config no train link can hold', () => {
    const { config, notice } = trainConfigFrom({ ...defaultValues('train'), smin: 2, smax: 1 });
    expect([config.smin, config.smax]).toEqual([1, 2]);
    expect(notice).toContain('swapped');
    expect(() => trainParamsOf({ ...config, objective: 'eps' })).toThrow(/no train page link/);
  });
});

describe('typed keys (checked by tsc: each @ts-expect-error line must be an error, or the type check fails)', () => {
  it('names only the parameters a page has, of the kind a control binds to', () => {
    const shared: NumberParam<'langevin' | 'annealed'> = 'n';
    // @ts-expect-error `steps` is the langevin page's alone: a control shared with annealed cannot bind to it.
    const langevinOnly: NumberParam<'langevin' | 'annealed'> = 'steps';
    // @ts-expect-error a misspelt name
    const typo: NumberParam<'dsm'> = 'sigam';
    // @ts-expect-error `view` is an enumeration, not a number
    const notNumber: NumberParam<'score'> = 'view';
    const objective: EnumParam<'train'> = 'objective';
    // @ts-expect-error a value outside the enumeration
    const badValue: PageValues<'train'>['objective'] = 'eps';
    const sigma: PageValues<'dsm'>['sigma'] = 0.5;
    expect([shared, langevinOnly, typo, notNumber, objective, badValue, sigma]).toHaveLength(7);
  });
});
