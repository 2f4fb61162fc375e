/**
 * The probability-flow likelihood of a learned ε-model (SCIENCE.md §9): the ODE of ../../diffusion/likelihood.ts
 * driven by the network's score and its derivative in x.
 *
 * With x_t = a x_0 + s ε the learned score is s_θ(x, t) = −ε_θ(x, t)/s(t). The network sees the row
 * [c_in x, log λ] (./process.ts), so by the chain rule ∂s_θ/∂x = −c_in (∂net/∂input₀)/s(t); ScoreNet's
 * applyWithDx gives the value and that input derivative in one forward pass. Both come back in one readback
 * per score call. The path starts at the data (t = 0) but never asks the network about t = 0, where it was not
 * trained, and ends on the process's prior N(0, priorStd²), the only p_1 a model has.
 */
import { odeLogLikelihoodAsync } from '../../diffusion/likelihood';
import type { DiffusionProcess, OdeSolver } from '../../diffusion';
import { tf } from '../core';
import type { NetFunction } from '../net';
import { buildProcess, epsInputRows, timeFeatures, type ProcessSpec } from '../../diffusion/processSpec';

export interface LearnedLikelihoodOptions {
  steps: number;
  solver: OdeSolver;
}

/** The learned score and its x-derivative at (xs, t), in one forward pass and one readback. */
export function learnedScoreWithSlope(net: NetFunction, process: DiffusionProcess) {
  return async (points: Float64Array, t: number, out: { score: Float64Array; slope: Float64Array }) => {
    const n = points.length;
    const rows = epsInputRows(process, points, t);
    const both = tf.tidy(() => {
      const { value, dx } = net.applyWithDx(tf.tensor2d(rows, [n, 2]));
      return tf.concat([value, dx]);
    });
    let values: Float32Array;
    try {
      values = (await both.data()) as Float32Array;
    } finally {
      both.dispose();
    }
    const { scale } = timeFeatures(process, t);
    if (process.family === 'fm') {
      // A flow-matching network predicts the velocity v; the score link of SCIENCE.md §10 gives
      // s = −(x + (1 − t) v)/t and ∂s/∂x = −(1 + (1 − t) ∂v/∂x)/t (t > 0: the path never asks at t = 0).
      for (let i = 0; i < n; i++) {
        out.score[i] = -(points[i] + (1 - t) * values[i]) / t;
        out.slope[i] = -(1 + (1 - t) * scale * values[n + i]) / t;
      }
      return;
    }
    const inv = -1 / process.s(t);
    for (let i = 0; i < n; i++) {
      out.score[i] = inv * values[i];
      out.slope[i] = inv * scale * values[n + i];
    }
  };
}

/** log p_θ(x) at each point, in nats, by the probability-flow ODE on the network's score. */
export async function learnedLogLikelihood(
  net: NetFunction,
  spec: ProcessSpec,
  xs: ArrayLike<number>,
  options: LearnedLikelihoodOptions,
): Promise<Float64Array> {
  const process = buildProcess(spec);
  return odeLogLikelihoodAsync(process, learnedScoreWithSlope(net, process), xs, {
    steps: options.steps,
    solver: options.solver,
    scoreAtZero: false,
  });
}
