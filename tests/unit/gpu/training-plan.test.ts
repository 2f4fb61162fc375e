import { describe, expect, it } from 'vitest';
import { paramOffsets } from '../../../src/engine/gpu/network';
import { buildTrainingPlan, packBatches } from '../../../src/engine/gpu/training';
import { chronological, checkTraining, trainingBenchPlan } from '../../../src/engine/gpu/trainingBench';

/** The @binding numbers a WGSL source declares, in order. */
function declaredBindings(code: string): number[] {
  return [...code.matchAll(/@binding\((\d+)\)/g)].map((m) => Number(m[1]));
}

describe('fused training plan', () => {
  it('is 2·depth + 3 passes that bind exactly the buffers their WGSL declares, within core WebGPU limits', () => {
    for (const [width, depth, batch] of [
      [64, 2, 512],
      [256, 4, 4096],
      [16, 1, 64],
    ]) {
      const bench = trainingBenchPlan({ width, depth, batch });
      const passes = bench.plan.sequences.step;
      expect(passes).toHaveLength(2 * depth + 3);
      const names = new Set(bench.plan.buffers.map((b) => b.name));
      for (const pass of passes) {
        // layout 'auto' drops an unused binding, so a pass binding more than its code uses would not validate.
        expect(declaredBindings(pass.code), pass.label).toEqual(pass.bindings.map((_, i) => i));
        for (const name of pass.bindings) expect(names.has(name), `${pass.label}: ${name}`).toBe(true);
        for (const count of pass.workgroups) expect(count).toBeLessThanOrEqual(65535);
        const size = /@workgroup_size\((\d+)\)/.exec(pass.code);
        expect(Number(size?.[1])).toBeLessThanOrEqual(256);
        expect(pass.code).not.toMatch(/\bf16\b|subgroup|atomic<f32>/);
      }
      // Every buffer fits WebGPU's default maxStorageBufferBindingSize (128 MiB).
      for (const b of bench.plan.buffers) expect(b.bytes).toBeLessThanOrEqual(128 * 2 ** 20);
      const params = bench.plan.buffers.find((b) => b.name === 'params');
      expect(params?.bytes).toBe(4 * paramOffsets({ width, depth }).total);
    }
  });

  it('draws no batch when fed, and refuses eps batches it would have to draw', () => {
    const spec = {
      width: 8,
      depth: 2,
      batch: 4,
      objective: 'eps' as const,
      lr: 1e-3,
      seed: 1,
      sigmas: [0.1],
      mixture: [{ weight: 1, mean: 0, std: 1 }],
      dataset: null,
      params: new Float32Array(paramOffsets({ width: 8, depth: 2 }).total),
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
    };
    expect(() => buildTrainingPlan(spec)).toThrow(/fed/);
    const fed = buildTrainingPlan({ ...spec, fedSteps: 3 });
    expect(fed.plan.sequences.step.map((p) => p.label)).not.toContain('train draw');
    expect(fed.plan.buffers.find((b) => b.name === 'batch')?.bytes).toBe(16 * 4 * 3);
  });

  it('packs batches as (x_in, log σ, σ, z or target) rows, step after step', () => {
    const rows = packBatches([
      { input: Float32Array.of(1, 2, 3, 4), sigma: Float32Array.of(5, 6), z: Float32Array.of(7, 8) },
      {
        input: Float32Array.of(9, 10, 11, 12),
        sigma: Float32Array.of(13, 14),
        target: Float32Array.of(15, 16),
      },
    ]);
    expect(Array.from(rows)).toEqual([1, 2, 5, 7, 3, 4, 6, 8, 9, 10, 13, 15, 11, 12, 14, 16]);
  });

  it('reads the loss ring oldest first and judges a run by its first and last quarters', () => {
    const ring = Float32Array.of(8, 9, 6, 7); // steps 0..5 in 4 slots: slots hold steps 4, 5, 2, 3
    expect(Array.from(chronological(ring, 6))).toEqual([6, 7, 8, 9]);
    expect(Array.from(chronological(ring, 3))).toEqual([8, 9, 6]);
    const falling = Float32Array.from({ length: 16 }, (_, i) => 2 - i / 10);
    expect(checkTraining(falling, 16).ok).toBe(true);
    expect(checkTraining(falling.slice().reverse(), 16).ok).toBe(false);
    expect(checkTraining(Float32Array.of(...falling.slice(0, 15), NaN), 16).ok).toBe(false);
    expect(checkTraining(falling, 4).ok).toBe(false);
  });
});
