import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/engine/tf/core';
import { ScoreNet, initialParams, paramLayout, scoreOf } from '../../../src/engine/tf/net';
import { streamRng } from '../../../src/engine/tf/streams';
import { useCpu } from './helpers';

beforeAll(useCpu);

async function values(t: tf.Tensor): Promise<Float32Array> {
  const out = (await t.data()) as Float32Array;
  t.dispose();
  return out;
}

describe('score network', () => {
  const shape = { width: 12, depth: 3 };
  const xs = [-2.5, -0.7, 0, 0.4, 1.3, 3.1];

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
    const logSigma = tf.fill([xs.length], Math.log(0.3)) as tf.Tensor1D;
    const x = tf.tensor1d(xs);
    const { value, dx } = net.applyWithDx(x, logSigma);
    const slope = await values(dx);
    // Same value as the plain forward pass.
    expect(Array.from(await values(value))).toEqual(Array.from(await values(net.apply(x, logSigma))));

    // Central difference in float32: h = 1e-2 keeps round-off (~1e-7/h) and truncation (~h²) near 1e-5.
    const h = 1e-2;
    const up = await values(net.apply(tf.tensor1d(xs.map((v) => v + h)), logSigma));
    const down = await values(net.apply(tf.tensor1d(xs.map((v) => v - h)), logSigma));
    xs.forEach((_, i) => expect(slope[i]).toBeCloseTo((up[i] - down[i]) / (2 * h), 3));

    // Reverse mode: d/dx Σ_i net(x_i) = ∂net/∂x at each x_i, since samples do not interact.
    const grad = tf.grad((input: tf.Tensor) => tf.sum(net.apply(input as tf.Tensor1D, logSigma)));
    const reverse = await values(grad(x));
    xs.forEach((_, i) => expect(slope[i]).toBeCloseTo(reverse[i], 5));
    tf.dispose([x, logSigma]);
    net.dispose();
  });

  it('scores as net(x, log σ)/σ', async () => {
    const net = ScoreNet.init(shape, streamRng(6, 'init'));
    const x = tf.tensor1d(xs);
    const sigma = tf.fill([xs.length], 0.2) as tf.Tensor1D;
    const score = await values(scoreOf(net, x, sigma));
    const raw = await values(net.apply(x, tf.log(sigma) as tf.Tensor1D));
    xs.forEach((_, i) => expect(score[i]).toBeCloseTo(raw[i] / 0.2, 4));
    tf.dispose([x, sigma]);
    net.dispose();
  });

  it('refuses parameters that do not fit the layout', () => {
    const params = initialParams(shape, streamRng(1, 'init'));
    expect(() => ScoreNet.fromParams({ width: 12, depth: 2 }, params)).toThrow(/expected 6 parameter arrays/);
    const short = params.map((p, i) => (i === 2 ? { ...p, values: p.values.slice(1) } : p));
    expect(() => ScoreNet.fromParams(shape, short)).toThrow(/hidden1.weight/);
  });
});
