import { describe, expect, it } from 'vitest';
import { linspace } from '../../src/engine/grid';
import { DEFAULT_MIXTURE, mixturePdf, mixtureScore, type Mixture } from '../../src/engine/mixture';
import { densityFromScore } from '../../src/engine/scoreIntegral';

describe('the score pins down the density', () => {
  const cases: [string, Mixture][] = [
    ['default mixture', DEFAULT_MIXTURE],
    [
      'three components',
      [
        { weight: 0.2, mean: -3, std: 1 },
        { weight: 0.5, mean: 0, std: 0.1 },
        { weight: 0.3, mean: 2.5, std: 0.6 },
      ],
    ],
  ];
  for (const [name, mixture] of cases) {
    it(`${name}: integrating and normalising the score rebuilds p to 1e-4 of its peak`, () => {
      const xs = linspace(-8, 8, 4001);
      const rebuilt = densityFromScore(
        xs,
        xs.map((x) => mixtureScore(mixture, x)),
      );
      const exact = xs.map((x) => mixturePdf(mixture, x));
      const peak = Math.max(...exact);
      const err = Math.max(...rebuilt.map((v, i) => Math.abs(v - exact[i])));
      expect(err / peak).toBeLessThan(1e-4);
    });
  }
  it('a wrong score rebuilds a wrong density (the check can fail)', () => {
    const xs = linspace(-8, 8, 4001);
    const shifted: Mixture = DEFAULT_MIXTURE.map((c) => ({ ...c, weight: 0.5 }));
    const rebuilt = densityFromScore(
      xs,
      xs.map((x) => mixtureScore(shifted, x)),
    );
    const err = Math.max(...rebuilt.map((v, i) => Math.abs(v - mixturePdf(DEFAULT_MIXTURE, xs[i]))));
    expect(err).toBeGreaterThan(0.05);
  });
});
