/**
 * What a training run in the plane (or in D dimensions) is: the objective, its noise level(s), the sliced
 * projections, the network's size, Adam's settings and the seed. Plain data (postMessage, URLs).
 */
import { logspace } from '../grid';

/** ncsn and dsm denoise; esm needs the exact score; ism needs the Jacobian's trace; ssm slices it. */
export type PlaneObjective = 'ncsn' | 'dsm' | 'esm' | 'ism' | 'ssm';

export const PLANE_OBJECTIVES: readonly PlaneObjective[] = ['ncsn', 'dsm', 'esm', 'ism', 'ssm'];

/** How SSM draws its directions v; both have E[v vᵀ] = I. */
export type ProjectionKind = 'gaussian' | 'rademacher';

export interface PlaneTrainConfig {
  objective: PlaneObjective;
  /**
   * The one level of dsm, esm, ism and ssm: they learn the score of q_σ at this σ (dsm from noisy copies of data
   * points, the others from exact draws of q_σ). σ must be > 0: it is also the network's σ input.
   */
  sigma: number;
  /** The ncsn ladder: L levels from σ_max down to σ_min, geometric. */
  smin: number;
  smax: number;
  levels: number;
  /** SSM: the kind of direction, the number of projections per sample (1–8), and whether ½|s|² replaces ½(vᵀs)². */
  projection: ProjectionKind;
  projections: number;
  varianceReduced: boolean;
  width: number;
  depth: number;
  lr: number;
  batch: number;
  seed: number;
}

export const DEFAULT_PLANE_TRAIN_CONFIG: PlaneTrainConfig = {
  objective: 'ncsn',
  sigma: 0.5,
  smin: 0.1,
  smax: 8,
  levels: 10,
  projection: 'rademacher',
  projections: 1,
  varianceReduced: false,
  width: 64,
  depth: 2,
  lr: 3e-3,
  batch: 512,
  seed: 1,
};

/** Bounds the engine accepts; a value outside (or not a number) falls back to the default. */
export const PLANE_LIMITS = {
  sigma: [1e-3, 100],
  levels: [1, 100],
  projections: [1, 8],
  width: [16, 256],
  depth: [1, 4],
  lr: [1e-6, 1],
  batch: [1, 65536],
} as const;

function pick(value: number, [lo, hi]: readonly [number, number], fallback: number, integer = false): number {
  if (!Number.isFinite(value) || value < lo || value > hi) return fallback;
  return integer ? Math.round(value) : value;
}

/** The config with every field inside its bounds (σ_min ≤ σ_max enforced by swapping). */
export function cleanPlaneConfig(c: PlaneTrainConfig): PlaneTrainConfig {
  const d = DEFAULT_PLANE_TRAIN_CONFIG;
  const smin = pick(c.smin, PLANE_LIMITS.sigma, d.smin);
  const smax = pick(c.smax, PLANE_LIMITS.sigma, d.smax);
  return {
    objective: PLANE_OBJECTIVES.includes(c.objective) ? c.objective : d.objective,
    sigma: pick(c.sigma, PLANE_LIMITS.sigma, d.sigma),
    smin: Math.min(smin, smax),
    smax: Math.max(smin, smax),
    levels: pick(c.levels, PLANE_LIMITS.levels, d.levels, true),
    projection: c.projection === 'gaussian' ? 'gaussian' : 'rademacher',
    projections: pick(c.projections, PLANE_LIMITS.projections, d.projections, true),
    varianceReduced: c.varianceReduced === true,
    width: pick(c.width, PLANE_LIMITS.width, d.width, true),
    depth: pick(c.depth, PLANE_LIMITS.depth, d.depth, true),
    lr: pick(c.lr, PLANE_LIMITS.lr, d.lr),
    batch: pick(c.batch, PLANE_LIMITS.batch, d.batch, true),
    seed: Number.isFinite(c.seed) ? Math.floor(c.seed) : d.seed,
  };
}

/** The levels a run trains (and is evaluated) on: the ncsn ladder from σ_max down, else the one σ. */
export function planeSigmas(c: PlaneTrainConfig): number[] {
  if (c.objective !== 'ncsn') return [c.sigma];
  if (c.levels === 1) return [c.smin];
  return Array.from(logspace(c.smax, c.smin, c.levels));
}
