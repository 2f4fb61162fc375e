/**
 * How close the learned score is to the truth, level by level (SCIENCE.md §3):
 *   D(σ) = ½ ∫ q_σ(x) (s_θ(x, σ) − s_σ(x))² dx,
 * with the ½ of SCIENCE.md, the slides and the ESM loss (so D is the ESM loss on q_σ, and equals it at σ = 0),
 * with q_σ the mixture blurred by noise σ (perturbMixture) and s_σ its exact score, by the trapezoid rule on a
 * grid spanning q_σ's plotting range (every component out to ±4 of its widened std; the mass left outside is
 * below 1e-4). All levels' learned scores come from one batched forward pass and one readback.
 *
 * With a finite training set the denoising objectives fit the kernel-density estimate q̂_σ of the training points,
 * not q_σ; its score is returned beside the exact one so the page can show the network following it at small σ.
 */
import { linspace, mapGrid, trapezoid } from '../grid';
import { kdeOnGrid } from '../kde';
import { mixturePdf, mixtureScore, perturbMixture, plotRange } from '../mixture';
import { evaluationLevels, type TrainConfig } from '../training/config';
import { tf } from './core';
import { inputRows, scoreOf, type NetFunction } from './net';

export const MIN_POINTS = 101;
export const MAX_POINTS = 4001;
export const DEFAULT_POINTS = 401;

export interface EvaluationOptions {
  /** The level whose curves are returned (index into sigmas, 0 = largest σ); clamped; default 0. */
  level?: number;
  /** Grid points per level (default 401, clamped to [101, 4001]). */
  points?: number;
}

export interface LevelCurves {
  level: number;
  /** Noise level of the target density (0 = the data density p itself). */
  sigma: number;
  /** The σ given to the network. */
  sigmaInput: number;
  x: number[];
  /** s_θ(x, σ_input). */
  learned: number[];
  /** The exact score of q_σ. */
  exact: number[];
  /** q_σ(x), to shade beneath (error lives where it is small). */
  q: number[];
  /**
   * Score and density of the kernel-density estimate of the training set at σ: only with a training set
   * (data > 0), σ > 0, and data × points ≤ KDE_BUDGET.
   */
  kde?: { score: number[]; q: number[] };
}

export interface Evaluation {
  /** Noise level of each level's target density, σ_1 > … > σ_L; 0 means p itself (esm, ism). */
  sigmas: number[];
  /** The σ input of the network at each level. */
  sigmaInputs: number[];
  /** D(σ_i) = ½ ∫ q (s_θ − s)² for every level. */
  fisher: number[];
  /** Mean of fisher over levels. */
  meanFisher: number;
  curves: LevelCurves;
}

export function gridFor(config: TrainConfig, sigmaTarget: number, points = DEFAULT_POINTS): Float64Array {
  const [lo, hi] = plotRange(perturbMixture(config.mixture, sigmaTarget));
  const n = Math.round(Math.min(MAX_POINTS, Math.max(MIN_POINTS, points)));
  return linspace(lo, hi, n);
}

/** Rows per forward pass in learnedScores: bounds the activations' memory (rows × width floats per layer). */
export const SCORE_SLICE = 65_536;

/**
 * s_θ(x, σ) at the given points for one σ: one readback per slice of SCORE_SLICE points, so that a sampling page
 * can ask for a million particles without a million-row activation matrix.
 */
export async function learnedScores(
  net: NetFunction,
  xs: ArrayLike<number>,
  sigma: number,
): Promise<Float32Array> {
  const out = new Float32Array(xs.length);
  const rows = inputRows(xs, sigma);
  for (let start = 0; start < xs.length; start += SCORE_SLICE) {
    const n = Math.min(SCORE_SLICE, xs.length - start);
    const scores = tf.tidy(() =>
      scoreOf(
        net,
        tf.tensor2d(rows.subarray(2 * start, 2 * (start + n)), [n, 2]),
        tf.fill([n], sigma) as tf.Tensor1D,
      ),
    );
    try {
      out.set(await scores.data(), start);
    } finally {
      scores.dispose();
    }
  }
  return out;
}

/** Exact curves per configuration object and (σ, grid): they never change during a run, evaluations repeat. */
const exactCache = new WeakMap<TrainConfig, Map<string, { exact: Float64Array; q: Float64Array }>>();

