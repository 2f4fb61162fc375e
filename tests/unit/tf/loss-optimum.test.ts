/**
 * What each objective's loss reads at the optimum, through the engine's own loss code (objectives.ts) on the
 * engine's own batches (batches.ts), with the default mixture's exact score standing in for the network:
 * - ISM: E_p[½ s² + s′] = −½ E_p[s²] (integrate s′ against p by parts: E_p[s′] = −E_p[s²]), about −6.2 here —
 *   the number the train page's loss caption quotes;
 * - ESM: exactly 0;
 * - NCSN, DSM: the floor ½ (1 − σ² E_q[s_σ²]) per level, above 0 because the target −z/σ is random;
 * each against lossAtExactScore, which the train page's loss caption quotes,
 * and that the ESM loss and the page's Fisher divergence D carry the same ½ (D(0) = ESM loss of any network).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fisherInformation } from '../../../src/engine/dsm';
import { DEFAULT_MIXTURE, mixtureScore, perturbMixture, responsibilities } from '../../../src/engine/mixture';
import { BatchSource } from '../../../src/engine/training/batches';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../../src/engine/training/config';
import { tf } from '../../../src/engine/tf/core';
import { evaluateNet } from '../../../src/engine/tf/evaluate';
import { lossAtExactScore } from '../../../src/engine/training/lossAtOptimum';
import type { NetFunction } from '../../../src/engine/tf/net';
import { perSampleLoss } from '../../../src/engine/tf/objectives';
import { useCpu } from './helpers';

beforeAll(useCpu);

const N = 65_536;

/** s′(x) = Σ_k r_k a_k² − s² − Σ_k r_k/s_k², with a_k = (μ_k − x)/s_k² (since r_k′ = r_k (a_k − s)). */
function scoreSlope(x: number): number {
  const r = responsibilities(DEFAULT_MIXTURE, x);
  const s = mixtureScore(DEFAULT_MIXTURE, x);
  let out = -s * s;
  DEFAULT_MIXTURE.forEach((c, k) => {
    const v = c.std * c.std;
    out += r[k] * (((c.mean - x) / v) ** 2 - 1 / v);
  });
  return out;
}

/** A "network" whose s_θ(x, σ) = net/σ is f(x, σ): net = σ f(x, σ), ∂net/∂x = σ ∂f/∂x(x, σ). */
function functionNet(
  f: (x: number, sigma: number) => number,
  df: (x: number, sigma: number) => number,
): NetFunction {
  const columns = (input: tf.Tensor2D) => {
    const rows = input.dataSync();
    const n = rows.length / 2;
    const sigma = Float32Array.from({ length: n }, (_, i) => Math.exp(rows[2 * i + 1]));
    const x = Float32Array.from({ length: n }, (_, i) => rows[2 * i]);
    return { x, sigma };
  };
  return {
    apply(input) {
      const { x, sigma } = columns(input);
      return tf.tensor1d(x.map((v, i) => sigma[i] * f(v, sigma[i])));
    },
    applyWithDx(input) {
      const { x, sigma } = columns(input);
      return {
        value: tf.tensor1d(x.map((v, i) => sigma[i] * f(v, sigma[i]))),
        dx: tf.tensor1d(x.map((v, i) => sigma[i] * df(v, sigma[i]))),
      };
    },
  };
}

/** The exact score of p at every σ (what ESM and ISM should learn). */
const exactNet = functionNet(
  (x) => mixtureScore(DEFAULT_MIXTURE, x),
  (x) => scoreSlope(x),
);

/** The exact score of q_σ at level σ (what NCSN and DSM should learn); σ arrives as float32, rounded here. */
const levelCache = new Map<number, ReturnType<typeof perturbMixture>>();
const exactLevelNet = functionNet(
  (x, sigma) => {
    let q = levelCache.get(sigma);
    if (!q) levelCache.set(sigma, (q = perturbMixture(DEFAULT_MIXTURE, sigma)));
    return mixtureScore(q, x);
  },
  () => {
    throw new Error('not needed by the denoising losses');
  },
);

