/**
 * The kernel-density (Parzen window) estimate of a finite sample {x_1..x_n} with a Gaussian kernel of std σ:
 *   q̂_σ(x̃) = (1/n) Σ_i N(x̃; x_i, σ²),
 *   ∇ log q̂_σ(x̃) = Σ_i w_i(x̃) (x_i − x̃) / σ²,  w_i ∝ N(x̃; x_i, σ²).
 * It is q_σ with the data density replaced by the empirical one. As σ → 0 the weights concentrate on the
 * nearest sample and the score points straight at it: the estimate memorises its sample.
 */
import { logSumExp } from './special';

export interface KdeValue {
  density: number;
  logDensity: number;
  score: number;
}

export function kdeAt(samples: ArrayLike<number>, sigma: number, x: number): KdeValue {
  const n = samples.length;
  const logs = new Float64Array(n);
  const invTwoVar = 1 / (2 * sigma * sigma);
  for (let i = 0; i < n; i++) {
    const d = x - samples[i];
    logs[i] = -d * d * invTwoVar;
  }
  const lse = logSumExp(logs);
  let score = 0;
  for (let i = 0; i < n; i++) score += Math.exp(logs[i] - lse) * (samples[i] - x);
  score /= sigma * sigma;
  const logDensity = lse - Math.log(n) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
  return { density: Math.exp(logDensity), logDensity, score };
}

/** The estimate and its score at every grid point. */
export function kdeOnGrid(
  samples: ArrayLike<number>,
  sigma: number,
  xs: ArrayLike<number>,
): { density: Float64Array; score: Float64Array } {
  const density = new Float64Array(xs.length);
  const score = new Float64Array(xs.length);
  for (let j = 0; j < xs.length; j++) {
    const v = kdeAt(samples, sigma, xs[j]);
    density[j] = v.density;
    score[j] = v.score;
  }
  return { density, score };
}