/** The exact score and density of q_σ on a grid. */
function exactOnGrid(
  config: TrainConfig,
  sigma: number,
  x: Float64Array,
): { exact: Float64Array; q: Float64Array } {
  let byGrid = exactCache.get(config);
  if (!byGrid) exactCache.set(config, (byGrid = new Map()));
  const key = `${sigma}|${x.length}|${x[0]}|${x[x.length - 1]}`;
  let hit = byGrid.get(key);
  if (!hit) {
    const blurred = perturbMixture(config.mixture, sigma);
    hit = {
      exact: mapGrid(x, (v) => mixtureScore(blurred, v)),
      q: mapGrid(x, (v) => mixturePdf(blurred, v)),
    };
    byGrid.set(key, hit);
  }
  return hit;
}

/** The kernel-density score and density of the training set at σ on a grid, or null when there is none. */
export type KdeProvider = (sigma: number, x: Float64Array) => { score: number[]; q: number[] } | null;

/** Kernel evaluations above which the KDE curve is skipped (it is O(data × points) and must not stall a frame). */
export const KDE_BUDGET = 2e7;

/** A KdeProvider for a fixed training set (null set: none), computing each (σ, grid) once. */
export function cachedKde(dataset: Float64Array | null): KdeProvider {
  const cache = new Map<string, { score: number[]; q: number[] }>();
  return (sigma, x) => {
    if (!dataset || dataset.length === 0 || !(sigma > 0) || dataset.length * x.length > KDE_BUDGET)
      return null;
    const key = `${sigma}|${x.length}|${x[0]}|${x[x.length - 1]}`;
    let hit = cache.get(key);
    if (!hit) {
      const kde = kdeOnGrid(dataset, sigma, x);
      hit = { score: Array.from(kde.score), q: Array.from(kde.density) };
      cache.set(key, hit);
    }
    return hit;
  };
}

export async function evaluateNet(
  net: NetFunction,
  config: TrainConfig,
  options: EvaluationOptions = {},
  kde: KdeProvider = () => null,
): Promise<Evaluation> {
  const levels = evaluationLevels(config);
  const grids = levels.map((l) => gridFor(config, l.sigmaTarget, options.points));

  // One forward pass over every level's grid: x and σ concatenated, shape [Σ n_i].
  const total = grids.reduce((sum, g) => sum + g.length, 0);
  const xs = new Float32Array(total);
  const sig = new Float32Array(total);
  let offset = 0;
  levels.forEach((l, i) => {
    xs.set(grids[i], offset);
    sig.fill(l.sigmaInput, offset, offset + grids[i].length);
    offset += grids[i].length;
  });
  const learnedTensor = tf.tidy(() =>
    scoreOf(net, tf.tensor2d(inputRows(xs, sig), [total, 2]), tf.tensor1d(sig)),
  );
  let learnedAll: Float32Array;
  try {
    learnedAll = (await learnedTensor.data()) as Float32Array;
  } finally {
    learnedTensor.dispose();
  }

  const fisher: number[] = [];
  offset = 0;
  for (let i = 0; i < levels.length; i++) {
    const x = grids[i];
    const learned = learnedAll.subarray(offset, offset + x.length);
    offset += x.length;
    const { exact, q } = exactOnGrid(config, levels[i].sigmaTarget, x);
    fisher.push(
      0.5 *
        trapezoid(
          x,
          q.map((qv, j) => qv * (learned[j] - exact[j]) ** 2),
        ),
    );
  }

  const chosen = Math.min(levels.length - 1, Math.max(0, Math.round(options.level ?? 0)));
  const start = grids.slice(0, chosen).reduce((sum, g) => sum + g.length, 0);
  const x = grids[chosen];
  const { sigmaTarget, sigmaInput } = levels[chosen];
  const { exact, q } = exactOnGrid(config, sigmaTarget, x);
  const curves: LevelCurves = {
    level: chosen,
    sigma: sigmaTarget,
    sigmaInput,
    x: Array.from(x),
    learned: Array.from(learnedAll.subarray(start, start + x.length)),
    exact: Array.from(exact),
    q: Array.from(q),
  };
  const kdeCurve = kde(sigmaTarget, x);
  if (kdeCurve) curves.kde = kdeCurve;

  return {
    sigmas: levels.map((l) => l.sigmaTarget),
    sigmaInputs: levels.map((l) => l.sigmaInput),
    fisher,
    meanFisher: fisher.reduce((a, b) => a + b, 0) / fisher.length,
    curves,
  };
}
