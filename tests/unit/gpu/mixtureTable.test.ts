import { describe, expect, it } from 'vitest';
import { MAX_COMPONENTS } from '../../../src/engine/mixture';
import {
  keptComponents,
  MIXTURE_TABLE_BYTES,
  mixtureTable,
  mixtureWgsl,
} from '../../../src/engine/gpu/mixture';

describe('the mixture table of the WGSL score', () => {
  it('packs log π, μ and s² of the components of positive weight, normalising the weights', () => {
    const mixture = [
      { weight: 3, mean: 2, std: 0.5 },
      { weight: 0, mean: 9, std: 1 },
      { weight: 1, mean: -2, std: 0.2 },
    ];
    const buffer = mixtureTable(mixture);
    expect(buffer.byteLength).toBe(MIXTURE_TABLE_BYTES);
    expect(new Uint32Array(buffer, 0, 1)[0]).toBe(2);
    const rows = new Float32Array(buffer, 16);
    expect(rows[0]).toBeCloseTo(Math.log(0.75), 6);
    expect(rows[1]).toBe(2);
    expect(rows[2]).toBeCloseTo(0.25, 7);
    expect(rows[4]).toBeCloseTo(Math.log(0.25), 6);
    expect(rows[5]).toBe(-2);
    expect(rows[6]).toBeCloseTo(0.04, 7);
    expect(keptComponents(mixture)).toEqual([0, 2]);
  });

  it('refuses a mixture with no weight, and sizes the WGSL array to MAX_COMPONENTS', () => {
    expect(() => mixtureTable([{ weight: 0, mean: 0, std: 1 }])).toThrow(/no component/);
    expect(mixtureWgsl(3)).toContain('@binding(3) var<uniform> mixture');
    expect(mixtureWgsl(0)).toContain(`array<vec4<f32>, ${MAX_COMPONENTS}>`);
  });
});
