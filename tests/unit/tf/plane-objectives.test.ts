/**
 * The plane's losses against each other, where theory says how they must relate:
 *   ISM = ESM − ½ E_q|s|²  (a constant free of θ), so ISM(θ₁) − ISM(θ₂) = ESM(θ₁) − ESM(θ₂) in expectation;
 *   E_v[SSM] = ISM for any directions with E[v vᵀ] = I (and for the variance-reduced form).
 * Both are checked per sample on the same draws (paired), against the Monte-Carlo standard error of the paired
 * differences, and each check is shown to catch a deliberate mistake of the kind it guards against.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIXTURE_2D } from '../../../src/engine/plane';
import { tf } from '../../../src/engine/tf/core';
import type { ParamArray } from '../../../src/engine/tf/net';
import {
  DEFAULT_PLANE_TRAIN_CONFIG,
  PlaneBatchSource,
  PlaneTrainer,
  VectorScoreNet,
  isotropicPairData,
  mixture2Data,
  planeBatchTensors,
  planePerSampleLoss,
  type PlaneBatchTensors,
  type PlaneTrainConfig,
  type ProjectionKind,
  type ScoreData,
} from '../../../src/engine/tf/plane';
import { streamRng } from '../../../src/engine/training/streams';
import { useWasm } from './helpers';

beforeAll(useWasm);

const SIGMA = 0.5;
/** The data of every check (one object each, so each trained network below is made once). */
const plane = mixture2Data(DEFAULT_MIXTURE_2D);
const wide = isotropicPairData(8);

function batchOf(data: ScoreData, overrides: Partial<PlaneTrainConfig>, seed: number) {
  const config = { ...DEFAULT_PLANE_TRAIN_CONFIG, sigma: SIGMA, ...overrides };
  return new PlaneBatchSource(config, data, streamRng(seed, 'train')).next();
}

function perSample(
  objective: PlaneTrainConfig['objective'],
  net: VectorScoreNet,
  b: PlaneBatchTensors,
  varianceReduced = false,
): Float32Array {
  return tf.tidy(() => planePerSampleLoss(objective, net, b, varianceReduced)).dataSync() as Float32Array;
}

/** Mean and standard error of a per-sample series. */
function meanAndError(values: ArrayLike<number>): { mean: number; se: number } {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, se: Math.sqrt(ss / (n - 1) / n) };
}

/** A seeded random network in D dimensions. */
function randomNet(dim: number, seed = 21): VectorScoreNet {
  return VectorScoreNet.init({ dim, width: 32, depth: 2 }, streamRng(seed, 'init'));
}

const trainedParams = new Map<ScoreData, Promise<ParamArray[]>>();

/**
 * A network whose score, like the true one, contracts, so that E tr ∇s_θ is clearly negative: 120 ESM steps
 * (made once per data and shared). A fresh random network's expected trace is near 0, so a check that passes
 * for it would not notice a trace that is missing or mis-scaled.
 */
async function trainedNet(data: ScoreData): Promise<VectorScoreNet> {
  let params = trainedParams.get(data);
  if (!params) {
    const config = {
      ...DEFAULT_PLANE_TRAIN_CONFIG,
      objective: 'esm' as const,
      sigma: SIGMA,
      width: 32,
      batch: 256,
    };
    const trainer = new PlaneTrainer({ ...config, lr: 1e-2 }, data);
    params = trainer.train(120).then(async () => {
      const values = await trainer.net.readParams();
      trainer.dispose();
      return values;
    });
    trainedParams.set(data, params);
  }
  return VectorScoreNet.fromParams({ dim: data.dim, width: 32, depth: 2 }, await params);
}

/** Two settings far apart in both loss and trace: the trained network and a fresh random one. */
async function twoSettings(data: ScoreData): Promise<[VectorScoreNet, VectorScoreNet]> {
  return [await trainedNet(data), randomNet(data.dim, 22)];
}

