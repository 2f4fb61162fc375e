/**
 * The diffusion page's likelihood numbers (no DOM): log p(x) by the probability-flow ODE for the page's
 * process, solver and step count, beside the closed-form log p(x), on a grid over the data and as a mean NLL
 * over a fixed seeded set of data samples. The figure and the automation probe share one cache.
 *
 * Cost: (grid + samples) points × steps × (2 score calls for Heun); about 350 × 1000 × 2 ≈ 0.7 M mixture
 * scores, tens of milliseconds, so it is computed once per (mixture, process, solver, steps).
 */
import {
  exactLogLikelihood,
  exactScoreWithSlope,
  exactTerminal,
  meanNll,
  nllSamples,
  odeLogLikelihood,
} from '../../engine/diffusion/likelihood';
import { linspace } from '../../engine/grid';
import type { Mixture } from '../../engine/mixture';
import type { OdeSolver } from '../../engine/diffusion';
import { buildProcess, type ProcessSpec } from '../../engine/diffusion/processSpec';
import type { PageValues } from '../../store/schemas';
import { processSpecOf, xRange } from './diffusionModel';

/** Points of the log p(x) curves across the data's plotting range. */
export const LIKELIHOOD_POINTS = 91;

export interface LikelihoodResult {
  x: Float64Array;
  exact: Float64Array;
  /** By the ODE with the exact score (log p_1 the exact marginal at t = 1). */
  ode: Float64Array;
  nll: { exact: number; ode: number };
  /** Largest |ode − exact| over the grid, in nats. */
  maxGap: number;
  steps: number;
  solver: OdeSolver;
  spec: ProcessSpec;
}

/** The x grid of the curves: LIKELIHOOD_POINTS across the data's plotting range. */
export function likelihoodGridOf(mixture: Mixture): Float64Array {
  const range = xRange(mixture);
  return linspace(range[0], range[1], LIKELIHOOD_POINTS);
}

let cacheKey = '';
let cache: LikelihoodResult | null = null;

export function likelihoodFor(values: PageValues<'diffusion'>): LikelihoodResult {
  const mixture = values.mix;
  const spec = processSpecOf(values);
  const steps = values.steps;
  const solver = values.solver;
  const key = JSON.stringify([mixture, spec, steps, solver]);
  if (cache && key === cacheKey) return cache;
  const process = buildProcess(spec);
  const score = exactScoreWithSlope(mixture, process);
  const options = { steps, solver, terminalLogPdf: exactTerminal(mixture, process) };
  const x = likelihoodGridOf(mixture);
  const samples = nllSamples(mixture);
  // One batch: the grid and the samples share every score call.
  const all = new Float64Array(x.length + samples.length);
  all.set(x);
  all.set(samples, x.length);
  const odeAll = odeLogLikelihood(process, score, all, options);
  const exactAll = exactLogLikelihood(mixture, all);
  const ode = odeAll.slice(0, x.length);
  const exact = exactAll.slice(0, x.length);
  let maxGap = 0;
  for (let i = 0; i < x.length; i++) maxGap = Math.max(maxGap, Math.abs(ode[i] - exact[i]));
  cache = {
    x,
    exact,
    ode,
    nll: { exact: meanNll(exactAll.subarray(x.length)), ode: meanNll(odeAll.subarray(x.length)) },
    maxGap,
    steps,
    solver,
    spec,
  };
  cacheKey = key;
  return cache;
}
