import { describe, expect, it } from 'vitest';
import { LossHistory } from '../../../src/engine/training/lossHistory';

describe('loss history', () => {
  it('keeps every step while short', () => {
    const h = new LossHistory(500);
    for (let s = 1; s <= 10; s++) h.add(s, s * 2);
    expect(h.curve()).toEqual({
      steps: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      losses: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20],
    });
  });

  it('stays within maxPoints, evenly spaced, with bucket means, however long the run', () => {
    const h = new LossHistory(500);
    for (let s = 1; s <= 100_000; s++) h.add(s, s);
    const { steps, losses } = h.curve();
    expect(steps.length).toBeLessThanOrEqual(500);
    expect(steps.length).toBeGreaterThan(250);
    expect(steps.at(-1)).toBe(100_000);
    const width = steps[1] - steps[0];
    for (let i = 1; i < steps.length - 1; i++) expect(steps[i] - steps[i - 1]).toBe(width);
    // The mean of s over the bucket (k−1)w+1 … kw is kw − (w − 1)/2.
    expect(losses[0]).toBe(steps[0] - (width - 1) / 2);
  });

  it('leaves out non-finite losses', () => {
    const h = new LossHistory();
    h.add(1, NaN);
    h.add(2, 3);
    expect(h.curve()).toEqual({ steps: [2], losses: [3] });
  });
});
