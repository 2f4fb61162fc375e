import { describe, expect, it } from 'vitest';
import {
  addComponent2,
  axisHandle,
  covarianceOf,
  dragAxis2,
  MIXTURE_2D_PRESETS,
  moveMean2,
  principalAxes,
  removeComponent2,
  setWeight2,
  type Limits2,
} from '../../../src/engine/plane';

const limits: Limits2 = { mean: 10, stdMin: 0.02, stdMax: 5, rho: 0.99, minWeight: 0.01, maxComponents: 8 };
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('editing a 2D mixture by hand', () => {
  it('principal axes reproduce the covariance: Σ = R diag(a², b²) Rᵀ', () => {
    for (const mixture of Object.values(MIXTURE_2D_PRESETS)) {
      for (const c of mixture) {
        const { major, minor, angle } = principalAxes(c);
        const [co, si] = [Math.cos(angle), Math.sin(angle)];
        const g = covarianceOf(c);
        expect(major).toBeGreaterThanOrEqual(minor);
        expect(co * co * major ** 2 + si * si * minor ** 2).toBeCloseTo(g.vxx, 10);
        expect(co * si * (major ** 2 - minor ** 2)).toBeCloseTo(g.vxy, 10);
        expect(si * si * major ** 2 + co * co * minor ** 2).toBeCloseTo(g.vyy, 10);
      }
    }
  });

  it('a small drag of the axis handle is a small change, and a drag to the handle itself changes nothing', () => {
    const mixture = MIXTURE_2D_PRESETS.default;
    const h = axisHandle(mixture[0]);
    const same = dragAxis2(mixture, 0, h.x, h.y, limits)[0];
    for (const key of ['sx', 'sy', 'rho'] as const) expect(same[key]).toBeCloseTo(mixture[0][key], 10);
    const nudged = dragAxis2(mixture, 0, h.x + 0.05, h.y, limits)[0];
    for (const key of ['sx', 'sy'] as const)
      expect(Math.abs(nudged[key] - mixture[0][key])).toBeLessThan(0.05);
    expect(Math.abs(nudged.rho - mixture[0].rho)).toBeLessThan(0.05);
  });

  it('turning the axis handle a quarter turn about the mean swaps the spreads along x and y, keeping the width', () => {
    const c = { weight: 1, mx: 1, my: 2, sx: 2, sy: 0.5, rho: 0 };
    const [turned] = dragAxis2([c], 0, 1, 2 + 4, limits);
    expect(turned.sx).toBeCloseTo(0.5, 10);
    expect(turned.sy).toBeCloseTo(2, 10);
    expect(turned.rho).toBeCloseTo(0, 10);
    expect(principalAxes(turned).minor).toBeCloseTo(0.5, 10);
  });

  it('moving a mean clamps it to the box; weights stay normalised under every edit', () => {
    const mixture = MIXTURE_2D_PRESETS.default;
    const moved = moveMean2(mixture, 1, 40, -3, limits);
    expect(moved[1]).toMatchObject({ mx: 10, my: -3 });
    const weighted = setWeight2(mixture, 2, 0.7, limits);
    expect(weighted[2].weight).toBeCloseTo(0.7, 12);
    expect(sum(weighted.map((c) => c.weight))).toBeCloseTo(1, 12);
    // The others keep their ratio 0.5 : 0.3.
    expect(weighted[0].weight / weighted[1].weight).toBeCloseTo(0.5 / 0.3, 12);
    const added = addComponent2(mixture, limits);
    expect(added).toHaveLength(4);
    expect(sum(added.map((c) => c.weight))).toBeCloseTo(1, 12);
    const gap = Math.min(...mixture.map((c) => Math.hypot(c.mx - added[3].mx, c.my - added[3].my)));
    expect(gap).toBeGreaterThan(2);
    const removed = removeComponent2(added, 0);
    expect(removed).toHaveLength(3);
    expect(sum(removed.map((c) => c.weight))).toBeCloseTo(1, 12);
    expect(removeComponent2([mixture[0]], 0)).toHaveLength(1);
  });
});
