/**
 * The sampling2d page's read-outs for a cloud stored interleaved [x₀, y₀, x₁, y₁, …]: mode weights (mean
 * responsibilities, to compare with π), mean and covariance (to compare with the mixture's own), and the sliced W1
 * to the exact mixture (SCIENCE.md §11) with the noise floor that n exact samples would show.
 *
 * Sliced W1 sorts the projected cloud once per direction, so above `maxSliced` points it is measured on an evenly
 * strided subset of that many (the particles are exchangeable, so a stride is as good as a random subset), and the
 * floor reported is the floor for the subset's size: the two are always compared at the same n.
 */
import { cloudMoments, modeWeights2, slicedW1, slicedW1NoiseFloor } from './slices';
import { mixtureMoments2, type Gaussian2, type Mixture2 } from './mixture2';
import type { Cloud2 } from './sample2';

export const DEFAULT_MAX_SLICED = 2000;
/**
 * Directions of the sliced W1. Each direction's exact W1 costs a sort and a CDF and its integral per point (about
 * 7 µs per point and direction measured on the 2-core test machine), so 16 directions on 2000 points take about a
 * quarter of a second in the worker; 64 would block its stepping for a second at every read-out.
 */
export const SLICE_DIRECTIONS = 16;

export interface PlaneCloudMetrics {
  n: number;
  modeWeights: number[];
  /** Sliced W1 over SLICE_DIRECTIONS directions, on `slicedN` of the points. */
  sw1: number;
  /** E sW1 of `slicedN` exact samples (slicedW1NoiseFloor). */
  sw1Floor: number;
  slicedN: number;
  mean: [number, number];
  cov: [[number, number], [number, number]];
  exactMean: [number, number];
  exactCov: [[number, number], [number, number]];
  /** Points with a non-finite coordinate (a diverged sampler); the other figures ignore nothing else. */
  nonFinite: number;
}

/** Splits interleaved pairs into a Cloud2, keeping every `stride`-th point. */
export function cloudOfPairs(pairs: ArrayLike<number>, stride = 1): Cloud2 {
  const n = Math.floor(pairs.length / 2);
  const m = Math.ceil(n / stride);
  const xs = new Float64Array(m);
  const ys = new Float64Array(m);
  for (let i = 0, j = 0; i < n; i += stride, j++) {
    xs[j] = pairs[2 * i];
    ys[j] = pairs[2 * i + 1];
  }
  return { xs, ys };
}

const asPair = (g: Gaussian2): [number, number] => [g.mx, g.my];
const asMatrix = (g: Gaussian2): [[number, number], [number, number]] => [
  [g.vxx, g.vxy],
  [g.vxy, g.vyy],
];

const floors = new Map<string, number>();

/** The noise floor, cached: it depends only on the mixture and the subset size and costs ~10⁵ CDF calls. */
function floorFor(mixture: Mixture2, n: number, seed: number): number {
  const key = `${JSON.stringify(mixture)}|${n}|${seed}`;
  let floor = floors.get(key);
  if (floor === undefined) {
    if (floors.size > 32) floors.clear();
    floor = slicedW1NoiseFloor(mixture, n, { seed, directions: SLICE_DIRECTIONS });
    floors.set(key, floor);
  }
  return floor;
}

export function planeCloudMetrics(
  pairs: ArrayLike<number>,
  mixture: Mixture2,
  options: { maxSliced?: number; seed?: number } = {},
): PlaneCloudMetrics {
  const cloud = cloudOfPairs(pairs);
  const n = cloud.xs.length;
  let nonFinite = 0;
  for (let i = 0; i < n; i++) if (!Number.isFinite(cloud.xs[i]) || !Number.isFinite(cloud.ys[i])) nonFinite++;
  const maxSliced = options.maxSliced ?? DEFAULT_MAX_SLICED;
  const seed = options.seed ?? 0;
  const stride = Math.max(1, Math.ceil(n / maxSliced));
  const subset = stride === 1 ? cloud : cloudOfPairs(pairs, stride);
  const slicedN = subset.xs.length;
  const moments = cloudMoments(cloud);
  const exact = mixtureMoments2(mixture);
  return {
    n,
    modeWeights: modeWeights2(cloud, mixture),
    sw1: nonFinite > 0 ? NaN : slicedW1(subset, mixture, { seed, directions: SLICE_DIRECTIONS }),
    sw1Floor: floorFor(mixture, slicedN, seed),
    slicedN,
    mean: asPair(moments),
    cov: asMatrix(moments),
    exactMean: asPair(exact),
    exactCov: asMatrix(exact),
    nonFinite,
  };
}
