/**
 * Bad links (issue 14): every value the parser changes says so, a notice never quotes a giant value whole, and
 * weights that overflow when summed still normalise.
 */
import { describe, expect, it } from 'vitest';
import { normalizeWeights } from '../../src/engine/mixture';
import { createExactScore, type InitSpec } from '../../src/engine/sampling';
import { readerMessage } from '../../src/store/readerMessage';
import { parseMixture } from '../../src/store/mixtureParam';
import { parseQuery } from '../../src/store/params';
import { crossRulesFor } from '../../src/store/crossRules';
import { schemaFor, type PageId } from '../../src/store/schemas';

function parse(page: PageId, query: string) {
  return parseQuery(schemaFor(page), new URLSearchParams(query), crossRulesFor(page));
}

describe('weights that overflow', () => {
  it('normalise by dividing by the largest weight first', () => {
    const m = normalizeWeights([
      { weight: 1e308, mean: 0, std: 1 },
      { weight: 1e308, mean: 1, std: 1 },
      { weight: 5e307, mean: 2, std: 1 },
    ]);
    expect(m.map((c) => c.weight)).toEqual([0.4, 0.4, 0.2]);
  });

  it('give a mix notice', () => {
    const { mixture, notices } = parseMixture('1e308:0:1,1e308:1:1');
    expect(mixture.map((c) => c.weight)).toEqual([0.5, 0.5]);
    expect(notices.some((n) => n.startsWith('mix:'))).toBe(true);
  });
});

describe('clamps say so', () => {
  it('init clamps on langevin and annealed', () => {
    for (const [raw, canonical] of [
      ['uniform:-100:100', 'uniform:-50:50'],
      ['point:1e308', 'point:50'],
      ['normal:1e308:1e308', 'normal:50:50'],
    ]) {
      for (const page of ['langevin', 'annealed'] as const) {
        const { values, notices } = parse(page, `init=${raw}`);
        // The value is the parsed distribution; its link text is the clamped canonical one.
        expect(schemaFor(page).init.format(values.init as InitSpec)).toBe(canonical);
        expect(notices.some((n) => n.startsWith('init:'))).toBe(true);
      }
    }
  });

  it('the shown level of the train page beyond its levels', () => {
    const { values, notices } = parse('train', 'level=29&levels=3');
    expect(values.level).toBe(2);
    expect(notices.some((n) => n.startsWith('level:'))).toBe(true);
  });

  it('the default shown level becomes the smallest σ without a notice (the link did not set it)', () => {
    for (const query of ['', 'levels=3', 'objective=dsm']) {
      const { values, notices } = parse('train', query);
      expect(values.level).toBe(query === '' ? 9 : query === 'levels=3' ? 2 : 0);
      expect(notices).toEqual([]);
    }
  });

  it('sampling steps beyond a DDPM schedule of T steps', () => {
    const { values, notices } = parse('diffusion', 'T=2&steps=5000');
    expect(values.steps).toBe(2);
    expect(notices.some((n) => n.startsWith('steps:'))).toBe(true);
  });

  it('smin > smax is swapped in the values themselves', () => {
    for (const page of ['train', 'annealed'] as const) {
      const { values, notices } = parse(page, 'smin=2&smax=0.5');
      expect([values.smin, values.smax]).toEqual([0.5, 2]);
      expect(notices.filter((n) => n.includes('smin') && n.includes('smax'))).toHaveLength(1);
    }
  });

  it('a rounded seed is called rounded, not out of range', () => {
    const { values, notices } = parse('score', 'seed=1.5');
    expect(values.seed).toBe(2);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('rounded to 2');
    expect(notices[0]).not.toContain('out of range');
  });
});

describe('numbers are decimal only', () => {
  it('refuses hexadecimal, binary and octal forms with a notice', () => {
    for (const raw of ['0x10', '0b101', '0o7', 'Infinity', '1_000', '1e400']) {
      const { values, notices } = parse('score', `Z=${encodeURIComponent(raw)}`);
      expect(values.Z).toBe(1);
      expect(notices).toHaveLength(1);
      expect(notices[0].startsWith('Z:')).toBe(true);
    }
  });

  it('accepts plain decimal and scientific forms, signed or not', () => {
    for (const [raw, v] of [
      ['5', 5],
      ['%2B5', 5],
      ['2.5', 2.5],
      ['.5', 0.5],
      ['5.', 5],
      ['1e1', 10],
      ['1E-1', 0.1],
    ] as const) {
      const { values, notices } = parse('score', `Z=${raw}`);
      expect(values.Z).toBe(v);
      expect(notices).toEqual([]);
    }
  });

  it('applies to mixture and init fields too', () => {
    expect(parseMixture('0x1:0:1').notices).toHaveLength(1);
    const init = parse('langevin', 'init=point:0x10');
    expect(init.values.init).toBe(schemaFor('langevin').init.default);
    expect(init.notices).toHaveLength(1);
  });
});

describe('duplicated keys', () => {
  it('the first value wins, and the notice says so', () => {
    const { values, notices } = parse('perturb', 'sigma=0.3&sigma=2&seed=4');
    expect(values.sigma).toBe(0.3);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^sigma: given 2 times; the first/);
  });
});

describe('giant values', () => {
  it('a notice quotes a short prefix and the length', () => {
    const giant = 'x'.repeat(100_000);
    for (const [page, name] of [
      ['score', 'Z'],
      ['score', 'view'],
      ['score', 'mix'],
      ['langevin', 'init'],
      ['schedules', 'schedules'],
      ['perturb', 'seed'],
    ] as const) {
      const { notices } = parse(page, `${name}=${giant}`);
      expect(notices).toHaveLength(1);
      expect(notices[0].length).toBeLessThan(400);
      expect(notices[0]).toContain('100,000 characters');
    }
  });
});

describe('failures a reader sees', () => {
  it('an engine check is explained, with its words kept only as the detail to report', () => {
    let caught: unknown = null;
    try {
      createExactScore([{ weight: 0, mean: 0, std: 1 }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).not.toBeNull();
    const text = readerMessage(caught);
    expect(text).toMatch(/^these settings failed a check inside Score Lab/);
    expect(text).toContain('detail: createExactScore: the mixture has no component with positive weight)');
    // A message already written for readers passes through unchanged.
    expect(readerMessage(new Error('The run was interrupted (reset).'))).toBe(
      'The run was interrupted (reset).',
    );
  });
});
