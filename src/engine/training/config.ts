/**
 * What a training run is: the objective, its noise levels, the network's size, the optimiser's settings,
 * the data and the seed. Plain data, so it goes through postMessage, into a saved model file and into a URL.
 */
import { logspace } from '../grid';
import { normalizeWeights, type Component } from '../mixture';
import { cleanProcessSpec, processSpecProblem, type ProcessSpec } from '../diffusion/processSpec';
import { TRAIN_OBJECTIVES, type TrainObjective } from './objectives';

export { OBJECTIVES, TRAIN_OBJECTIVES, type ObjectiveName, type TrainObjective } from './objectives';

export interface TrainConfig {
  objective: TrainObjective;
  /** Smallest noise level σ_min (ncsn, dsm) and the fixed σ input of the single-level objectives. */
  smin: number;
  /** Largest noise level σ_max (ncsn only). */
  smax: number;
  /** Number of noise levels L (ncsn only; the single-level objectives always have one). */
  levels: number;
  /** Hidden units per layer. */
  width: number;
  /** Number of hidden layers. */
  depth: number;
  /** Adam learning rate. */
  lr: number;
  /** Samples per training step. */
  batch: number;
  /** Size of the fixed training set; 0 = a fresh sample of the mixture every step. */
  data: number;
  /** Seed of every random draw: initial weights, training set, batches, noise. */
  seed: number;
  /** The data distribution. */
  mixture: Component[];
  /** The diffusion process an ε-prediction model (objective `eps`) is trained on; absent otherwise. */
  diffusion?: ProcessSpec;
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  objective: 'ncsn',
  smin: 0.05,
  smax: 5,
  levels: 10,
  width: 64,
  depth: 2,
  lr: 3e-3,
  batch: 512,
  data: 0,
  seed: 1,
  mixture: [
    { weight: 0.6, mean: 2, std: 0.5 },
    { weight: 0.4, mean: -2, std: 0.2 },
  ],
};

/** Bounds the engine accepts (the UI clamps URL values before they get here; these guard saved files too). */
export const CONFIG_LIMITS = {
  sigma: [1e-3, 100],
  levels: [1, 100],
  width: [1, 1024],
  depth: [1, 16],
  lr: [1e-6, 1],
  batch: [1, 65536],
  data: [0, 1_000_000],
  components: [1, 6],
} as const;

function inRange(value: unknown, [lo, hi]: readonly [number, number]): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= lo && value <= hi;
}

function isInteger(value: unknown, range: readonly [number, number]): value is number {
  return inRange(value, range) && Number.isInteger(value);
}

/**
 * Why a value is not a usable TrainConfig, or null when it is. Checks types, ranges and the mixture
 * (weights ≥ 0 with a positive sum, std > 0), so a hand-edited model file cannot reach the network.
 */
