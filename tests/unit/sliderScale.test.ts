import { describe, expect, it } from 'vitest';
import { decadesText, fromPosition, toPosition } from '../../src/components/sliderScale';
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
