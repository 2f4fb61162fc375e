import { describe, expect, it } from 'vitest';
import { arrowPath, equalAspectDomains } from '../../../src/viz/planeField';

describe('the plane renderer’s geometry', () => {
  it('gives both axes the same units per pixel and keeps the whole box in view', () => {
    const box = { x0: -4, x1: 6, y0: -2, y1: 2 };
    for (const [w, h] of [
      [500, 500],
      [300, 600],
      [800, 200],
    ]) {
      const d = equalAspectDomains(box, w, h);
      expect((d.x[1] - d.x[0]) / w).toBeCloseTo((d.y[1] - d.y[0]) / h, 12);
      expect(d.x[0]).toBeLessThanOrEqual(box.x0 + 1e-12);
      expect(d.x[1]).toBeGreaterThanOrEqual(box.x1 - 1e-12);
      expect(d.y[0]).toBeLessThanOrEqual(box.y0 + 1e-12);
      expect(d.y[1]).toBeGreaterThanOrEqual(box.y1 - 1e-12);
      expect((d.x[0] + d.x[1]) / 2).toBeCloseTo(1, 12);
      expect((d.y[0] + d.y[1]) / 2).toBeCloseTo(0, 12);
    }
  });

  it('draws an arrow as a shaft to its tip and a head whose strokes meet at the tip, 150° back either side', () => {
    const identity = (v: number) => v;
    const d = arrowPath([{ x: 10, y: 10, dx: 20, dy: 0 }], identity, identity);
    const numbers = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    // M x0,y0 L x1,y1 M h1 L tip L h2
    expect(numbers.slice(0, 4)).toEqual([10, 10, 30, 10]);
    const [h1x, h1y, tipx, tipy, h2x, h2y] = numbers.slice(4);
    expect([tipx, tipy]).toEqual([30, 10]);
    // Head length min(5, 0.4 × 20) = 5, at ±30° from the reversed shaft.
    expect(Math.hypot(h1x - 30, h1y - 10)).toBeCloseTo(5, 1);
    expect(h1x).toBeCloseTo(30 - 5 * Math.cos(Math.PI / 6), 1);
    expect(h1y).toBeCloseTo(10 + 2.5, 1);
    expect(h2y).toBeCloseTo(10 - 2.5, 1);
    expect(h2x).toBeCloseTo(h1x, 1);
    // Arrows shorter than half a pixel are left out.
    expect(arrowPath([{ x: 0, y: 0, dx: 0.1, dy: 0.1 }], identity, identity)).toBe('');
  });
});