export function configProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'the configuration is not an object';
  const c = value as Record<string, unknown>;
  if (!TRAIN_OBJECTIVES.includes(c.objective as TrainObjective))
    return `objective must be one of ${TRAIN_OBJECTIVES.join(', ')}`;
  if (c.objective === 'eps') {
    const problem = processSpecProblem(c.diffusion);
    if (problem) return problem;
  }
  if (!inRange(c.smin, CONFIG_LIMITS.sigma)) return 'smin must be a number in [0.001, 100]';
  if (!inRange(c.smax, CONFIG_LIMITS.sigma)) return 'smax must be a number in [0.001, 100]';
  if (c.smax < c.smin) return 'smax must not be smaller than smin';
  if (!isInteger(c.levels, CONFIG_LIMITS.levels)) return 'levels must be an integer in [1, 100]';
  if (!isInteger(c.width, CONFIG_LIMITS.width)) return 'width must be an integer in [1, 1024]';
  if (!isInteger(c.depth, CONFIG_LIMITS.depth)) return 'depth must be an integer in [1, 16]';
  if (!inRange(c.lr, CONFIG_LIMITS.lr)) return 'lr must be a number in [1e-6, 1]';
  if (!isInteger(c.batch, CONFIG_LIMITS.batch)) return 'batch must be an integer in [1, 65536]';
  if (!isInteger(c.data, CONFIG_LIMITS.data)) return 'data must be an integer in [0, 1000000]';
  if (typeof c.seed !== 'number' || !Number.isInteger(c.seed)) return 'seed must be an integer';
  const mixture = c.mixture;
  if (!Array.isArray(mixture) || !isInteger(mixture.length, CONFIG_LIMITS.components))
    return 'mixture must be a list of 1 to 6 components';
  let totalWeight = 0;
  for (const component of mixture as unknown[]) {
    const k = component as Record<string, unknown> | null;
    if (typeof k !== 'object' || k === null) return 'a mixture component is not an object';
    if (!inRange(k.weight, [0, Infinity])) return 'a mixture weight is not a finite number ≥ 0';
    if (!inRange(k.mean, [-1e6, 1e6])) return 'a mixture mean is not a finite number';
    if (!inRange(k.std, [1e-6, 1e6])) return 'a mixture std is not a number in [1e-6, 1e6]';
    totalWeight += k.weight;
  }
  if (!(totalWeight > 0)) return 'the mixture weights sum to zero';
  return null;
}

/** A deep copy holding only the known fields, mixture weights normalised (what a run, a file, a message keeps). */
export function cleanConfig(c: TrainConfig): TrainConfig {
  return {
    objective: c.objective,
    smin: c.smin,
    smax: c.smax,
    levels: c.levels,
    width: c.width,
    depth: c.depth,
    lr: c.lr,
    batch: c.batch,
    data: c.data,
    seed: c.seed,
    mixture: normalizeWeights(c.mixture).map((k) => ({ weight: k.weight, mean: k.mean, std: k.std })),
    ...(c.objective === 'eps' && c.diffusion ? { diffusion: cleanProcessSpec(c.diffusion) } : {}),
  };
}

/**
 * Whether a run of config `a` can carry on as a run of `b` with the same weights: the network's shape (width,
 * depth) is the same, and so is the problem it learns (mixture, training set, seed). Learning rate, batch,
 * objective and noise levels may differ: every objective trains the same net(x, log σ), so its weights are a
 * sensible start for any of them (Adam's moments start afresh).
 */
export function keepsWeights(a: TrainConfig, b: TrainConfig): boolean {
  const problem = (c: TrainConfig) =>
    JSON.stringify([c.width, c.depth, c.data, c.seed, normalizeWeights(c.mixture), c.diffusion ?? null]);
  return a.objective !== 'eps' && b.objective !== 'eps' && problem(a) === problem(b);
}

/**
 * The σ values the network is trained with.
 * ncsn: σ_i = σ_max (σ_min/σ_max)^((i−1)/(L−1)), i = 1..L, so σ_1 = σ_max > … > σ_L = σ_min (a constant
 * ratio between neighbours); with L = 1 it is just σ_min. Every other objective: the one value σ_min.
 */
export function trainingSigmas(c: TrainConfig): number[] {
  if (c.objective !== 'ncsn' || c.levels === 1) return [c.smin];
  return Array.from(logspace(c.smax, c.smin, c.levels));
}

/**
 * One level of the evaluation: the σ the network is given, and the noise level of the density whose score
 * it should match there. DSM and NCSN learn the score of q_σ (the data blurred by noise σ); ESM and ISM see
 * clean samples and learn the score of p itself (target σ = 0), while the network is still fed σ_min.
 */
export interface EvalLevel {
  sigmaInput: number;
  sigmaTarget: number;
}

export function evaluationLevels(c: TrainConfig): EvalLevel[] {
  const single = c.objective === 'esm' || c.objective === 'ism';
  return trainingSigmas(c).map((s) => ({ sigmaInput: s, sigmaTarget: single ? 0 : s }));
}
