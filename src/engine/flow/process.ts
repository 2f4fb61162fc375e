/**
 * The straight path x_t = (1 − t) x_0 + t x_1 as a DiffusionProcess (engine/diffusion/process.ts), so the
 * diffusion page's figures that need only the marginals (the p_t heat map, W1 and KS against p_t) work for flow
 * matching unchanged: a(t) = 1 − t, s(t) = t.
 *
 * As a linear SDE dx = f x dt + g dw with the same marginals: a' = f a gives f = −1/(1 − t), and
 * (s²)' = 2 f s² + g² gives g² = 2t + 2t²/(1 − t) = 2t/(1 − t). Both blow up at t = 1, where a = 0: the
 * probability-flow ODE written with them, dx/dt = f x − ½ g² ∇log p_t = −(x + t ∇log p_t)/(1 − t), is the flow
 * matching velocity, but in a form that divides 0 by 0 at the start. The samplers therefore use the velocity of
 * velocity.ts, finite on all of [0, 1], and never these two functions at t = 1.
 */
import type { DiffusionProcess } from '../diffusion/process';
import { flowGrid } from './ode';

export const FLOW_LABEL = 'Flow matching (rectified flow)';

export function flowProcess(): DiffusionProcess {
  return {
    family: 'fm',
    label: FLOW_LABEL,
    a: (t) => 1 - t,
    s: (t) => t,
    drift: (t) => -1 / (1 - t),
    g2: (t) => (2 * t) / (1 - t),
    transition(t, tPrev) {
      // x_t = α x_t' + noise with α = (1 − t)/(1 − t'), variance t² − α² t'² ≥ 0 for t' < t.
      const alpha = (1 - t) / (1 - tPrev);
      return { alpha, variance: Math.max(0, t * t - alpha * alpha * tPrev * tPrev) };
    },
    grid: flowGrid,
    priorStd: 1,
  };
}
