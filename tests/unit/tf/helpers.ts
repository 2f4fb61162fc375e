/** Shared set-up for the TensorFlow.js engine tests: the CPU backend and a single-Gaussian toy. */
import { initBackend } from '../../../src/engine/tf/backend';
import { tf } from '../../../src/engine/tf/core';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../../src/engine/training/config';
import type { Evaluation } from '../../../src/engine/tf/evaluate';

/** The CPU backend, through the same entry the app uses (must not touch wasm/WebGPU in Node). */
export function useCpu(): Promise<unknown> {
  return initBackend('cpu');
}

/**
 * TensorFlow.js's wasm backend, single-threaded with SIMD as the app runs it in a browser, for the test files that
 * train networks for hundreds of steps: learning.test.ts took 13.9 s on it against 30.4 s on the CPU backend
 * (this 2-core machine, one run each). Loaded directly rather than through initBackend, whose wasm paths are the
 * app's bundled URLs; in Node the package finds its binaries beside itself.
 */
export async function useWasm(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('The wasm backend did not start in Node.');
  await tf.ready();
}

/** Data N(1, 0.5²): every q_σ is N(1, v + σ²) with v = 0.25, and its score is −(x − 1)/(v + σ²). */
export const MEAN = 1;
export const VAR = 0.25;

export function gaussianConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    ...DEFAULT_TRAIN_CONFIG,
    mixture: [{ weight: 1, mean: MEAN, std: Math.sqrt(VAR) }],
    width: 16,
    depth: 2,
    batch: 128,
    lr: 3e-3,
    smin: 0.25,
    smax: 2,
    levels: 3,
    data: 0,
    seed: 7,
    ...overrides,
  };
}

/**
 * The p-weighted RMS error of the learned score relative to the RMS of the exact one, per level:
 *   √(2 D(σ) / E_q[s_σ²]),   E_q[s_σ²] = 1/(v + σ²) for Gaussian data
 * (D is the Fisher divergence ½ ∫ q_σ (s_θ − s_σ)², so this weighs the error by where the density is).
 */
export function relativeErrors(e: Evaluation): number[] {
  return e.fisher.map((d, i) => Math.sqrt(2 * d * (VAR + e.sigmas[i] ** 2)));
}
