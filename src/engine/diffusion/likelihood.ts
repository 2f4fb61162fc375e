/**
 * Exact log-likelihood from the probability-flow ODE (SCIENCE.md §9; Song et al. 2021, §4.3 and App. D.2).
 *
 * The probability-flow ODE dx/dt = f̃(x, t) = f(t) x − ½ g(t)² s(x, t) carries p_0 to p_1 deterministically,
 * and along its path the instantaneous change of variables gives
 *
 *   d/dt log p_t(x_t) = −∂f̃/∂x (x_t, t),   so   log p_0(x) = log p_1(x_1) + ∫₀¹ ∂f̃/∂x (x_t, t) dt,
 *
 * with ∂f̃/∂x = f(t) − ½ g(t)² ∂s/∂x. In 1D the divergence is this ordinary derivative. The state (x, ℓ) with
 * ℓ' = ∂f̃/∂x is integrated forwards from t = 0 to 1 with Euler or Heun. log p_1 is the exact marginal when
 * the score is exact (then the only error left is the integrator's), and the process's prior N(0, priorStd²)
 * for a learned score, as a model has nothing else; the two differ by the prior mismatch (≈ 0.01 nats at
 * |x| = 3 for the default mixture on VP with linear β).
 *
 * For the exact score of a mixture marginal Σ π_k N(m_k, v_k), with r_k the responsibilities and
 * u_k = (m_k − x)/v_k, the score is s = Σ r_k u_k and, since r_k' = r_k (u_k − s),
 *   ∂s/∂x = Σ r_k (u_k² − 1/v_k) − s².
 */
import { createRng } from '../rng';
import { mixtureLogPdf, sampleMixture, type Mixture } from '../mixture';
import { normalLogPdf } from '../special';
import { forwardMarginal } from '../schedules/marginal';
import type { DiffusionProcess } from './process';
import type { OdeSolver } from './steps';
import { FLOW_T_EDGE } from './processSpec';

/** Writes s(x, t) and ∂s/∂x (x, t) for a batch (out arrays are never xs). */
export type ScoreWithSlope = (xs: Float64Array, t: number, score: Float64Array, slope: Float64Array) => void;

/** The exact score of the process's marginal p_t of the mixture and its x-derivative. */
export function exactScoreWithSlope(mixture: Mixture, process: DiffusionProcess): ScoreWithSlope {
  const comps = mixture.filter((c) => c.weight > 0);
  const K = comps.length;
  // Per time t: m_k, 1/v_k and log π_k − ½ log v_k (the 2π cancels in the responsibilities).
  const mean = new Float64Array(K);
  const precision = new Float64Array(K);
  const logConst = new Float64Array(K);
  const logTerm = new Float64Array(K);
  return (xs, t, score, slope) => {
    forwardMarginal(comps, process.a(t), process.s(t)).forEach((c, k) => {
      mean[k] = c.mean;
      precision[k] = 1 / (c.std * c.std);
      logConst[k] = Math.log(c.weight) + 0.5 * Math.log(precision[k]);
    });
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        const d = x - mean[k];
        logTerm[k] = logConst[k] - 0.5 * d * d * precision[k];
        if (logTerm[k] > max) max = logTerm[k];
      }
      let total = 0;
      let first = 0;
      let second = 0;
      for (let k = 0; k < K; k++) {
        const w = Math.exp(logTerm[k] - max);
        const u = (mean[k] - x) * precision[k];
        total += w;
        first += w * u;
        second += w * (u * u - precision[k]);
      }
      const s = first / total;
      score[i] = s;
      slope[i] = second / total - s * s;
    }
  };
}

export interface OdeLikelihoodOptions {
  /** Integration steps from t = 0 to 1 (for a discrete schedule: kept steps, as the samplers keep them). */
  steps: number;
  solver?: OdeSolver;
  /** log p_1, where the path ends; the process's prior N(0, priorStd²) unless given. */
  terminalLogPdf?: (x: number) => number;
  /**
   * Whether the score may be asked for at t = 0 (default true: the exact score of p_0 is the data's). A
   * learned model is never trained there (its time feature log λ is −∞), so with false the first step, from
   * t = 0, takes one Euler step with the rates and score at its end time t_1 — the mirror of the samplers'
   * last step into t = 0, which is Euler from t_1.
   */
  scoreAtZero?: boolean;
}

/**
 * The forward time grid, increasing from 0 to 1: the sampler's own grid reversed for a discrete schedule
 * (knots k/T, ending at t = 0 where p_0 is the data), evenly spaced for a continuous SDE.
 */
export function likelihoodGrid(process: DiffusionProcess, steps: number): Float64Array {
  const n = Math.max(1, Math.floor(steps));
  if (process.trainingSteps !== undefined) return process.grid(n).slice().reverse();
  const top = likelihoodEnd(process);
  return Float64Array.from({ length: n + 1 }, (_, i) => (i / n) * top);
}

/**
 * Where the path ends: t = 1, except on flow matching's path, whose f = −1/(1 − t) and g² = 2t/(1 − t) are infinite
 * at t = 1 (engine/flow/process.ts): it stops at 1 − FLOW_T_EDGE, where p_t differs from N(0, 1) by O(10⁻³).
 */
export function likelihoodEnd(process: DiffusionProcess): number {
  return process.family === 'fm' ? 1 - FLOW_T_EDGE : 1;
}

