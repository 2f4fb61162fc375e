import { describe, expect, it } from 'vitest';
import { summarizeSamples } from '../../../src/engine/metrics';
import { DEFAULT_MIXTURE, sampleMixture } from '../../../src/engine/mixture';
import { createRng } from '../../../src/engine/rng';
import { computeRunMetrics, strideSubsample } from '../../../src/engine/sampling/runMetrics';
import { stepSizeWarnings } from '../../../src/engine/sampling/stability';

describe('run metrics', () => {
  it('equal the engine summary on all particles when n is small, plus step and level', () => {
    const xs = Float32Array.from(sampleMixture(DEFAULT_MIXTURE, 3000, createRng(5)));
    const m = computeRunMetrics(xs, DEFAULT_MIXTURE, { step: 42, level: 3 });
    const { n, w1, ks, mean, std, modeWeights } = summarizeSamples(xs, DEFAULT_MIXTURE);
    expect(m).toEqual({ step: 42, level: 3, n, w1, ks, mean, std, modeWeights, sortedSample: 3000 });
    expect(computeRunMetrics(xs, DEFAULT_MIXTURE, { step: 0 })).not.toHaveProperty('level');
  });

  it('compute W1 and KS on a strided subsample beyond maxSorted, and stay close to the full values', () => {
    const xs = Float32Array.from(sampleMixture(DEFAULT_MIXTURE, 40_000, createRng(6)));
    const full = summarizeSamples(xs, DEFAULT_MIXTURE);
    const m = computeRunMetrics(xs, DEFAULT_MIXTURE, { step: 1, maxSorted: 10_000 });
    expect(m.sortedSample).toBe(10_000);
    expect(m.n).toBe(40_000);
    // Mode weights, mean and std still use every particle.
    expect(m.modeWeights).toEqual(full.modeWeights);
    expect(m.mean).toBe(full.mean);
    // For exact samples both are at the noise floor of 10⁴ samples (W1 ≈ 0.02, KS ≈ 0.009 here).
    expect(m.w1).toBeLessThan(0.05);
    expect(m.ks).toBeLessThan(1.628 / Math.sqrt(10_000));
  });

  it('subsample with a stride and keep short arrays as they are', () => {
    const xs = Float32Array.from({ length: 10 }, (_, i) => i);
    expect(Array.from(strideSubsample(xs, 4))).toEqual([0, 3, 6, 9]);
    expect(strideSubsample(xs, 10)).toBe(xs);
  });
});

describe('step-size warnings for the page notices', () => {
  it('say nothing for a safe ε and name the component at risk otherwise', () => {
    expect(stepSizeWarnings(DEFAULT_MIXTURE, 0.02)).toEqual([]);
    expect(stepSizeWarnings(DEFAULT_MIXTURE, 0.1)[0]).toMatch(/exceeds 2 s² = 0.08 .*s = 0.2.*overshoots/);
    expect(stepSizeWarnings(DEFAULT_MIXTURE, 0.5)[0]).toMatch(/exceeds 4 s² = 0.16 .*ends up empty/);
    expect(stepSizeWarnings(DEFAULT_MIXTURE, 2)[0]).toMatch(
      /ε = 2 is too large.*widest component \(s = 0.5\)/,
    );
  });
});
