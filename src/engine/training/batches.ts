/**
 * The training data and the per-step draws, all from seeded generators in plain JavaScript: the same seed gives
 * the same batches and noise on every backend, so runs on WebGPU, wasm and CPU differ only by arithmetic.
 *
 * One step needs, for n = batch samples:
 *   x      clean samples: drawn with replacement from the fixed training set (data > 0), or fresh from p (data = 0)
 *   sigma  the level of each sample: uniform over the L levels (ncsn), else σ_min                       [n]
 *   z      N(0,1) noise for the denoising objectives                                                   [n]
 *   input  the network's input rows [x̃, log σ] with x̃ = x + σz (ncsn, dsm) or x̃ = x (esm, ism)          [n, 2]
 *   target the exact score of p at x (esm only)                                                        [n]
 * The noisy point and the rows are formed here in JavaScript: it costs microseconds, and saves the device a
 * stack of two [n] tensors into [n, 2], a slow op on the wasm backend.
 */
import { mixtureScore, sampleMixture, type Mixture } from '../mixture';
import type { Rng } from '../rng';
import { trainingSigmas, type TrainConfig } from './config';
import { streamRng } from './streams';

export interface TrainingBatch {
  /** Clean samples [n]. */
  x: Float32Array;
  sigma: Float32Array;
  /** Row-major [n, 2]: x̃_i, log σ_i. */
  input: Float32Array;
  z?: Float32Array;
  target?: Float32Array;
}

/**
 * n clean samples for one batch: drawn with replacement from the fixed training set when there is one, else fresh
 * from the mixture — the draw every objective's batches start with.
 */
export function cleanBatch(
  rng: Rng,
  mixture: Mixture,
  dataset: Float64Array | null,
  n: number,
): Float32Array {
  const x = new Float32Array(n);
  if (dataset && dataset.length > 0) {
    for (let i = 0; i < n; i++) x[i] = dataset[Math.floor(rng.uniform() * dataset.length)];
  } else {
    x.set(sampleMixture(mixture, n, rng));
  }
  return x;
}

/** The fixed training set of a run: `size` samples of p from the data stream of (seed, generation). */
export function trainingSet(config: TrainConfig, generation: number): Float64Array | null {
  if (config.data <= 0) return null;
  return sampleMixture(config.mixture, config.data, streamRng(config.seed, 'data', generation));
}

export class BatchSource {
  private readonly rng: Rng;
  private readonly mixture: Mixture;
  private readonly sigmas: Float32Array;
  private readonly logSigmas: Float32Array;
  private readonly objective: TrainConfig['objective'];
  private readonly batch: number;
  /** The training set, or null for fresh samples every step. Replaceable (regenerate). */
  dataset: Float64Array | null;

  /** `rng`: the training stream of the seed unless given (the held-out batch draws from its own). */
  constructor(config: TrainConfig, dataset: Float64Array | null, rng: Rng = streamRng(config.seed, 'train')) {
    this.rng = rng;
    this.mixture = config.mixture;
    this.sigmas = Float32Array.from(trainingSigmas(config));
    this.logSigmas = this.sigmas.map(Math.log);
    this.objective = config.objective;
    this.batch = config.batch;
    this.dataset = dataset;
  }

  next(): TrainingBatch {
    const n = this.batch;
    const rng = this.rng;
    const x = cleanBatch(rng, this.mixture, this.dataset, n);

    const sigma = new Float32Array(n);
    const input = new Float32Array(2 * n);
    const levels = this.sigmas;
    for (let i = 0; i < n; i++) {
      const k = levels.length === 1 ? 0 : Math.floor(rng.uniform() * levels.length);
      sigma[i] = levels[k];
      input[2 * i] = x[i];
      input[2 * i + 1] = this.logSigmas[k];
    }

    const batch: TrainingBatch = { x, sigma, input };
    if (this.objective === 'ncsn' || this.objective === 'dsm') {
      const z = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        z[i] = rng.normal();
        input[2 * i] = x[i] + sigma[i] * z[i];
      }
      batch.z = z;
    }
    if (this.objective === 'esm') {
      const target = new Float32Array(n);
      for (let i = 0; i < n; i++) target[i] = mixtureScore(this.mixture, x[i]);
      batch.target = target;
    }
    return batch;
  }
}
