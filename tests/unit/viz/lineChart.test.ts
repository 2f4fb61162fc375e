// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { LineChartData } from '../../../src/viz/types';
import { createLineChart } from '../../../src/viz/lineChart';
import { drawn, host, roundNumbers } from './render';

// The emulated DOM has no layout: the host is 0 px wide, so the chart takes its 600 px default. With the y title
// the margins are left 52, right 14, top 10 + the title's room, bottom 40: the plot is 534 px wide.
const options = { title: 'Test chart', height: 200, xLabel: 'x', yLabel: 'score' };

/** y = x² on five points, a dashed line, one point, one arrow, an error bar, a rug, the zero line, a marker. */
const data: LineChartData = {
  xDomain: [-2, 2],
  yDomain: [-1, 4],
  zeroLine: true,
  series: [
    { id: 'sq', label: 'x squared', x: [-2, -1, 0, 1, 2], y: [4, 1, 0, 1, 4], colour: 'c-data' },
    { id: 'flat', label: 'one', x: [-2, 2], y: [1, 1], colour: 'c-score', dashed: true },
  ],
  points: [{ x: 0, y: 0, colour: 'c-target', r: 3 }],
  arrows: [{ x0: -1, y0: 2, x1: 1, y1: 2, colour: 'c-target', key: 7 }],
  errorBars: [{ x: 1, y: 1, lo: 0.5, hi: 1.5, colour: 'c-kde' }],
  rugs: [{ x: [-1.5, 0.5], colour: 'c-data' }],
  markers: [{ x: 1, colour: 'c-accent', label: 'here' }],
};

describe('lineChart renderer', () => {
  it('draws series, point, arrow, error bar, rug, zero line and marker where the scales put them', () => {
    const el = host();
    const chart = createLineChart(el, options);
    chart.update(data);
    const svg = el.querySelector('svg')!;
    expect(svg.getAttribute('aria-label')).toBe('Test chart');
    expect(svg.getAttribute('width')).toBe('600');

    // Geometry checked by hand: the plot spans x ∈ [−2, 2] over 534 px, so x = 0 sits at 267 px and x = 1 at
    // 400.5 px; y = 0 sits 1/5 of the way up from the plot's bottom.
    const plotHeight = Number(el.querySelector('clipPath rect')!.getAttribute('height'));
    const yAt = (v: number) => ((4 - v) / 5) * plotHeight;
    const dot = el.querySelector('circle.c-target')!;
    expect(Number(dot.getAttribute('cx'))).toBeCloseTo(267, 6);
    expect(Number(dot.getAttribute('cy'))).toBeCloseTo(yAt(0), 6);
    const line = el.querySelector('[data-series="sq"] path.series-line')!;
    // The path passes through every (x, x²) vertex: five points, the middle one at (267, y(0)).
    const d = line.getAttribute('d')!;
    expect(roundNumbers(d)).toContain(`267,${roundNumbers(yAt(0).toFixed(4))}`);
    expect(el.textContent).toContain('score');

    expect(drawn(el)).toMatchSnapshot();
    chart.destroy();
    expect(el.querySelector('svg')).toBeNull();
  });

  it('an update redraws in place: the same marks, moved, and none left behind', () => {
    const el = host();
    const chart = createLineChart(el, options);
    chart.update(data);
    const count = el.querySelectorAll('*').length;
    chart.update({ ...data, points: [{ x: 1, y: 1, colour: 'c-target', r: 3 }] });
    expect(el.querySelectorAll('*').length).toBe(count);
    expect(el.querySelectorAll('svg')).toHaveLength(1);
    expect(Number(el.querySelector('circle.c-target')!.getAttribute('cx'))).toBeCloseTo(400.5, 6);
    chart.destroy();
  });

  it('a redraw that moves only some marks writes nothing to the frame, the axes or the unchanged curves', () => {
    const el = host();
    const chart = createLineChart(el, options);
    chart.update(data);
    // Every attribute write is a restyle and a repaint in a browser, even when the value is the same: an animated
    // page must not pay for the parts of a chart that stay as they were.
    const observer = new MutationObserver(() => {});
    observer.observe(el, { attributes: true, subtree: true });
    /** The writes since the last call, named by part: svg, clip, axis, or the series' id, and the attribute. */
    const writes = () =>
      observer.takeRecords().map((r) => {
        const t = r.target as Element;
        const part =
          t.tagName.toLowerCase() === 'svg'
            ? 'svg'
            : t.closest('clipPath')
              ? 'clip'
              : t.closest('.axis')
                ? 'axis'
                : (t.closest('[data-series]')?.getAttribute('data-series') ?? 'other');
        return `${part}.${r.attributeName}`;
      });
    const frameOrCurves = (w: string) => !w.startsWith('other.');
    chart.update({ ...data, points: [{ x: 1, y: 1, colour: 'c-target', r: 3 }] });
    const first = writes();
    expect(first).toContain('other.cx'); // the point moved
    expect(first.filter(frameOrCurves)).toEqual([]);
    // A new y domain moves the axes and both curves.
    chart.update({ ...data, yDomain: [-2, 5] });
    const second = writes().filter(frameOrCurves);
    expect(second).toContain('sq.d');
    expect(second).toContain('flat.d');
    expect(second).toContain('axis.transform');
    observer.disconnect();
    chart.destroy();
  });
});
