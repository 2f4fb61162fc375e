/**
 * The tensor forward of the plane network (engine/tf/plane/pairForward.ts) against the pair-by-pair reference
 * (learnedScore2.ts), on the CPU backend (Node's tests never start wasm; the wasm run is the end-to-end test's).
 * Float32 weights and activations against Float64 sums: agreement to a few 1e-6 relative, so 1e-4 leaves room
 * and still fails on any wrong weight, bias, σ or block offset.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { learnedPlaneScore, planeNetLayout } from '../../../src/engine/plane';
import type { PlaneParam } from '../../../src/engine/plane/planeModel';
import { createRng } from '../../../src/engine/rng';
import { tf } from '../../../src/engine/tf/core';
import { tensorPairScore } from '../../../src/engine/tf/plane/pairForward';
import { useCpu } from './helpers';

function randomParams(width: number, depth: number, seed: number): PlaneParam[] {
  const rng = createRng(seed);
  return planeNetLayout(width, depth).map(({ name, shape }) => ({
    name,
    shape,
    values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 0.6 * rng.normal()),
  }));
}

beforeAll(useCpu);

describe('the tensor plane forward', () => {
  it('equals the reference on random networks, across block boundaries, for every σ', () => {
    for (const [width, depth] of [
      [16, 1],
      [64, 2],
      [20, 3],
    ]) {
      const params = randomParams(width, depth, 10 * width + depth);
      // Blocks of 4 pairs: 1 pair is part of one block, 5 cross one boundary, 41 fill ten blocks and part of an eleventh.
      const tensor = tensorPairScore(params, 0.3, 4);
      const reference = learnedPlaneScore(params, 0.3);
      const rng = createRng(width);
      for (const pairs of [1, 5, 41]) {
        const xs = Float32Array.from({ length: 2 * pairs }, () => 4 * rng.normal());
        for (const sigma of [0.02, 5, undefined]) {
          const a = new Float32Array(2 * pairs);
          const b = new Float32Array(2 * pairs);
          tensor.score(xs, a, sigma);
          reference(xs, b, sigma);
          let worst = 0;
          for (let i = 0; i < a.length; i++)
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
          expect(worst, `width ${width}, depth ${depth}, ${pairs} pairs, σ ${sigma}`).toBeLessThan(1e-4);
        }
      }
      tensor.dispose();
    }
  });

  it('leaves no tensor behind, refuses a bad σ, and cannot be used once disposed', () => {
    const params = randomParams(8, 2, 3);
    const before = tf.memory().numTensors;
    const forward = tensorPairScore(params, 0.5);
    const xs = new Float64Array([0.1, -0.2, 3, 4]);
    const out = new Float64Array(4);
    forward.score(xs, out);
    forward.score(xs, out, 2);
    expect(() => forward.score(xs, out, 0)).toThrow(/positive/);
    forward.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => forward.score(xs, out)).toThrow(/disposed/);
    expect(() => tensorPairScore(params.slice(0, 3), 0.5)).toThrow(/2·depth \+ 2/);
  });
});
