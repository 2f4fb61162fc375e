/**
 * The one-pass W1 and KS of playback frames agree with engine/metrics (exact W1 with bisection at crossings,
 * KS on its own sort) on mixtures and samples of every shape the page makes: near the target, shifted, spread
 * far wider (the VE prior), and with ties.
 */
import { describe, expect, it } from 'vitest';
import { distancesToMixture } from '../../src/engine/diffusion/frameDistances';
import { ksStatistic, wasserstein1 } from '../../src/engine/metrics';
import { DEFAULT_MIXTURE, sampleMixture, type Mixture } from '../../src/engine/mixture';
import { createRng } from '../../src/engine/rng';

const narrow: Mixture = [
  { weight: 0.2, mean: -3, std: 0.05 },
  { weight: 0.5, mean: 0.5, std: 1.5 },
  { weight: 0.3, mean: 4, std: 0.3 },
];

describe('distancesToMixture', () => {
  const cases: [string, Mixture, Float64Array][] = [
    ['draws of the mixture itself', DEFAULT_MIXTURE, sampleMixture(DEFAULT_MIXTURE, 5000, createRng(1))],
    ['draws of another mixture', narrow, sampleMixture(DEFAULT_MIXTURE, 3000, createRng(2))],
    [
      'a wide cloud (std 20)',
      DEFAULT_MIXTURE,
      sampleMixture([{ weight: 1, mean: 0, std: 20 }], 2000, createRng(3)),
    ],
    ['ties and a single point', narrow, Float64Array.from([0, 0, 0, 1, 1, 2.5])],
    ['one sample', DEFAULT_MIXTURE, Float64Array.from([0.3])],
  ];
  for (const [name, mixture, xs] of cases) {
    it(name, () => {
      const d = distancesToMixture(xs, mixture);
      const w1 = wasserstein1(xs, mixture);
      expect(Math.abs(d.w1 - w1)).toBeLessThan(1e-7 * (1 + w1));
      expect(d.ks).toBeCloseTo(ksStatistic(xs, mixture), 12);
    });
  }
});
