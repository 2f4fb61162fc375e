/**
 * One reverse step of each sampler, from time t down to t' < t (h = t − t' > 0), on a batch x in place
 * (SCIENCE.md §6–7). s(·) below is the score ∇ log p_t, f and g² the process's drift and diffusion.
 *
 * - Ancestral (DDPM): with α = a(t)/a(t') and σ² = s(t)² − α² s(t')² the forward step t' → t,
 *     x' = (x + σ² s(x, t)) / α + √v z,   v = σ² ("β") or σ² s(t')²/s(t)² ("β̃").
 *   For DDPM this is x_{t−1} = (x_t − β_t/√(1 − ᾱ_t) ε̂)/√α_t + σ_t z. The mean is the exact mean of
 *   q(x_{t'} | x_t, x_0) with x_0 replaced by its Tweedie estimate (x + s(t)² ∇log p_t)/a(t), whatever t'
 *   is, which is why skipping steps needs nothing but the effective σ² between the kept steps.
 * - Reverse SDE dx = [f x − g² s] dt + g dw̄ run backwards, Euler–Maruyama: x' = x + (−f x + g² s) h + g √h z.
 * - Probability-flow ODE, dx/dt = f x − ½ g² s: Euler x' = x + (−f x + ½ g² s) h; Heun averages that slope
 *   with the slope at the Euler guess (t', x̃) — one more score call, second-order accurate.
 * - Langevin corrector at fixed t (Song et al. 2021, Algorithm 4–5): step ε = 2 α (r ‖z‖/‖s‖)², with the
 *   per-particle norms |z_i|, |s_i| averaged over the batch as their code does, then x' = x + ε s + √(2ε) z.
 *   The target signal-to-noise ratio r fixes how large the drift ε s is against the noise √(2ε) z.
 *
 * Each rule is written once, as a generator that yields its score requests: it yields {xs, t} wherever it needs
 * ∇log p_t at the batch xs, and the driver writes that score into `grad` before resuming it. DiffusionRun drives
 * the generators synchronously on a plain score (exact, or any TimeScore); AsyncDiffusionRun awaits a network
 * between requests. So the exact and the learned runs apply the same arithmetic in the same order.
 *
 * The last step of every predictor adds no noise (DDPM's z = 0 at t = 1; Song et al.'s "denoise" output); a
 * predictor–corrector run may still end with its corrector's Langevin steps (run.ts says where).
 */
import type { NormalStream } from '../sampling/normalStream';
import type { DiffusionProcess } from './process';

/** A score request: the driver must write ∇log p_t(xs) into the buffers' `grad` before resuming. */
export interface ScoreRequest {
  xs: Float64Array;
  t: number;
}

/** An update rule in progress: it yields its score requests and returns when the step is done. */
export type StepProgram = Generator<ScoreRequest, void, void>;

/** The buffers of one run: positions, the score, Heun's guess and velocity, and the noise. */
export interface StepBuffers {
  process: DiffusionProcess;
  x: Float64Array;
  grad: Float64Array;
  guess: Float64Array;
  velocity: Float64Array;
  noise: Float64Array;
  stream: NormalStream;
}

export type AncestralVariance = 'beta' | 'betaTilde';

export function* ancestralStep(
  b: StepBuffers,
  t: number,
  tNext: number,
  variance: AncestralVariance,
  last: boolean,
): StepProgram {
  const { alpha, variance: sigma2 } = b.process.transition(t, tNext);
  yield { xs: b.x, t };
  const sNow = b.process.s(t);
  const sNext = b.process.s(tNext);
  const v = last ? 0 : variance === 'beta' ? sigma2 : (sigma2 * sNext * sNext) / (sNow * sNow);
  const std = Math.sqrt(Math.max(0, v));
  const { x, grad, noise } = b;
  if (std > 0) b.stream.fill(noise);
  for (let i = 0; i < x.length; i++) {
    x[i] = (x[i] + sigma2 * grad[i]) / alpha + (std > 0 ? std * noise[i] : 0);
  }
}

export function* eulerMaruyamaStep(b: StepBuffers, t: number, tNext: number, last: boolean): StepProgram {
  const h = t - tNext;
  const f = b.process.drift(t);
  const g2 = b.process.g2(t);
  yield { xs: b.x, t };
  const std = last ? 0 : Math.sqrt(g2 * h);
  const { x, grad, noise } = b;
  if (std > 0) b.stream.fill(noise);
  for (let i = 0; i < x.length; i++) {
    x[i] += (-f * x[i] + g2 * grad[i]) * h + (std > 0 ? std * noise[i] : 0);
  }
}

export type OdeSolver = 'euler' | 'heun';

export function* odeStep(b: StepBuffers, t: number, tNext: number, solver: OdeSolver): StepProgram {
  const h = t - tNext;
  const f = b.process.drift(t);
  const g2 = b.process.g2(t);
  yield { xs: b.x, t };
  const { x, grad, guess, velocity } = b;
  // The reverse-time velocity v = −f x + ½ g² s at (t, x); Euler moves to x + v h.
  for (let i = 0; i < x.length; i++) velocity[i] = -f * x[i] + 0.5 * g2 * grad[i];
  // Heun needs the score at t'; where s(t') = 0 (t' = 0 of a discrete schedule) p_t' is the data itself and
  // a learned model is never trained there, so that step stays Euler (as EDM's sampler does).
  if (solver === 'euler' || !(b.process.s(tNext) > 0)) {
    for (let i = 0; i < x.length; i++) x[i] += velocity[i] * h;
    return;
  }
  for (let i = 0; i < x.length; i++) guess[i] = x[i] + velocity[i] * h;
  const fNext = b.process.drift(tNext);
  const g2Next = b.process.g2(tNext);
  yield { xs: guess, t: tNext };
  for (let i = 0; i < x.length; i++) {
    const vNext = -fNext * guess[i] + 0.5 * g2Next * grad[i];
    x[i] += 0.5 * (velocity[i] + vNext) * h;
  }
}

/** `steps` Langevin corrector steps at time t with target signal-to-noise ratio r and factor α. */
export function* langevinCorrector(
  b: StepBuffers,
  t: number,
  alpha: number,
  steps: number,
  snr: number,
): StepProgram {
  const { x, grad, noise } = b;
  for (let j = 0; j < steps; j++) {
    yield { xs: x, t };
    b.stream.fill(noise);
    let zNorm = 0;
    let gNorm = 0;
    for (let i = 0; i < x.length; i++) {
      zNorm += Math.abs(noise[i]);
      gNorm += Math.abs(grad[i]);
    }
    if (!(gNorm > 0)) return;
    const ratio = (snr * zNorm) / gNorm;
    const eps = 2 * alpha * ratio * ratio;
    const std = Math.sqrt(2 * eps);
    for (let i = 0; i < x.length; i++) x[i] += eps * grad[i] + std * noise[i];
  }
}