/**
 * z-scores of the paired difference [ISM(θ₁) − ISM(θ₂)] − [ESM(θ₁) − ESM(θ₂)], of the same with the trace left
 * out of ISM (a deliberate mistake), and of ESM(θ₁) − ESM(θ₂) alone (the gap there is to reproduce).
 */
async function ismEsmCheck(data: ScoreData, n: number) {
  const b = planeBatchTensors(batchOf(data, { objective: 'esm', batch: n }, 3));
  const [a, c] = await twoSettings(data);
  const halfSquare = (net: VectorScoreNet) =>
    Float32Array.from(
      tf.tidy(() => tf.sum(tf.square(tf.div(net.apply(b.input), b.sigma)), 1).dataSync()),
      (s) => 0.5 * s,
    );
  const [ismA, ismC, esmA, esmC] = [
    perSample('ism', a, b),
    perSample('ism', c, b),
    perSample('esm', a, b),
    perSample('esm', c, b),
  ];
  const [halfA, halfC] = [halfSquare(a), halfSquare(c)];
  const z = (values: Float32Array) => {
    const d = meanAndError(values);
    return Math.abs(d.mean) / d.se;
  };
  const result = {
    exact: z(ismA.map((v, i) => v - ismC[i] - (esmA[i] - esmC[i]))),
    dropped: z(halfA.map((v, i) => v - halfC[i] - (esmA[i] - esmC[i]))),
    esmGap: z(esmA.map((v, i) => v - esmC[i])),
  };
  tf.dispose([b.input, b.sigma, b.target as tf.Tensor]);
  a.dispose();
  c.dispose();
  return result;
}

/** z-score of mean(SSM − ISM) over the same points, for directions drawn by the batch source, optionally scaled. */
async function ssmIsmCheck(data: ScoreData, kind: ProjectionKind, varianceReduced: boolean, scale = 1) {
  const projections = data.dim > 2 ? 4 : 8;
  const raw = batchOf(data, { objective: 'ssm', batch: 3000, projection: kind, projections }, 5);
  raw.directions = raw.directions?.map((v) => v.map((x) => scale * x));
  const b = planeBatchTensors(raw);
  const net = await trainedNet(data);
  const ssm = perSample('ssm', net, b, varianceReduced);
  const ism = perSample('ism', net, b);
  const d = meanAndError(ssm.map((v, i) => v - ism[i]));
  tf.dispose([b.input, b.sigma, ...(b.directions ?? [])]);
  net.dispose();
  return Math.abs(d.mean) / d.se;
}

describe('ISM equals ESM up to a constant free of θ', () => {
  it.each([
    ['the 2D default mixture', plane, 20_000],
    ['an isotropic pair in 8 dimensions', wide, 4000],
  ])('%s: the two losses change alike between two parameter settings', async (_, data, n) => {
    const z = await ismEsmCheck(data, n);
    // The ESM gap is large and real (the test has something to detect) …
    expect(z.esmGap).toBeGreaterThan(10);
    // … ISM reproduces it within 4 standard errors of the paired difference …
    expect(z.exact).toBeLessThan(4);
    // … and ISM without its trace term does not (z ≈ 8 in 2D, ≈ 60 in 8D, where the trace sums 8 terms).
    expect(z.dropped).toBeGreaterThan(6);
  });
});

describe('SSM is an unbiased estimate of ISM', () => {
  it.each([
    ['gaussian', false],
    ['rademacher', false],
    ['gaussian', true],
    ['rademacher', true],
  ] as const)(
    '%s projections, variance-reduced %s: mean(SSM − ISM) is within sampling error of 0',
    async (kind, vr) => {
      expect(await ssmIsmCheck(plane, kind, vr)).toBeLessThan(4);
    },
  );

  it('in 8 dimensions too, and directions with E[v vᵀ] = 2I are caught', async () => {
    expect(await ssmIsmCheck(wide, 'rademacher', false)).toBeLessThan(4);
    expect(await ssmIsmCheck(wide, 'gaussian', true)).toBeLessThan(4);
    expect(await ssmIsmCheck(wide, 'rademacher', false, Math.SQRT2)).toBeGreaterThan(8);
  });
});
