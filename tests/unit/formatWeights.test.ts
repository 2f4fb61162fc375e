import { describe, expect, it } from 'vitest';
import { fmtWeight, fmtWeights } from '../../src/components/formatWeights';

describe('fmtWeights', () => {
  it('writes shares with two decimals', () => {
    expect(fmtWeights([0.6, 0.4])).toBe('0.60 : 0.40');
    expect(fmtWeights([0.2049, 0.7951])).toBe('0.20 : 0.80');
  });
  it('never writes a vanishing weight in scientific notation', () => {
    expect(fmtWeights([1 - 7.6e-29, 7.6e-29])).toBe('1 : ≈ 0');
    expect(fmtWeights([0.9999, 0.0001])).toBe('≈ 1 : ≈ 0');
    expect(fmtWeight(0)).toBe('0');
    expect(fmtWeight(Number.NaN)).toBe('–');
  });
});
