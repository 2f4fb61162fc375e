/**
 * Comparing a cloud of points in the plane with the exact mixture (SCIENCE.md §11).
 *
 * Along a unit direction u the mixture's projection uᵀx is an exact 1D mixture: component k becomes
 * N(uᵀμ_k, uᵀΣ_k u) with the same weight. So each slice's W1 is computed against the truth with the 1D machinery,
 * and the sliced W1 is their average over a fixed set of directions.
 */
import { mixtureCdf, plotRange, type Mixture } from '../mixture';
import { wasserstein1 } from '../metrics';
import { createRng } from '../rng';
import { covarianceOf, PreparedMixture2, type Gaussian2, type Mixture2 } from './mixture2';
import type { Cloud2 } from './sample2';

/** The 1D mixture of uᵀx for x ~ p, u = (ux, uy) of unit length. */
export function projectMixture2(mixture: Mixture2, ux: number, uy: number): Mixture {
  return mixture.map((c) => {
    const g = covarianceOf(c);
    const variance = ux * ux * g.vxx + 2 * ux * uy * g.vxy + uy * uy * g.vyy;
    return { weight: c.weight, mean: ux * c.mx + uy * c.my, std: Math.sqrt(variance) };
  });
}

export function projectCloud(cloud: Cloud2, ux: number, uy: number): Float64Array {
  const out = new Float64Array(cloud.xs.length);
  for (let i = 0; i < out.length; i++) out[i] = ux * cloud.xs[i] + uy * cloud.ys[i];
  return out;
}

/**
 * `count` unit directions: angles evenly spaced over a half turn (u and −u give the same W1), the whole fan rotated
 * by a seeded random angle. Evenly spaced angles average over the circle with less variance than independent ones;
 * the seed fixes which fan, so the same link always measures with the same directions.
 */
export function sliceDirections(count: number, seed: number): Array<[number, number]> {
  const offset = createRng(seed).uniform() * (Math.PI / count);
  const out: Array<[number, number]> = [];
  for (let j = 0; j < count; j++) {
    const angle = offset + (Math.PI * j) / count;
    out.push([Math.cos(angle), Math.sin(angle)]);
  }
  return out;
}

export interface SlicedOptions {
  /** Number of directions (SCIENCE.md suggests 64). */
  directions?: number;
  seed?: number;
}

/** Sliced W1: the mean over directions u of W1(uᵀ cloud, uᵀ p), each slice exact against the projected mixture. */
export function slicedW1(cloud: Cloud2, mixture: Mixture2, options: SlicedOptions = {}): number {
  const directions = sliceDirections(options.directions ?? 64, options.seed ?? 0);
  let total = 0;
  for (const [ux, uy] of directions) {
    total += wasserstein1(projectCloud(cloud, ux, uy), projectMixture2(mixture, ux, uy));
  }
  return total / directions.length;
}

/**
 * The sliced W1 that n exact samples give on average: the noise floor below which no sampler can be judged.
 * For one slice with cdf F, √n (F_n − F) tends to a Brownian bridge B(F), and E|B(F)| = √(2/π) √(F(1 − F)), so
 * E W1 = E ∫ |F_n − F| dx ≈ √(2/(π n)) ∫ √(F(1 − F)) dx. (By Jensen, ∫ √(F(1 − F)/n) dx bounds it from above at
 * every n.) The integral is taken by the midpoint rule over each slice's plot range.
 */
export function slicedW1NoiseFloor(mixture: Mixture2, n: number, options: SlicedOptions = {}): number {
  const directions = sliceDirections(options.directions ?? 64, options.seed ?? 0);
  const cells = 2000;
  let total = 0;
  for (const [ux, uy] of directions) {
    const slice = projectMixture2(mixture, ux, uy);
    const [lo, hi] = plotRange(slice, 1);
    const h = (hi - lo) / cells;
    let integral = 0;
    for (let i = 0; i < cells; i++) {
      const f = mixtureCdf(slice, lo + (i + 0.5) * h);
      integral += Math.sqrt(Math.max(0, f * (1 - f))) * h;
    }
    total += integral;
  }
  return (Math.sqrt(2 / (Math.PI * n)) * total) / directions.length;
}

/** Mode weights: the mean responsibility of each component over the finite points of the cloud (compare with π). */
export function modeWeights2(cloud: Cloud2, mixture: Mixture2): number[] {
  const prepared = new PreparedMixture2(mixture);
  const r = new Float64Array(mixture.length);
  const totals = new Array<number>(mixture.length).fill(0);
  let counted = 0;
  for (let i = 0; i < cloud.xs.length; i++) {
    const x = cloud.xs[i];
    const y = cloud.ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    prepared.responsibilities(x, y, r);
    for (let k = 0; k < r.length; k++) totals[k] += r[k];
    counted++;
  }
  return totals.map((t) => (counted > 0 ? t / counted : NaN));
}

/** Sample mean and (population) covariance of the cloud. */
export function cloudMoments(cloud: Cloud2): Gaussian2 {
  const n = cloud.xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += cloud.xs[i];
    my += cloud.ys[i];
  }
  mx /= n;
  my /= n;
  let vxx = 0;
  let vxy = 0;
  let vyy = 0;
  for (let i = 0; i < n; i++) {
    const dx = cloud.xs[i] - mx;
    const dy = cloud.ys[i] - my;
    vxx += dx * dx;
    vxy += dx * dy;
    vyy += dy * dy;
  }
  return { mx, my, vxx: vxx / n, vxy: vxy / n, vyy: vyy / n };
}
