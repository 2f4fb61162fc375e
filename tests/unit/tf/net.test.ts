import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/engine/tf/core';
import { SCORE_SLICE, learnedScores } from '../../../src/engine/tf/evaluate';
import { matMul } from '../../../src/engine/tf/matmul';
import { ScoreNet, initialParams, inputRows, paramLayout, scoreOf } from '../../../src/engine/tf/net';
import { streamRng } from '../../../src/engine/training/streams';
import { useCpu } from './helpers';
import {
  flattenParams,
  netForwardReference,
  paramOffsets,
  splitParams,
} from '../../../src/engine/gpu/network';

beforeAll(useCpu);

async function values(t: tf.Tensor): Promise<Float32Array> {
  const out = (await t.data()) as Float32Array;
  t.dispose();
  return out;
}

describe('score network', () => {
  const shape = { width: 12, depth: 3 };
  const xs = [-2.5, -0.7, 0, 0.4, 1.3, 3.1];
  const rows = (shift = 0, sigma = 0.3) =>
    tf.tensor2d(
      inputRows(
        xs.map((v) => v + shift),
        sigma,
      ),
      [xs.length, 2],
    );

  it('has the documented layout and a seeded initialisation', () => {
    expect(paramLayout(shape).map((p) => p.shape)).toEqual([
      [2, 12],
      [12],
      [12, 12],
      [12],
      [12, 12],
      [12],
      [12, 1],
      [1],
    ]);
    const a = initialParams(shape, streamRng(3, 'init'));
    const b = initialParams(shape, streamRng(3, 'init'));
    const c = initialParams(shape, streamRng(4, 'init'));
    expect(a[0].values).toEqual(b[0].values);
    expect(a[0].values).not.toEqual(c[0].values);
    expect(Array.from(a[1].values).every((v) => v === 0)).toBe(true);
  });

  it('gives the input derivative (forward mode) equal to a finite difference and to reverse-mode autodiff', async () => {
    const net = ScoreNet.init(shape, streamRng(5, 'init'));
    const input = rows();
    const { value, dx } = net.applyWithDx(input);
    const slope = await values(dx);
    // Same value as the plain forward pass.
    expect(Array.from(await values(value))).toEqual(Array.from(await values(net.apply(input))));

    // Central difference in float32: h = 1e-2 keeps round-off (~1e-7/h) and truncation (~h²) near 1e-5.
    const h = 1e-2;
    const up = await values(net.apply(rows(h)));
    const down = await values(net.apply(rows(-h)));
    xs.forEach((_, i) => expect(slope[i]).toBeCloseTo((up[i] - down[i]) / (2 * h), 3));

    // Reverse mode (through matmul.ts's custom gradient): d/dx Σ_i net(x_i) = ∂net/∂x at each x_i, since rows do
    // not interact; that is column 0 of the gradient with respect to the input rows.
    const grad = tf.grad((r: tf.Tensor) => tf.sum(net.apply(r as tf.Tensor2D)));
    const reverse = await values(tf.slice(grad(input), [0, 0], [xs.length, 1]));
    xs.forEach((_, i) => expect(slope[i]).toBeCloseTo(reverse[i], 5));
    input.dispose();
    net.dispose();
  });

  it('scores as net(x, log σ)/σ', async () => {
    const net = ScoreNet.init(shape, streamRng(6, 'init'));
    const input = rows(0, 0.2);
    const sigma = tf.fill([xs.length], 0.2) as tf.Tensor1D;
    const score = await values(scoreOf(net, input, sigma));
    const raw = await values(net.apply(input));
    xs.forEach((_, i) => expect(score[i]).toBeCloseTo(raw[i] / 0.2, 4));
    tf.dispose([input, sigma]);
    net.dispose();
  });

  it("matches the fused kernels' flat layout and their double-precision forward reference", async () => {
    const params = initialParams(shape, streamRng(5, 'init'));
    // Non-zero biases, so a misplaced bias offset shows.
    params.forEach(
      (p) => p.name.endsWith('bias') && p.values.forEach((_, i) => (p.values[i] = 0.1 * (i - 3))),
    );
    const flat = flattenParams(shape, params);
    const offsets = paramOffsets(shape);
    expect(flat.length).toBe(offsets.total);
    expect(splitParams(shape, flat).map((v) => v.length)).toEqual(
      paramLayout(shape).map((p) => p.shape.reduce((a, b) => a * b)),
    );
    const net = ScoreNet.fromParams(shape, params);
    const input = rows(0, 0.3);
    const { value, dx } = net.applyWithDx(input);
    const [v, d] = [await values(value), await values(dx)];
    xs.forEach((x, i) => {
      const ref = netForwardReference(shape, flat, x, Math.log(0.3));
      expect(ref.value).toBeCloseTo(v[i], 5);
      expect(ref.dx).toBeCloseTo(d[i], 5);
    });
    input.dispose();
    net.dispose();
  });

  it('refuses parameters that do not fit the layout', () => {
    const params = initialParams(shape, streamRng(1, 'init'));
    expect(() => ScoreNet.fromParams({ width: 12, depth: 2 }, params)).toThrow(/expected 6 parameter arrays/);
    const short = params.map((p, i) => (i === 2 ? { ...p, values: p.values.slice(1) } : p));
    expect(() => ScoreNet.fromParams(shape, short)).toThrow(/hidden1.weight/);
  });

  it('multiplies matrices with the same gradient as tf.matMul (custom gradient, explicit transposes)', async () => {
    const a = tf.randomNormal([5, 3], 0, 1, 'float32', 1) as tf.Tensor2D;
    const b = tf.randomNormal([3, 4], 0, 1, 'float32', 2) as tf.Tensor2D;
    const weights = tf.randomNormal([5, 4], 0, 1, 'float32', 3);
    const loss = (f: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) => (x: tf.Tensor, y: tf.Tensor) =>
      tf.sum(tf.mul(weights, tf.sin(f(x as tf.Tensor2D, y as tf.Tensor2D))));
    const [ga, gb] = tf.grads(loss(matMul))([a, b]);
    const [ra, rb] = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b]);
    expect(Array.from(await values(matMul(a, b)))).toEqual(Array.from(await values(tf.matMul(a, b))));
    for (const [mine, reference] of [
      [ga, ra],
      [gb, rb],
    ]) {
      const [u, v] = [await values(mine), await values(reference)];
      u.forEach((value, i) => expect(value).toBeCloseTo(v[i], 5));
    }
    tf.dispose([a, b, weights]);
  });

  it('scores many points in slices, the same as a few at a time', async () => {
    const net = ScoreNet.init({ width: 4, depth: 1 }, streamRng(8, 'init'));
    const many = Float32Array.from({ length: SCORE_SLICE + 10 }, (_, i) => -4 + (8 * i) / SCORE_SLICE);
    const before = tf.memory().numTensors;
    const all = await learnedScores(net, many, 0.4);
    expect(tf.memory().numTensors).toBe(before);
    const picks = [0, 1, SCORE_SLICE - 1, SCORE_SLICE, SCORE_SLICE + 9];
    const few = await learnedScores(
      net,
      picks.map((i) => many[i]),
      0.4,
    );
    picks.forEach((i, k) => expect(all[i]).toBeCloseTo(few[k], 5));
    net.dispose();
  });
});
