import { describe, expect, it } from 'vitest';
import {
  fieldGrid,
  gridAxis,
  MIXTURE_2D_PRESETS,
  perturbMixture2,
  plotBox2,
  PreparedMixture2,
  streamlines,
} from '../../../src/engine/plane';

describe('the exact field on a grid', () => {
  it('is row-major (index j·nx + i) and equals the pointwise density and score of q_σ', () => {
    const mixture = MIXTURE_2D_PRESETS.default;
    const box = { x0: -6, x1: 6, y0: -5, y1: 7 };
    const grid = fieldGrid(mixture, 0.7, box, 64, 65);
    const xs = gridAxis(box.x0, box.x1, 64);
    const ys = gridAxis(box.y0, box.y1, 65);
    const exact = new PreparedMixture2(perturbMixture2(mixture, 0.7));
    const g = new Float64Array(2);
    for (const [i, j] of [
      [0, 0],
      [63, 0],
      [0, 64],
      [17, 40],
      [50, 3],
    ]) {
      const k = j * 64 + i;
      exact.score(xs[i], ys[j], g);
      expect(grid.pdf[k]).toBeCloseTo(exact.pdf(xs[i], ys[j]), 12);
      expect(grid.scoreX[k]).toBeCloseTo(g[0], 12);
      expect(grid.scoreY[k]).toBeCloseTo(g[1], 12);
    }
    expect(xs[0]).toBe(-6);
    expect(xs[63]).toBe(6);
  });

  it('plots every preset in a square box that holds all its components', () => {
    for (const mixture of Object.values(MIXTURE_2D_PRESETS)) {
      const box = plotBox2(mixture);
      expect(box.x1 - box.x0).toBe(box.y1 - box.y0);
      for (const c of mixture) {
        expect(c.mx - 3 * c.sx).toBeGreaterThanOrEqual(box.x0);
        expect(c.mx + 3 * c.sx).toBeLessThanOrEqual(box.x1);
        expect(c.my - 3 * c.sy).toBeGreaterThanOrEqual(box.y0);
        expect(c.my + 3 * c.sy).toBeLessThanOrEqual(box.y1);
      }
    }
  });
});

describe('streamlines of the score', () => {
  const mixture = MIXTURE_2D_PRESETS.twoModes;
  const field = new PreparedMixture2(perturbMixture2(mixture, 1));
  const score = (x: number, y: number, out: Float64Array) => void field.score(x, y, out);
  const box = plotBox2(mixture);
  const lines = streamlines(score, box);

  it('are tangent to the field and run along it, point after point', () => {
    expect(lines.length).toBeGreaterThan(20);
    const g = new Float64Array(2);
    const cosines: number[] = [];
    for (const line of lines) {
      for (let k = 1; k < line.xs.length; k++) {
        const dx = line.xs[k] - line.xs[k - 1];
        const dy = line.ys[k] - line.ys[k - 1];
        field.score((line.xs[k] + line.xs[k - 1]) / 2, (line.ys[k] + line.ys[k - 1]) / 2, g);
        const cos = (dx * g[0] + dy * g[1]) / (Math.hypot(dx, dy) * Math.hypot(g[0], g[1]));
        cosines.push(cos);
      }
    }
    // A chord of a curving line leans off the tangent at its midpoint by about half the turn over the step, so
    // single segments may deviate by a few degrees where the field bends sharply; the typical one may not.
    cosines.sort((a, b) => a - b);
    expect(cosines[0]).toBeGreaterThan(0.95);
    expect(cosines[Math.floor(cosines.length / 2)]).toBeGreaterThan(0.9999);
  });

  it('end at a mode of q_σ, at the edge of the box, or next to another line', () => {
    const cells = 40;
    const cellOf = (x: number, y: number) => [
      Math.floor(((x - box.x0) / (box.x1 - box.x0)) * cells),
      Math.floor(((y - box.y0) / (box.y1 - box.y0)) * cells),
    ];
    const owner = new Map<string, number>();
    lines.forEach((line, id) => line.xs.forEach((x, k) => owner.set(cellOf(x, line.ys[k]).join(), id)));
    let atMode = 0;
    for (const [id, line] of lines.entries()) {
      for (const k of [0, line.xs.length - 1]) {
        const [x, y] = [line.xs[k], line.ys[k]];
        const nearMode = Math.min(Math.hypot(x + 5, y + 5), Math.hypot(x - 5, y - 5)) < 0.3;
        const h = 0.006 * (box.x1 - box.x0);
        const nearEdge = x - box.x0 < 2 * h || box.x1 - x < 2 * h || y - box.y0 < 2 * h || box.y1 - y < 2 * h;
        const [i, j] = cellOf(x, y);
        let nearOther = false;
        for (let di = -1; di <= 1; di++)
          for (let dj = -1; dj <= 1; dj++) {
            const other = owner.get([i + di, j + dj].join());
            if (other !== undefined && other !== id) nearOther = true;
          }
        if (k === line.xs.length - 1 && nearMode) atMode++;
        expect(nearMode || nearEdge || nearOther).toBe(true);
      }
    }
    // The score of a mixture flows into its modes: some lines must arrive at one.
    expect(atMode).toBeGreaterThan(0);
  });

  it('do not crowd: two lines never share an occupancy cell', () => {
    const cells = 40;
    const owner = new Map<number, number>();
    lines.forEach((line, id) => {
      for (let k = 0; k < line.xs.length; k++) {
        const i = Math.floor(((line.xs[k] - box.x0) / (box.x1 - box.x0)) * cells);
        const j = Math.floor(((line.ys[k] - box.y0) / (box.y1 - box.y0)) * cells);
        const cell = j * cells + i;
        const previous = owner.get(cell);
        expect(previous === undefined || previous === id).toBe(true);
        owner.set(cell, id);
      }
    });
  });
});
