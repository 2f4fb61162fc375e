import { describe, expect, it } from 'vitest';
import { decadesText, fromPosition, keyStep, toPosition } from '../../src/components/sliderScale';
import type { NumberSpec } from '../../src/store/paramSpec';
import { pageSchemas } from '../../src/store/schemas';

describe('decadesText', () => {
  it('counts whole decades of a log range in words', () => {
    expect(decadesText({ min: 0.01, max: 10 })).toBe('three decades');
    expect(decadesText({ min: 1, max: 10 })).toBe('one decade');
    expect(decadesText({ min: 1e-4, max: 1 })).toBe('four decades');
  });
  it('gives a decimal when the span is not near a whole number', () => {
    expect(decadesText({ min: 1, max: 300 })).toBe('2.5 decades');
  });
  it("matches the perturb page's σ slider, which spans 0.01 to 10", () => {
    const spec = pageSchemas.perturb.sigma as NumberSpec;
    expect(Math.log10(spec.max / spec.min)).toBeCloseTo(3, 9);
    expect(decadesText(spec)).toBe('three decades');
  });
});

describe('slider positions', () => {
  it('map a log range evenly in decades and back', () => {
    const scale = { min: 0.01, max: 10, log: true };
    expect(toPosition(scale, 0.1)).toBeCloseTo(1 / 3, 12);
    expect(fromPosition(scale, 2 / 3)).toBeCloseTo(1, 12);
  });
});

describe('keyStep', () => {
  const width = { min: 4, max: 256, log: true, integer: true };
  it('moves a slider by one unit of its track per arrow press, as the native range input does', () => {
    expect(keyStep({ min: 0, max: 10 }, 5, 'ArrowUp')).toBeCloseTo(5.01, 12);
    expect(keyStep({ min: 0, max: 10 }, 5, 'ArrowLeft')).toBeCloseTo(4.99, 12);
    // 0.1 × 1000^0.001 on a three-decade log track, to three significant digits.
    expect(keyStep({ min: 0.01, max: 10, log: true }, 0.1, 'ArrowRight')).toBe(0.101);
  });
  it('always moves an integer slider by at least one, and stays inside the range', () => {
    // 64 × 64^0.001 ≈ 64.27 rounds back to 64: the press must still reach 65 (the old slider stayed at 64).
    expect(keyStep(width, 64, 'ArrowRight')).toBe(65);
    expect(keyStep(width, 64, 'ArrowDown')).toBe(63);
    expect(keyStep(width, 4, 'ArrowLeft')).toBe(4);
    expect(keyStep(width, 256, 'ArrowUp')).toBe(256);
  });
  it('leaves other keys to the range input', () => {
    expect(keyStep(width, 64, 'Enter')).toBeNull();
    expect(keyStep(width, 64, 'PageUp')).toBeNull();
  });
});
