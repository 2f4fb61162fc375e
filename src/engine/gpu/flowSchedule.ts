/**
 * Flow matching's ODE as fused schedule rows (layout in samplerKernels.ts), from the same formulas as
 * engine/flow/ode.ts: on the uniform grid t_0 = 1 > … > t_N = 0 with h = t − t' > 0,
 *
 *   Euler:  x' = x − h v(x, t)                                   A = 1, B = −h, C = 0
 *   Heun:   x̃ = x − h v(x, t),  x' = x − ½ h (v(x, t) + v(x̃, t'))   P = 1, Q = −½ h, R = 0, S = −½ h
 *
 * so the "score" slot of a row holds the velocity. Its point is (a, s) = (1 − t, t): the exact kernel reads t from
 * s (mixtureFlowVelocity), a velocity network gets (c_in(t) x, log λ(t)) with t held inside the training edge
 * (processSpec.ts's timeFeatures, as flowBatches.ts trains it), and its output is the velocity itself (outScale 1,
 * as tf/eps/learnedJob.ts's learnedField for sde = fm).
 */
import { timeFeatures } from '../diffusion/processSpec';
import { flowGrid } from '../flow/ode';
import { flowProcess } from '../flow/process';
import type { FlowSolver } from '../flow/ode';
import type { ScorePoint, StepRow } from './samplerSchedule';

/** Where the velocity at time t is evaluated. */
export function flowPoint(t: number): ScorePoint {
  const { scale, logLambda } = timeFeatures(flowProcess(), t);
  return { a: 1 - t, s: t, inScale: scale, feature: logLambda, outScale: 1 };
}

/** One row per step of the flow ODE over `steps` uniform steps from t = 1 to 0. */
export function flowRows(solver: FlowSolver, steps: number): StepRow[] {
  const times = flowGrid(steps);
  const rows: StepRow[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const t = times[i];
    const tNext = times[i + 1];
    const h = t - tNext;
    const euler: StepRow = { A: 1, B: -h, C: 0, first: flowPoint(t) };
    rows.push(
      solver === 'euler'
        ? euler
        : { ...euler, heun: { P: 1, Q: -0.5 * h, R: 0, S: -0.5 * h, second: flowPoint(tNext) } },
    );
  }
  return rows;
}