/**
 * f and g² on the side of t that a forward step covers: a discrete schedule's rates are constant on each
 * interval between knots, and a knot belongs to the interval below it, so the start of a step looks just
 * above its knot. Continuous processes are smooth and need no care.
 */
function rates(process: DiffusionProcess, t: number, side: 'start' | 'end'): [number, number] {
  const T = process.trainingSteps;
  const at = T === undefined ? t : side === 'start' ? t + 0.5 / T : t;
  return [process.drift(at), process.g2(at)];
}

/** A request for s and ∂s/∂x at (xs, t), to be written into score and slope before the integration resumes. */
export interface ScoreRequest {
  xs: Float64Array;
  t: number;
  score: Float64Array;
  slope: Float64Array;
}

/**
 * The integration itself, written once for both drivers below: it yields every score it needs and returns
 * log p_0 at the starting points. (x, ℓ) move by Euler or Heun with velocity (f x − ½ g² s, f − ½ g² ∂s/∂x).
 */
function* integrate(
  process: DiffusionProcess,
  xs: ArrayLike<number>,
  options: OdeLikelihoodOptions,
): Generator<ScoreRequest, Float64Array, void> {
  const n = xs.length;
  const solver = options.solver ?? 'heun';
  const scoreAtZero = options.scoreAtZero ?? true;
  const grid = likelihoodGrid(process, options.steps);
  const x = Float64Array.from(xs);
  const ell = new Float64Array(n);
  const score = new Float64Array(n);
  const slope = new Float64Array(n);
  const vx = new Float64Array(n);
  const vl = new Float64Array(n);
  const guess = new Float64Array(n);
  for (let j = 0; j + 1 < grid.length; j++) {
    const t0 = grid[j];
    const t1 = grid[j + 1];
    const h = t1 - t0;
    // From t = 0 without a score there: one Euler step with everything taken at t_1.
    const fromEnd = !scoreAtZero && !(process.s(t0) > 0);
    const [f0, g0] = fromEnd ? rates(process, t1, 'end') : rates(process, t0, 'start');
    yield { xs: x, t: fromEnd ? t1 : t0, score, slope };
    for (let i = 0; i < n; i++) {
      vx[i] = f0 * x[i] - 0.5 * g0 * score[i];
      vl[i] = f0 - 0.5 * g0 * slope[i];
    }
    if (solver === 'euler' || fromEnd) {
      for (let i = 0; i < n; i++) {
        x[i] += h * vx[i];
        ell[i] += h * vl[i];
      }
      continue;
    }
    for (let i = 0; i < n; i++) guess[i] = x[i] + h * vx[i];
    const [f1, g1] = rates(process, t1, 'end');
    yield { xs: guess, t: t1, score, slope };
    for (let i = 0; i < n; i++) {
      x[i] += 0.5 * h * (vx[i] + f1 * guess[i] - 0.5 * g1 * score[i]);
      ell[i] += 0.5 * h * (vl[i] + f1 - 0.5 * g1 * slope[i]);
    }
  }
  const terminal = options.terminalLogPdf ?? ((v: number) => normalLogPdf(v, 0, process.priorStd));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = terminal(x[i]) + ell[i];
  return out;
}

/**
 * log p_0 at every x in xs by the probability-flow ODE with the given score, integrated forward
 * (Heun by default: one more score call per step, second order).
 */
export function odeLogLikelihood(
  process: DiffusionProcess,
  score: ScoreWithSlope,
  xs: ArrayLike<number>,
  options: OdeLikelihoodOptions,
): Float64Array {
  const run = integrate(process, xs, options);
  for (let next = run.next(); ; next = run.next()) {
    if (next.done) return next.value;
    const r = next.value;
    score(r.xs, r.t, r.score, r.slope);
  }
}

/** The same with a score that answers asynchronously (a network on a tensor backend). */
export async function odeLogLikelihoodAsync(
  process: DiffusionProcess,
  score: (xs: Float64Array, t: number, out: { score: Float64Array; slope: Float64Array }) => Promise<void>,
  xs: ArrayLike<number>,
  options: OdeLikelihoodOptions,
): Promise<Float64Array> {
  const run = integrate(process, xs, options);
  for (let next = run.next(); ; next = run.next()) {
    if (next.done) return next.value;
    const r = next.value;
    await score(r.xs, r.t, r);
  }
}

/** The fixed set of data points the mean NLL is taken over: the same for every seed of the page. */
export const NLL_SAMPLES = 256;
export const NLL_SEED = 20260;

export function nllSamples(mixture: Mixture, n = NLL_SAMPLES, seed = NLL_SEED): Float64Array {
  return sampleMixture(mixture, n, createRng(seed));
}

/** −mean log p over the points, in nats. */
export function meanNll(logp: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < logp.length; i++) total -= logp[i];
  return total / logp.length;
}

/** log p_1 of the mixture's exact marginal where the path ends (t = 1, or likelihoodEnd) under the process. */
export function exactTerminal(mixture: Mixture, process: DiffusionProcess): (x: number) => number {
  const t = likelihoodEnd(process);
  const end = forwardMarginal(mixture, process.a(t), process.s(t));
  return (x) => mixtureLogPdf(end, x);
}

/** The exact log p(x) of the mixture at each point (what the ODE should reproduce). */
export function exactLogLikelihood(mixture: Mixture, xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs, (x) => mixtureLogPdf(mixture, x));
}
