import { describe, expect, it } from 'vitest';
import { MIXTURE_2D_PRESETS } from '../../../src/engine/plane';
import { DEFAULT_MIXTURE_2D } from '../../../src/engine/plane/presets2';
import { formatMixture2, parseMixture2, RHO_LIMIT } from '../../../src/store/mixture2Param';

describe('the mix2 URL parameter', () => {
  it('round-trips every preset to 4 significant digits, without notices', () => {
    for (const mixture of Object.values(MIXTURE_2D_PRESETS)) {
      const { mixture: back, notices } = parseMixture2(formatMixture2(mixture));
      expect(notices).toEqual([]);
      expect(back).toHaveLength(mixture.length);
      back.forEach((c, k) => {
        for (const key of ['weight', 'mx', 'my', 'sx', 'sy', 'rho'] as const) {
          const tolerance = 5e-4 * Math.max(1, Math.abs(mixture[k][key]));
          expect(Math.abs(c[key] - mixture[k][key])).toBeLessThan(tolerance);
        }
      });
    }
  });

  it('normalises the weights silently', () => {
    const { mixture, notices } = parseMixture2('2:0:0:1:1:0,6:3:3:1:1:0');
    expect(notices).toEqual([]);
    expect(mixture.map((c) => c.weight)).toEqual([0.25, 0.75]);
  });

  it('clamps out-of-range numbers, each with a notice', () => {
    const { mixture, notices } = parseMixture2('1:40:-3:0.001:9:0.9999');
    expect(mixture[0]).toMatchObject({ mx: 10, my: -3, sx: 0.02, sy: 5, rho: RHO_LIMIT });
    expect(notices).toHaveLength(4);
    expect(notices.join(' ')).toMatch(/mx 40 clamped to 10/);
    expect(notices.join(' ')).toMatch(/rho 0\.9999 clamped to 0\.99/);
  });

  it('drops impossible components and keeps at most eight', () => {
    const dropped = parseMixture2('1:0:0:0:1:0,1:2:2:1:1:0');
    expect(dropped.mixture).toHaveLength(1);
    expect(dropped.notices[0]).toMatch(/standard deviation ≤ 0/);
    const many = parseMixture2(Array.from({ length: 10 }, (_, k) => `1:${k}:0:1:1:0`).join(','));
    expect(many.mixture).toHaveLength(8);
    expect(many.notices[0]).toMatch(/at most 8/);
  });

  it('falls back to the default on text that is not a mixture, and says so', () => {
    for (const raw of ['banana', '1:2:3', '1:0:0:1:1:x', '1:0:0:1:1:0:7', '']) {
      const { mixture, notices } = parseMixture2(raw);
      expect(mixture).toBe(DEFAULT_MIXTURE_2D);
      expect(notices).toHaveLength(1);
    }
  });
});
