import { describe, expect, it } from 'vitest';
import { DEFAULT_MIXTURE } from '../../src/engine/mixture';
import { formatMixture, parseMixture } from '../../src/store/mixtureParam';
import { formatQuery, parseQuery } from '../../src/store/params';
import { parseHash } from '../../src/store/appStore';
import { schemaFor } from '../../src/store/schemas';

describe('mix parameter', () => {
  it('round-trips the default mixture', () => {
    const text = formatMixture(DEFAULT_MIXTURE);
    expect(text).toBe('0.6:2:0.5,0.4:-2:0.2');
    expect(parseMixture(text)).toEqual({ mixture: DEFAULT_MIXTURE, notices: [] });
  });

  it('normalises weights silently', () => {
    const { mixture, notices } = parseMixture('3:0:1,1:4:0.5');
    expect(mixture.map((c) => c.weight)).toEqual([0.75, 0.25]);
    expect(notices).toEqual([]);
  });

  it('falls back to the default for malformed text, with a notice', () => {
    for (const bad of ['abc', '1:2', '1:2:3:4', '0.5:x:1', '1::1']) {
      const { mixture, notices } = parseMixture(bad);
      expect(mixture).toBe(DEFAULT_MIXTURE);
      expect(notices).toHaveLength(1);
    }
  });

  it('rejects components with std ≤ 0 and clamps out-of-range numbers', () => {
    const { mixture, notices } = parseMixture('1:0:0,1:50:1,1:1:-2,1:-1:99');
    expect(mixture).toHaveLength(2);
    expect(mixture[0].mean).toBe(10);
    expect(mixture[1].std).toBe(5);
    expect(notices.filter((n) => n.includes('std ≤ 0'))).toHaveLength(2);
    expect(notices.some((n) => n.includes('clamped to 10'))).toBe(true);
  });

  it('keeps at most six components', () => {
    const { mixture, notices } = parseMixture(Array.from({ length: 8 }, (_, i) => `1:${i}:1`).join(','));
    expect(mixture).toHaveLength(6);
    expect(notices[0]).toContain('at most 6');
  });
});

describe('query parsing', () => {
  const schema = schemaFor('perturb');

  it('uses defaults silently when parameters are absent', () => {
    const { values, notices } = parseQuery(schema, new URLSearchParams(''));
    expect(values.sigma).toBe(0.5);
    expect(values.seed).toBe(1);
    expect(notices).toEqual([]);
  });

  it('clamps, rounds and defaults with a notice per parameter', () => {
    const { values, notices } = parseQuery(
      schema,
      new URLSearchParams('sigma=-1&n=1e12&seed=abc&backend=gpu'),
    );
    expect(values.sigma).toBe(0.01);
    expect(values.n).toBe(5000);
    expect(values.seed).toBe(1);
    expect(values.backend).toBe('auto');
    expect(notices).toHaveLength(4);
    const rounded = parseQuery(schema, new URLSearchParams('n=12.6'));
    expect(rounded.values.n).toBe(13);
    expect(rounded.notices[0]).toContain('rounded');
  });

  it('writes every parameter and reads back the same values', () => {
    const { values } = parseQuery(schema, new URLSearchParams('sigma=0.1234567&n=77&mix=1:0:1&seed=9'));
    const text = formatQuery(schema, values);
    expect(text).toContain('sigma=0.1235');
    expect(text).toContain('mix=1:0:1');
    const again = parseQuery(schema, new URLSearchParams(text));
    expect(again.values.n).toBe(77);
    expect(again.values.seed).toBe(9);
    expect(again.notices).toEqual([]);
  });

  it('splits hash routes into page and query', () => {
    expect(parseHash('#/perturb?sigma=2').page).toBe('perturb');
    expect(parseHash('#/perturb?sigma=2').query.get('sigma')).toBe('2');
    expect(parseHash('').page).toBe('home');
    expect(parseHash('#/').page).toBe('home');
  });
});