async function lossStats(objective: TrainConfig['objective'], net: NetFunction, seed: number) {
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, objective, batch: N, seed };
  const b = new BatchSource(config, null).next();
  const input = tf.tensor2d(b.input, [N, 2]);
  const sigma = tf.tensor1d(b.sigma);
  const target = b.target ? tf.tensor1d(b.target) : undefined;
  const z = b.z ? tf.tensor1d(b.z) : undefined;
  const loss = perSampleLoss(objective, net, { input, sigma, target, z });
  const values = await loss.data();
  tf.dispose([input, sigma, loss, ...(target ? [target] : []), ...(z ? [z] : [])]);
  let mean = 0;
  for (const v of values) mean += v / N;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  return { mean, stderr: Math.sqrt(sq / (N - 1) / N), config };
}

describe('losses at the optimum (default mixture)', () => {
  it('the slope formula agrees with finite differences of the score', () => {
    for (const x of [-2.3, -1, -0.82, 0, 1.1, 2.6]) {
      const h = 1e-5;
      const fd = (mixtureScore(DEFAULT_MIXTURE, x + h) - mixtureScore(DEFAULT_MIXTURE, x - h)) / (2 * h);
      expect(scoreSlope(x)).toBeCloseTo(fd, 4);
    }
  });

  it('ISM of the exact score is −½ E_p[s²] ≈ −6.2, within sampling error', async () => {
    const target = -0.5 * fisherInformation(DEFAULT_MIXTURE);
    expect(target).toBeCloseTo(-6.2, 3);
    const { mean, stderr, config } = await lossStats('ism', exactNet, 4);
    expect(lossAtExactScore(config)).toBe(target);
    console.info(
      `ISM loss of the exact score: ${mean.toFixed(4)} ± ${stderr.toFixed(4)} (closed form ${target})`,
    );
    expect(Math.abs(mean - target)).toBeLessThan(4.5 * stderr);
    // Sampling error is small next to the quoted value: the caption's one decimal is backed.
    expect(stderr).toBeLessThan(0.1);
  });

  it('ESM of the exact score is 0 (up to float32 rounding)', async () => {
    const { mean, config } = await lossStats('esm', exactNet, 5);
    expect(Math.abs(mean)).toBeLessThan(1e-9);
    expect(lossAtExactScore(config)).toBe(0);
  });

  for (const objective of ['dsm', 'ncsn'] as const) {
    it(`${objective.toUpperCase()} of the exact score of q_σ sits on its floor ½ (1 − σ² E_q[s_σ²]) > 0`, async () => {
      const { mean, stderr, config } = await lossStats(objective, exactLevelNet, 7);
      const floor = lossAtExactScore(config)!;
      console.info(
        `${objective} loss of the exact score: ${mean.toFixed(4)} ± ${stderr.toFixed(4)}, floor ${floor}`,
      );
      expect(floor).toBeGreaterThan(0.1);
      expect(Math.abs(mean - floor)).toBeLessThan(4.5 * stderr);
    });
  }

  it('the ESM loss and the Fisher divergence D(0) = ½ ∫ p (s_θ − s)² carry the same ½', async () => {
    // A wrong score, s_θ(x) = −x/2: the ESM loss is a Monte Carlo estimate of D(0), the page's read-out.
    const net = functionNet(
      (x) => -x / 2,
      () => -0.5,
    );
    const { mean, stderr, config } = await lossStats('esm', net, 6);
    const evaluation = await evaluateNet(net, { ...config, levels: 1 }, { points: 4001 });
    expect(evaluation.sigmas).toEqual([0]);
    const d = evaluation.fisher[0];
    console.info(`ESM loss ${mean.toFixed(4)} ± ${stderr.toFixed(4)}, D(0) = ${d.toFixed(4)}`);
    expect(Math.abs(mean - d)).toBeLessThan(4.5 * stderr);
    // Without the ½ in D the two would differ by a factor of 2, far beyond the sampling error.
    expect(stderr).toBeLessThan(0.05 * d);
  });
});
