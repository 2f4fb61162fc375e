import { describe, expect, it } from 'vitest';
import { exactSampleW1, standardSamplers, w1VsSteps } from '../../src/engine/diffusion';
import { DEFAULT_MIXTURE } from '../../src/engine/mixture';

describe('W1 against sampling steps', () => {
  it('gives one row per sampler and step count, and more steps help a coarse sampler', () => {
    const samplers = standardSamplers().filter((s) => s.id === 'ddpm-ancestral' || s.id === 'vp-ode-heun');
    const seen: string[] = [];
    const rows = w1VsSteps({
      mixture: DEFAULT_MIXTURE,
      n: 3000,
      steps: [10, 100],
      samplers,
      onRow: (r) => seen.push(`${r.id}@${r.steps}`),
    });
    expect(seen).toEqual(['ddpm-ancestral@10', 'ddpm-ancestral@100', 'vp-ode-heun@10', 'vp-ode-heun@100']);
    for (const r of rows) {
      expect(Number.isFinite(r.w1)).toBe(true);
      expect(r.modeWeights).toHaveLength(2);
      expect(r.ms).toBeGreaterThanOrEqual(0);
    }
    expect(rows[1].w1).toBeLessThan(rows[0].w1);
    // Heun calls the score twice per step (once on the last, which ends at the process's end time).
    expect(rows[3].scoreEvaluations).toBe(200);
    expect(standardSamplers().map((s) => s.id)).toContain('ve-pc');
  });

  it('reports the noise floor of exact samples', () => {
    const floor = exactSampleW1(DEFAULT_MIXTURE, 2000, 4);
    expect(floor).toHaveLength(4);
    expect(floor[0]).toBeGreaterThan(0);
    expect(floor[3]).toBeLessThan(0.15);
  });
});
