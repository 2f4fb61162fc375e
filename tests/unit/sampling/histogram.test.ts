import { describe, expect, it } from 'vitest';
import { histogram, histogramEdges, histogramView } from '../../../src/engine/sampling/histogram';
import { TrajectoryRecorder } from '../../../src/engine/sampling/trajectories';

describe('fixed-range histogram', () => {
  it('counts in-range, below, above and non-finite particles separately', () => {
    const xs = Float32Array.from([-5, 0, 0.1, 0.99, 1, 1.5, 3.999, 4, 4.01, NaN, Infinity, -Infinity]);
    const h = histogram(xs, { lo: 0, hi: 4, bins: 4 });
    // [0,1): 0, 0.1, 0.99; [1,2): 1, 1.5; [2,3): –; [3,4]: 3.999 and 4 (the last bin is closed).
    expect(Array.from(h.counts)).toEqual([3, 2, 0, 2]);
    expect(h.below).toBe(2); // −5 and −∞
    expect(h.above).toBe(2); // 4.01 and +∞
    expect(h.nonFinite).toBe(1);
    expect(h.total).toBe(xs.length);
  });

  it('normalises by all particles so the bars estimate the pdf and integrate to the in-range share', () => {
    const xs = new Float32Array(1000);
    for (let i = 0; i < 1000; i++) xs[i] = (i + 0.5) / 1000 - 0.25; // uniform on [−0.25, 0.75)
    const h = histogram(xs, { lo: 0, hi: 1, bins: 10 });
    const width = 0.1;
    const integral = h.density.reduce((s, d) => s + d * width, 0);
    expect(integral).toBeCloseTo(0.75, 12);
    // The density of U(−0.25, 0.75) is 1 inside.
    expect(h.density[3]).toBeCloseTo(1, 12);
    expect(h.density[9]).toBe(0);
  });

  it('reuses the arrays it is given when the range matches', () => {
    const range = { lo: -1, hi: 1, bins: 8 };
    const first = histogram(Float32Array.from([0, 0.5]), range);
    const second = histogram(Float32Array.from([-0.9]), range, first);
    expect(second).toBe(first);
    expect(second.counts.reduce((s, c) => s + c, 0)).toBe(1);
    expect(histogram(Float32Array.from([0]), { lo: -2, hi: 2, bins: 8 }, first)).not.toBe(first);
    expect(Array.from(histogramEdges({ lo: -1, hi: 1, bins: 4 }))).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
});

describe('histogram as plain numbers', () => {
  it('keeps the counts as an array and reports the non-finite particles with those above the range', () => {
    const xs = Float32Array.from([-5, 0.5, 0.5, 2.5, 9, NaN, Infinity, -Infinity]);
    const view = histogramView(histogram(xs, { lo: 0, hi: 4, bins: 2 }));
    // −∞ is below lo (it compares less), +∞ above hi; only NaN is non-finite in the histogram's sense.
    expect(view).toEqual({ lo: 0, hi: 4, bins: 2, counts: [2, 1], below: 2, above: 3, total: 8 });
    expect(Array.isArray(view.counts)).toBe(true);
    // What postMessage would copy is the same object.
    expect(structuredClone(view)).toEqual(view);
  });
});

describe('trajectory ring buffer', () => {
  it('tracks evenly spread particles and keeps the latest records in time order', () => {
    const rec = new TrajectoryRecorder({ n: 100, count: 4, capacity: 3 });
    expect(Array.from(rec.indices)).toEqual([12, 37, 62, 87]);
    const xs = new Float32Array(100);
    for (let step = 0; step < 5; step++) {
      for (let i = 0; i < 100; i++) xs[i] = step * 1000 + i;
      rec.record(step, xs);
    }
    const snap = rec.snapshot();
    expect(snap.steps).toEqual([2, 3, 4]);
    expect(snap.tracks).toBe(4);
    expect(Array.from(snap.positions)).toEqual([
      2012, 2037, 2062, 2087, 3012, 3037, 3062, 3087, 4012, 4037, 4062, 4087,
    ]);
  });

  it('records every k steps and never tracks more particles than exist', () => {
    const rec = new TrajectoryRecorder({ n: 3, count: 40, every: 2 });
    expect(rec.indices.length).toBe(3);
    const xs = Float32Array.from([1, 2, 3]);
    for (let step = 0; step <= 5; step++) rec.record(step, xs);
    expect(rec.snapshot().steps).toEqual([0, 2, 4]);
  });
});
