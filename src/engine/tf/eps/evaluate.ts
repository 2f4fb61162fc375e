/**
 * How close a time-conditional ε-model is to the truth, at a few times t (the diffusion page's counterpart of
 * ../evaluate.ts's per-level Fisher divergence). With the exact marginal p_t of the mixture (SCIENCE.md §5) the
 * ideal predictor is known: ε*(x, t) = −s(t) ∇log p_t(x). Per time we report
 *
 *   D_ε(t) = ∫ p_t(x) (ε_θ(x, t) − ε*(x, t))² dx  =  s(t)² ∫ p_t (s_θ − ∇log p_t)²,
 *
 * the Fisher divergence weighted by s(t)², which is exactly the excess of the training loss over its minimum at
 * that t (the loss is E[(ε − ε_θ)²] = E[(ε − ε*)²] + D_ε). Unlike the unweighted Fisher divergence it stays
 * O(1) as t → 0, where the score itself grows like 1/s.
 */
import { linspace, trapezoid } from '../../grid';
import { mixturePdf, plotRange } from '../../mixture';
import { exactProcessScore, processMarginal, type DiffusionProcess } from '../../diffusion';
import type { TrainConfig } from '../../training/config';
import { tf } from '../core';
import type { Evaluation, EvaluationOptions, LevelCurves } from '../evaluate';
import { DEFAULT_POINTS, MAX_POINTS, MIN_POINTS } from '../evaluate';
import type { NetFunction } from '../net';
import { FLOW_T_EDGE, buildProcess, epsInputRows } from '../../diffusion/processSpec';
import { exactVelocity, scoreFromVelocity } from '../../flow';

/** Evaluation times as fractions of the horizon, largest first (the order of every level list). */
export const EVAL_FRACTIONS = [1, 0.6, 0.3, 0.15, 0.06, 0.02] as const;

/** The evaluation times of a process: the fractions, rounded to knots k/T on a discrete schedule. */
export function evaluationTimes(process: DiffusionProcess): number[] {
  const T = process.trainingSteps;
  // Flow matching's a = 1 − t vanishes at t = 1 (λ = s/a infinite): its first time is held at 1 − FLOW_T_EDGE.
  if (process.family === 'fm') return EVAL_FRACTIONS.map((u) => Math.min(u, 1 - FLOW_T_EDGE));
  return EVAL_FRACTIONS.map((u) => (T === undefined ? u : Math.max(1, Math.round(u * T)) / T));
}

/** ε_θ(x, t) for a batch at one time: one forward pass and one asynchronous readback. */
export async function epsAt(
  net: NetFunction,
  process: DiffusionProcess,
  xs: ArrayLike<number>,
  t: number,
): Promise<Float32Array> {
  const rows = epsInputRows(process, xs, t);
  const out = tf.tidy(() => net.apply(tf.tensor2d(rows, [xs.length, 2])));
  try {
    return Float32Array.from(await out.data());
  } finally {
    out.dispose();
  }
}

export async function evaluateEps(
  net: NetFunction,
  config: TrainConfig,
  options: EvaluationOptions = {},
): Promise<Evaluation & { times: number[] }> {
  if (!config.diffusion) throw new Error('an ε-prediction model needs its diffusion process');
  const process = buildProcess(config.diffusion);
  const times = evaluationTimes(process);
  const points = Math.round(Math.min(MAX_POINTS, Math.max(MIN_POINTS, options.points ?? DEFAULT_POINTS)));
  const grids = times.map((t) => {
    const [lo, hi] = plotRange(processMarginal(config.mixture, process, t));
    return linspace(lo, hi, points);
  });
  // One forward pass for every time: the rows of each grid, stacked.
  const rows = new Float32Array(2 * points * times.length);
  times.forEach((t, i) => rows.set(epsInputRows(process, grids[i], t), 2 * points * i));
  const out = tf.tidy(() => net.apply(tf.tensor2d(rows, [points * times.length, 2])));
  let eps: Float32Array;
  try {
    eps = (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }

  const exactScore = exactProcessScore(config.mixture, process);
  // On flow matching's path the network predicts the velocity: its ideal is the exact marginal velocity, and
  // D(t) = ∫ p_t (v_θ − v)² is again the excess of the training loss over its minimum at t.
  const flow = process.family === 'fm' ? exactVelocity(config.mixture) : null;
  const fisher: number[] = [];
  const lambdas: number[] = [];
  let curves: LevelCurves | null = null;
  const chosen = Math.min(times.length - 1, Math.max(0, Math.round(options.level ?? 0)));
  times.forEach((t, i) => {
    const x = grids[i];
    const s = process.s(t);
    const exact = new Float64Array(points);
    exactScore(x, t, exact);
    const marginal = processMarginal(config.mixture, process, t);
    const q = x.map((v) => mixturePdf(marginal, v));
    const learned = eps.subarray(points * i, points * (i + 1));
    // ε* = −s ∇log p_t, so (ε_θ − ε*)² = (ε_θ + s ∇log p_t)².
    const ideal = new Float64Array(points);
    if (flow) flow(x, t, ideal);
    else for (let j = 0; j < points; j++) ideal[j] = -s * exact[j];
    fisher.push(
      trapezoid(
        x,
        q.map((qv, j) => qv * (learned[j] - ideal[j]) ** 2),
      ),
    );
    lambdas.push(s / process.a(t));
    if (i === chosen) {
      curves = {
        level: i,
        sigma: s / process.a(t),
        sigmaInput: s / process.a(t),
        x: Array.from(x),
        // The learned score: −ε_θ/s, or from a velocity by the link ∇log p_t = −(x + (1 − t) v)/t.
        learned: Array.from(learned, (e, j) => (flow ? scoreFromVelocity(x[j], t, e) : -e / s)),
        exact: Array.from(exact),
        q: Array.from(q),
      };
    }
  });
  return {
    times,
    sigmas: lambdas,
    sigmaInputs: lambdas,
    fisher,
    meanFisher: fisher.reduce((a, b) => a + b, 0) / fisher.length,
    curves: curves!,
  };
}
