/**
 * The batched plane forward (batchedScore2.ts) against the pair-by-pair reference (learnedScore2.ts): the same
 * numbers on random networks of several shapes, at cloud sizes that exercise every path of the blocking (fewer
 * than four particles, a remainder after the groups of four, more than one block of 64).
 */
import { describe, expect, it } from 'vitest';
import { batchedPlaneScore, learnedPlaneScore } from '../../../src/engine/plane';
import { createRng } from '../../../src/engine/rng';
import { randomPlaneParams } from './planeFixtures';

describe('the batched plane forward', () => {
  it('equals the pair-by-pair reference to 1e-5 on random networks, clouds and σ', () => {
    for (const [width, depth] of [
      [16, 1],
      [64, 2],
      [20, 3],
      [33, 4],
    ]) {
      const params = randomPlaneParams(width, depth, 100 * width + depth, 0.6);
      const fast = batchedPlaneScore(params, 0.3);
      const reference = learnedPlaneScore(params, 0.3);
      const rng = createRng(width + depth);
      for (const pairs of [1, 3, 7, 64, 130]) {
        const xs = Float32Array.from({ length: 2 * pairs }, () => 4 * rng.normal());
        for (const sigma of [0.02, 0.3, 5, undefined]) {
          const a = new Float32Array(2 * pairs);
          const b = new Float32Array(2 * pairs);
          fast(xs, a, sigma);
          reference(xs, b, sigma);
          for (let i = 0; i < a.length; i++)
            expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5 * (1 + Math.abs(b[i])));
        }
      }
    }
  });

  it('refuses what the reference refuses: another layout and σ ≤ 0', () => {
    const good = randomPlaneParams(8, 2, 5, 0.6);
    expect(() => batchedPlaneScore(good.slice(0, 5), 0.1)).toThrow(/2·depth \+ 2/);
    expect(() => batchedPlaneScore(good, 0)).toThrow(/positive/);
    expect(() => batchedPlaneScore(good, 0.1)(new Float32Array(2), new Float32Array(2), -1)).toThrow(
      /positive/,
    );
  });
});
