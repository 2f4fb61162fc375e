import { describe, expect, it } from 'vitest';
import { annealedLevels, geometricSigmas } from '../../../src/engine/sampling/annealed';
import {
  MIXTURE_2D_PRESETS,
  modeWeights2,
  runLangevin2,
  sampleMixture2,
  sliceDirections,
  slicedW1,
  slicedW1NoiseFloor,
  type Cloud2,
} from '../../../src/engine/plane';
import { createRng } from '../../../src/engine/rng';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('sliced W1', () => {
  it('uses unit directions spread over a half turn, fixed by the seed', () => {
    const dirs = sliceDirections(64, 3);
    expect(dirs).toHaveLength(64);
    for (const [ux, uy] of dirs) expect(Math.hypot(ux, uy)).toBeCloseTo(1, 12);
    expect(sliceDirections(64, 3)).toEqual(dirs);
    expect(sliceDirections(64, 4)).not.toEqual(dirs);
  });

  it('of exact samples sits at its noise floor √(2/(πn)) ∫√(F(1−F)), and a wrong mixture lies far above it', () => {
    const mixture = MIXTURE_2D_PRESETS.default;
    const options = { directions: 16, seed: 1 };
    const n = 2_000;
    const floor = slicedW1NoiseFloor(mixture, n, options);
    // One run's sliced W1 spreads widely about the floor (ratios 0.4–2.6 seen over 8 runs: a sample's mode counts
    // are multinomial and move every slice together, sd about 0.5), so the mean of 24 runs has a standard error near
    // 0.1 and the band below is about three of them wide on each side.
    const runs = Array.from({ length: 24 }, (_, seed) =>
      slicedW1(sampleMixture2(mixture, n, createRng(1000 + seed)), mixture, options),
    );
    expect(mean(runs) / floor).toBeGreaterThan(0.7);
    expect(mean(runs) / floor).toBeLessThan(1.3);
    const shifted = mixture.map((c) => ({ ...c, mx: c.mx + 0.3 }));
    const wrong = slicedW1(sampleMixture2(shifted, 8_000, createRng(9)), mixture, options);
    expect(wrong).toBeGreaterThan(5 * slicedW1NoiseFloor(mixture, 8_000, options));
  });
});

describe('Langevin in the plane on Song & Ermon’s two-mode toy (π = 0.2 / 0.8)', () => {
  const n = 10_000;
  const mixture = MIXTURE_2D_PRESETS.twoModes;
  const uniformStart = (seed: number): Cloud2 => {
    const rng = createRng(seed);
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = rng.uniform() * 16 - 8;
      ys[i] = rng.uniform() * 16 - 8;
    }
    return { xs, ys };
  };

  it('plain Langevin keeps roughly the starting split; annealed Langevin recovers the weights within ±0.03', () => {
    const plain = uniformStart(1);
    // 300 steps of ε = 0.1 relax each basin many times over (a unit-variance mode relaxes in about 2/ε = 20 steps).
    runLangevin2(plain, mixture, [{ stepSize: 0.1, steps: 300 }], createRng(2));
    const plainWeights = modeWeights2(plain, mixture);
    // A uniform start splits the particles about evenly between the basins, and the modes never exchange them.
    expect(plainWeights[0]).toBeGreaterThan(0.35);

    const annealed = uniformStart(1);
    const levels = annealedLevels(0.1, geometricSigmas(20, 1, 10), 100);
    runLangevin2(annealed, mixture, levels, createRng(2));
    const annealedWeights = modeWeights2(annealed, mixture);
    expect(Math.abs(annealedWeights[0] - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(annealedWeights[1] - 0.8)).toBeLessThan(0.03);
  });
});
