import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/rng';
import { BatchSource } from '../../../src/engine/training/batches';
import { trainingSigmas } from '../../../src/engine/training/config';
import { tf } from '../../../src/engine/tf/core';
import { ScoreNet, inputRows, type NetFunction } from '../../../src/engine/tf/net';
import { batchLoss, perSampleLoss } from '../../../src/engine/tf/objectives';
import { streamRng } from '../../../src/engine/training/streams';
import { MEAN, VAR, gaussianConfig, useCpu } from './helpers';

beforeAll(useCpu);

/**
 * The exact noise-conditional score of Gaussian data as a NetFunction: for p = N(m, v), q_σ = N(m, v + σ²) and
 *   net(x, log σ) = σ s_σ(x) = −σ (x − m)/(v + σ²),   ∂net/∂x = −σ/(v + σ²).
 */
const oracle: NetFunction = {
  apply: (input) =>
    tf.tidy(() => {
      const [x, logSigma] = tf.split(input, 2, 1);
      const sigma = tf.exp(logSigma);
      const out = tf.div(tf.mul(tf.neg(sigma), tf.sub(x, MEAN)), tf.add(VAR, tf.square(sigma)));
      return tf.reshape(out, [-1]) as tf.Tensor1D;
    }),
  applyWithDx: (input) =>
    tf.tidy(() => {
      const sigma = tf.exp(tf.reshape(tf.slice(input, [0, 1], [-1, 1]), [-1]));
      const slope = tf.div(tf.neg(sigma), tf.add(VAR, tf.square(sigma)));
      return { value: oracle.apply(input), dx: slope as tf.Tensor1D };
    }),
};

/** Input rows [x + σz, log σ] (without z: the clean point). */
function rows(x: Float32Array, sigma: number, z?: Float32Array): tf.Tensor2D {
  const noisy = z ? x.map((v, i) => v + sigma * z[i]) : x;
  return tf.tensor2d(inputRows(noisy, sigma), [x.length, 2]);
}

async function mean(t: tf.Tensor): Promise<number> {
  const m = tf.mean(t);
  const [v] = await m.data();
  tf.dispose([t, m]);
  return v;
}

function gaussianSample(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => MEAN + Math.sqrt(VAR) * rng.normal());
}

describe('NCSN loss weighting λ(σ) = σ²', () => {
  /*
   * At the exact score, E[λ(σ) ℓ(σ)] = ½ E[(σ s_σ(x̃) + z)²] = ½ (1 − σ² E_q[s_σ²]) = ½ v/(v + σ²) for Gaussian data
   * (objectives.ts derives it). So with λ = σ² every level costs between 0 and ½, from σ = 0.01 to σ = 10. With
   * λ = 1 the smallest level would cost ½ v/(v + σ²)/σ² ≈ 5000, with λ = σ about 50: a wrong weighting fails here.
   */
  it('makes every level cost ½ v/(v + σ²) ≤ ½ at the exact score', async () => {
    const n = 20_000;
    const x = gaussianSample(n, 1);
    const rng = createRng(2);
    const zs = Float32Array.from({ length: n }, () => rng.normal());
    const z = tf.tensor1d(zs);
    for (const sigma of [0.01, 0.05, 0.25, 1, 4, 10]) {
      const input = rows(x, sigma, zs);
      const loss = await mean(perSampleLoss('ncsn', oracle, { input, z }));
      // Monte Carlo error: the per-sample loss ½Y², Y ≈ N(0, ≤1), has std ≤ 0.71, so ≤ 0.005 at n = 20000.
      expect(Math.abs(loss - (0.5 * VAR) / (VAR + sigma * sigma))).toBeLessThan(0.02);
      expect(loss).toBeLessThan(0.52);
      input.dispose();
    }
    z.dispose();
  });

  it('draws the levels uniformly and geometrically spaced, σ_1 = σ_max > … > σ_L = σ_min', async () => {
    const config = gaussianConfig({ objective: 'ncsn', smin: 0.01, smax: 10, levels: 4, batch: 40_000 });
    const sigmas = trainingSigmas(config);
    expect(sigmas[0]).toBeCloseTo(10, 10);
    expect(sigmas[3]).toBeCloseTo(0.01, 10);
    expect(sigmas[1] / sigmas[0]).toBeCloseTo(sigmas[3] / sigmas[2], 10);
    const batch = new BatchSource(config, null).next();
    for (const level of sigmas) {
      const share = batch.sigma.filter((s) => Math.abs(s - level) < 1e-6 * level).length / batch.sigma.length;
      expect(Math.abs(share - 0.25)).toBeLessThan(0.01); // binomial std 0.002
    }
    // The batch's input rows are [x + σz, log σ] for its own x, σ and z.
    const z = batch.z as Float32Array;
    const expectedRows = inputRows(
      batch.x.map((v, i) => v + batch.sigma[i] * z[i]),
      batch.sigma,
    );
    batch.input.forEach((v, i) => expect(v).toBeCloseTo(expectedRows[i], 5));
    // The whole batch at the exact score: the mean over levels of ½ v/(v + σ_i²).
    const expected = sigmas.reduce((sum, s) => sum + (0.5 * VAR) / (VAR + s * s), 0) / sigmas.length;
    const input = tf.tensor2d(batch.input, [batch.x.length, 2]);
    const zt = tf.tensor1d(z);
    const loss = await mean(batchLoss('ncsn', oracle, { input, z: zt }));
    tf.dispose([input, zt]);
    expect(Math.abs(loss - expected)).toBeLessThan(0.01);
  });
});

describe('implicit score matching', () => {
  /*
   * ISM = ESM − ½ E_p[s²] for every network (integration by parts), and E_p[s²] = 1/v for N(m, v). So on the same
   * samples ISM − ESM ≈ −1/(2v) = −2 whatever the weights: checks the sign and the input derivative of ISM.
   */
  it('differs from explicit score matching by the constant −½ E_p[s²]', async () => {
    const n = 20_000;
    const xs = gaussianSample(n, 3);
    const input = rows(xs, 1);
    const sigma = tf.fill([n], 1) as tf.Tensor1D;
    const target = tf.tensor1d(xs.map((v) => -(v - MEAN) / VAR));
    for (const seed of [1, 2, 3]) {
      const net = ScoreNet.init({ width: 8, depth: 2 }, streamRng(seed, 'init'));
      const ism = await mean(perSampleLoss('ism', net, { input, sigma }));
      const esm = await mean(perSampleLoss('esm', net, { input, sigma, target }));
      expect(ism - esm).toBeCloseTo(-1 / (2 * VAR), 1);
      net.dispose();
    }
    // At the exact score (the oracle at σ → 0 is the score of p), ESM is 0 and ISM is its minimum −1/(2v).
    const tiny = tf.fill([n], 1e-6) as tf.Tensor1D;
    const exact = rows(xs, 1e-6);
    expect(await mean(perSampleLoss('esm', oracle, { input: exact, sigma: tiny, target }))).toBeLessThan(
      1e-4,
    );
    expect(await mean(perSampleLoss('ism', oracle, { input: exact, sigma: tiny }))).toBeCloseTo(
      -1 / (2 * VAR),
      1,
    );
    tf.dispose([input, sigma, target, tiny, exact]);
  });
});
