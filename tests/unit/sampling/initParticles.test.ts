import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/rng';
import {
  drawInitialParticles,
  formatInit,
  initText,
  parseInit,
  parseInitParam,
  type InitSpec,
} from '../../../src/engine/sampling/initParticles';

function ok(raw: string): { spec: InitSpec; text: string; notices: string[] } {
  const parsed = parseInit(raw);
  if (!parsed.ok) throw new Error(`expected "${raw}" to parse, got: ${parsed.error}`);
  return parsed;
}

function error(raw: string): string {
  const parsed = parseInit(raw);
  if (parsed.ok) throw new Error(`expected "${raw}" to fail, got ${parsed.text}`);
  return parsed.error;
}

describe('init parameter', () => {
  it('parses the three forms into typed specs with a canonical text', () => {
    expect(parseInit('uniform:-3:3')).toEqual({
      ok: true,
      spec: { kind: 'uniform', a: -3, b: 3 },
      text: 'uniform:-3:3',
      notices: [],
    });
    expect(ok(' normal:1:0.5 ').spec).toEqual({ kind: 'normal', mean: 1, std: 0.5 });
    expect(ok('point:2.25').spec).toEqual({ kind: 'point', x0: 2.25 });
    expect(ok('Uniform: -1e0 : 2').text).toBe('uniform:-1:2');
    expect(formatInit({ kind: 'normal', mean: 0.1 + 0.2, std: 1 })).toBe('normal:0.3:1');
  });

  it('rejects malformed values with a sentence naming the problem', () => {
    expect(error('uniform:3:-3')).toMatch(/a < b/);
    expect(error('uniform:1:1')).toMatch(/a < b/);
    expect(error('normal:0:0')).toMatch(/s > 0/);
    expect(error('normal:0:-1')).toMatch(/s > 0/);
    expect(error('normal:x:1')).toMatch(/m = "x".*not a finite decimal number/);
    expect(error('uniform:1:')).toMatch(/b = "".*not a finite decimal number/);
    expect(error('point:1e400')).toMatch(/not a finite decimal number/);
    expect(error('point:NaN')).toMatch(/not a finite decimal number/);
    expect(error('uniform:1:2:3')).toMatch(/uniform:a:b/);
    expect(error('point')).toMatch(/point:x0/);
    expect(error('beta:1:2')).toMatch(/uniform:a:b, normal:m:s or point:x0/);
    expect(error('')).toMatch(/uniform:a:b, normal:m:s or point:x0/);
  });

  it('clamps values beyond ±50 and says so', () => {
    const u = ok('uniform:-100:3');
    expect(u.spec).toEqual({ kind: 'uniform', a: -50, b: 3 });
    expect(u.notices).toEqual(['init: a = -100 was clamped to -50.']);
    expect(ok('point:70').spec).toEqual({ kind: 'point', x0: 50 });
    const n = ok('normal:-60:80');
    expect(n.spec).toEqual({ kind: 'normal', mean: -50, std: 50 });
    expect(n.notices).toHaveLength(2);
    // Both ends clamped onto the same value leaves no interval.
    expect(error('uniform:60:70')).toMatch(/a < b.*after clamping/);
  });

  it('offers the URL table shape: the parsed spec or an error, and the canonical text back', () => {
    expect(parseInitParam('normal:2:1')).toEqual({ value: { kind: 'normal', mean: 2, std: 1 }, notices: [] });
    expect(parseInitParam('point:99')).toEqual({
      value: { kind: 'point', x0: 50 },
      notices: ['init: x0 = 99 was clamped to 50.'],
    });
    expect(parseInitParam('normal:2')).toHaveProperty('error');
    // Every number exactly as read (formatInit would round 0.30000000000000004 to 0.3).
    expect(initText({ kind: 'uniform', a: 0.1, b: 0.1 + 0.2 })).toBe('uniform:0.1:0.30000000000000004');
    expect(initText({ kind: 'point', x0: -2.5 })).toBe('point:-2.5');
  });
});

describe('initial draws', () => {
  const n = 50_000;

  it('draws uniform particles inside [a, b] with mean (a + b)/2 and variance (b − a)²/12', () => {
    const xs = drawInitialParticles({ kind: 'uniform', a: -3, b: 3 }, n, createRng(1));
    let sum = 0;
    let sumSq = 0;
    for (const x of xs) {
      expect(x >= -3 && x <= 3).toBe(true);
      sum += x;
      sumSq += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(5 * Math.sqrt(3 / n));
    // Var of x² for U(−3, 3): E x⁴ − (E x²)² = 81/5 − 9 = 7.2.
    expect(Math.abs(sumSq / n - 3)).toBeLessThan(5 * Math.sqrt(7.2 / n));
  });

  it('draws normal particles with the given mean and std', () => {
    const xs = drawInitialParticles({ kind: 'normal', mean: 2, std: 0.5 }, n, createRng(2));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean - 2)).toBeLessThan(5 * Math.sqrt(0.25 / n));
    expect(Math.abs(variance - 0.25)).toBeLessThan(5 * 0.25 * Math.sqrt(2 / n));
  });

  it('puts every particle on the point, fills a given buffer, and repeats for a seed', () => {
    const buffer = new Float32Array(10);
    const xs = drawInitialParticles({ kind: 'point', x0: -1.5 }, 10, createRng(3), buffer);
    expect(xs).toBe(buffer);
    expect(Array.from(xs)).toEqual(new Array(10).fill(-1.5));
    const spec: InitSpec = { kind: 'normal', mean: 0, std: 1 };
    expect(Array.from(drawInitialParticles(spec, 100, createRng(9)))).toEqual(
      Array.from(drawInitialParticles(spec, 100, createRng(9))),
    );
  });
});
