/**
 * The perturb page's numbers (no DOM): p, q_σ = p ∗ N(0, σ²) and its score on a grid, and the kernel-density
 * estimate of a finite sample with bandwidth σ — the same blur applied to the empirical distribution.
 */
import { linspace, trapezoid } from '../../engine/grid';
import { kdeOnGrid } from '../../engine/kde';
import {
  mixtureLogPdf,
  mixtureScore,
  perturbMixture,
  plotRange,
  sampleMixture,
  type Mixture,
} from '../../engine/mixture';
import { createRng } from '../../engine/rng';

export const GRID_POINTS = 801;
export const KDE_POINTS = 601;

/** Noise levels of the small multiples, spaced roughly evenly in log σ. */
export const MULTIPLE_SIGMAS = [0.05, 0.2, 0.5, 1, 2, 5] as const;

/** A steady x range for every σ: the data's own range, at least ±5 around its centre. */
export function perturbRange(mixture: Mixture): [number, number] {
  return plotRange(mixture, 5);
}

export interface PerturbGrid {
  x: Float64Array;
  pdf: Float64Array;
  q: Float64Array;
  /** Score of q_σ. */
  score: Float64Array;
  /** Score of p, for comparison. */
  dataScore: Float64Array;
}

export function perturbGrid(mixture: Mixture, sigma: number, points = GRID_POINTS): PerturbGrid {
  const [lo, hi] = perturbRange(mixture);
  const x = linspace(lo, hi, points);
  const blurred = perturbMixture(mixture, sigma);
  return {
    x,
    pdf: x.map((v) => Math.exp(mixtureLogPdf(mixture, v))),
    q: x.map((v) => Math.exp(mixtureLogPdf(blurred, v))),
    score: x.map((v) => mixtureScore(blurred, v)),
    dataScore: x.map((v) => mixtureScore(mixture, v)),
  };
}

/** The finite sample of the page: n exact draws from p with the page's seed. */
export function finiteSample(mixture: Mixture, n: number, seed: number): Float64Array {
  return sampleMixture(mixture, n, createRng(seed));
}

export interface KdeGrid {
  x: Float64Array;
  q: Float64Array;
  score: Float64Array;
  /** Score of the exact q_σ at the same points. */
  exactScore: Float64Array;
  /** The Fisher divergence ½ ∫ q_σ (ŝ − s_σ)² between the KDE score ŝ and the exact score s_σ of q_σ. */
  fisherGap: number;
}

export function kdeGrid(mixture: Mixture, samples: ArrayLike<number>, sigma: number): KdeGrid {
  const [lo, hi] = perturbRange(mixture);
  const x = linspace(lo, hi, KDE_POINTS);
  const { density, score } = kdeOnGrid(samples, sigma, x);
  const blurred = perturbMixture(mixture, sigma);
  const exactScore = x.map((v) => mixtureScore(blurred, v));
  const q = x.map((v) => Math.exp(mixtureLogPdf(blurred, v)));
  const weighted = x.map((_, i) => q[i] * (score[i] - exactScore[i]) ** 2);
  // Divided by ∫ q_σ on the grid (≈ 1) so the grid's truncation of the tails does not bias it.
  return { x, q: density, score, exactScore, fisherGap: (0.5 * trapezoid(x, weighted)) / trapezoid(x, q) };
}

/**
 * A symmetric score axis sized by the exact score of q_σ where q_σ is not negligible. Sharper curves (the
 * score of p, the KDE score at small σ) are clipped at the edges on purpose: they are the point being made.
 */
export function scoreAxis(
  x: ArrayLike<number>,
  q: ArrayLike<number>,
  score: ArrayLike<number>,
): [number, number] {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, q[i]);
  let bound = 1;
  for (let i = 0; i < x.length; i++) if (q[i] > 1e-3 * peak) bound = Math.max(bound, Math.abs(score[i]));
  return [-1.1 * bound, 1.1 * bound];
}

/** Index of the small multiple nearest the current σ in log distance. */
export function nearestMultiple(sigma: number): number {
  let best = 0;
  MULTIPLE_SIGMAS.forEach((s, i) => {
    if (Math.abs(Math.log(s / sigma)) < Math.abs(Math.log(MULTIPLE_SIGMAS[best] / sigma))) best = i;
  });
  return best;
}
