/** The numbers a figure exports: tables derived from plain chart data, CSV quoting and the JSON form. */
import { describe, expect, it } from 'vitest';
import { tablesOf, toCsv, toJson } from '../../src/components/figureData';

describe('figure data tables', () => {
  it('a line chart gives its curves, bars, samples and arrows, with every value', () => {
    const x = Float64Array.from([0, 0.5, 1]);
    const tables = tablesOf({
      xDomain: [0, 1],
      yDomain: [0, 2],
      series: [
        { id: 'pdf', label: 'p(x)', x, y: Float64Array.from([1, 2, 1]), colour: 'c-data' },
        { id: 'q', label: '', x, y: [0.5, 0.5, 0.5], colour: 'c-noisy' },
      ],
      bars: [{ x0: 0, x1: 0.5, y: 1.25, colour: 'c-data' }],
      rugs: [{ x: [0.1, 0.9], colour: 'c-kde' }],
      arrows: [{ x0: 0, y0: 0, x1: 0.2, y1: 0, colour: 'c-score' }],
    });
    expect(tables.map((t) => t.name)).toEqual(['series', 'bars', 'samples', 'arrows']);
    const series = tables[0];
    expect(series.rows).toHaveLength(6);
    expect(series.rows[1]).toEqual(['pdf', 'p(x)', 0.5, 2]);
    // An unlabelled series is named by its id.
    expect(series.rows[3]).toEqual(['q', 'q', 0, 0.5]);
    expect(tables[1].rows).toEqual([[0, 0.5, 1.25, 'c-data']]);
    expect(tables[2].rows).toEqual([
      [0, 0.1],
      [0, 0.9],
    ]);
    expect(tables[3].rows).toEqual([[0, 0, 0.2, 0]]);
  });

  it('a heat map gives one row per cell, column-major as stored', () => {
    const [t] = tablesOf({ xs: [0, 1], ys: [10, 20, 30], values: [1, 2, 3, 4, 5, 6], max: 6 });
    expect(t.columns).toEqual(['x', 'y', 'value']);
    expect(t.rows).toEqual([
      [0, 10, 1],
      [0, 20, 2],
      [0, 30, 3],
      [1, 10, 4],
      [1, 20, 5],
      [1, 30, 6],
    ]);
  });

  it('unknown shapes give no tables', () => {
    expect(tablesOf(null)).toEqual([]);
    expect(tablesOf({ foo: 1 })).toEqual([]);
    expect(tablesOf([1, 2, 3])).toEqual([]);
  });
});

describe('CSV and JSON', () => {
  const runs = {
    name: 'runs',
    columns: ['sampler', 'w1'],
    rows: [
      ['ODE, Heun', 0.02],
      ['say "hi"', NaN],
    ],
  };

  it('quotes cells with commas or quotes, and leaves non-finite numbers empty', () => {
    expect(toCsv([runs])).toBe('sampler,w1\n"ODE, Heun",0.02\n"say ""hi""",\n');
  });

  it('several tables share one header with a table column', () => {
    const csv = toCsv([runs, { name: 'extra', columns: ['w1', 'n'], rows: [[0.5, 3]] }]);
    expect(csv.split('\n')).toEqual([
      'table,sampler,w1,n',
      'runs,"ODE, Heun",0.02,',
      'runs,"say ""hi""",,',
      'extra,,0.5,3',
      '',
    ]);
  });

  it('numbers round-trip through JSON exactly; NaN becomes null', () => {
    const v = 0.1 + 0.2;
    const json = JSON.parse(toJson([{ name: 't', columns: ['v'], rows: [[v], [NaN]] }], { page: 'score' }));
    expect(json.page).toBe('score');
    expect(json.t.rows[0][0]).toBe(v);
    expect(json.t.rows[1][0]).toBeNull();
  });
});
