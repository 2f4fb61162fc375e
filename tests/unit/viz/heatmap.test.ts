// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createHeatmap } from '../../../src/viz/heatmap';
import { drawn, host } from './render';

// The emulated DOM has no canvas pixels: this test covers what the heatmap draws in SVG (axes, colour-bar axis,
// paths over the map, markers) and where it places its two canvases; the cell colours need a real browser.
describe('heatmap renderer', () => {
  it('places the axes, colour bar, paths and markers on the map in data coordinates', () => {
    const el = host();
    const map = createHeatmap(el, { title: 'Density over time', height: 220, xLabel: 't', legendLabel: 'p' });
    map.update({
      xs: [0.25, 0.75],
      ys: [-1, 0, 1],
      values: [0, 1, 0, 0.5, 2, 0.5],
      max: 2,
      xDomain: [0, 1],
      yDomain: [-1.5, 1.5],
      markers: [{ x: 0.5, colour: 'c-accent' }],
      paths: [{ x: [0, 1], y: [-1, 1], colour: 'c-data' }],
    });
    // Plot width: 600 (default) − 52 left − 62 right = 486 px, so the marker at t = 0.5 sits at 243 px.
    const marker = el.querySelector('line.c-accent, .markers line')!;
    expect(Number(marker.getAttribute('x1'))).toBeCloseTo(243, 6);
    expect(el.querySelectorAll('canvas')).toHaveLength(2);
    expect(el.querySelector('svg')!.getAttribute('aria-label')).toBe('Density over time');
    expect(drawn(el)).toMatchSnapshot();
    map.destroy();
  });
});
