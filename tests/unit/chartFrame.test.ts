import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { wrapTitle } from '../../src/viz/chartFrame';
import { clipExits } from '../../src/viz/marks';

/** A monospace measure: 6 px a character. */
const mono = (s: string) => 6 * s.length;

describe('wrapTitle', () => {
  it('keeps a title that fits on one line', () => {
    expect(wrapTitle('time t', 100, mono)).toEqual(['time t']);
  });
  it('breaks a long title at spaces into lines that fit', () => {
    const text = 'time t (the sampler runs from t = 1 on the right down to t = 0 on the left)';
    const lines = wrapTitle(text, 200, mono);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(mono(line)).toBeLessThanOrEqual(200);
    expect(lines.join(' ')).toBe(text);
  });
  it('gives a word wider than the chart a line of its own', () => {
    expect(wrapTitle('a verylongword b', 30, mono)).toEqual(['a', 'verylongword', 'b']);
  });
});

describe('clipExits', () => {
  const x = d3.scaleLinear().domain([0, 10]).range([0, 100]);
  const y = d3.scaleLinear().domain([-20, 20]).range([100, 0]);
  it('marks where a curve leaves through the top and the bottom, once per excursion', () => {
    // s(x) = 30 − 6x: above 20 for x < 5/3, below −20 for x > 25/3.
    const xs = d3.range(0, 10.01, 0.1);
    const exits = clipExits(x, y, [
      { id: 's', label: 's', x: xs, y: xs.map((v) => 30 - 6 * v), colour: 'c-score' },
    ]);
    expect(exits.map((e) => e.edge)).toEqual(['top', 'bottom']);
    expect(exits[0].px).toBeCloseTo(0, 6);
    expect(exits[1].px).toBeCloseTo(x(8.4), 6);
  });
  it('marks nothing for a curve inside the axis, or for unlabelled guides', () => {
    const xs = [0, 5, 10];
    expect(clipExits(x, y, [{ id: 'a', label: 'a', x: xs, y: [0, 19, -19], colour: 'c-data' }])).toEqual([]);
    expect(clipExits(x, y, [{ id: 'g', label: '', x: xs, y: [50, 50, 50], colour: 'c-muted' }])).toEqual([]);
  });
});
