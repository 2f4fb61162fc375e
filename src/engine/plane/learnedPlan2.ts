/**
 * When the diffusion samplers may run on a field2d network, and how the network then stands in for the score of p_t.
 *
 * A field2d network is noise-conditional: s_θ(x, σ) ≈ ∇log q_σ(x), q_σ = p ∗ N(0, σ² I), for σ in the range it was
 * trained on (σ_min … σ_max of the ncsn ladder, or the one σ of the other objectives). Every process here is affine,
 * x_t = a x_0 + s z (noisy2.ts). If the run's target is p_0 = q_{σ₀} (σ₀ = 0: the data itself), then
 *   p_t(x) = a⁻² q_{σ̃}(x / a),   σ̃(t)² = σ₀² + (s / a)²,   so   ∇log p_t(x) = (1/a) ∇log q_{σ̃}(x / a),
 * and the network serves every time whose σ̃(t) lies inside its trained range; outside it the network was never
 * asked, and nothing says its answer means anything.
 * - VE (a = 1, s² = σ(t)² − σ_min²), run with σ₀ = σ_min: σ̃(t) = σ(t) exactly, so the reverse VE SDE, its
 *   probability-flow ODE and PC from σ_max down to σ_min need just the levels σ_min … σ_max. They sample q_{σ_min},
 *   the least blurred density in the run (as plain Langevin on the network samples q at its smallest σ).
 * - VP (a = √ᾱ, s = √(1 − ᾱ)) with σ₀ = 0: σ̃ = √((1 − ᾱ)/ᾱ), from about 0.01 at t = 10⁻³ to about 150 at t = 1 on
 *   this page's schedules — beyond the σ_max any field2d network reaches, so VP and DDPM refuse with the numbers.
 * The needed range is read off the sampler's own time grid (the score is asked only at grid times with s(t) > 0,
 * Heun's second stage included), so it is exactly the σ̃ the run would ask for.
 */
import { discreteProcess, vpProcess, veProcess, type DiffusionProcess } from '../diffusion';
import type { Batch, TimeScore } from '../diffusion/score';
import { buildSchedule } from '../schedules/schedule';
import type { PlaneTrainConfig } from './trainConfig2';

/** A noise-conditional score: out = ∇log q_σ at every pair of xs (interleaved), for the σ given. */
export type SigmaScore = (xs: Batch, out: Batch, sigma: number) => void;

/** DDPM's own schedule for the ancestral sampler (Ho et al. 2020): linear β from 10⁻⁴ to 0.02 over T = 1000. */
export const DDPM_T = 1000;

/** The σ range a network was trained on: the ncsn ladder's ends, or [σ, σ] for a single-level objective. */
export function trainedSigmaRange(config: PlaneTrainConfig): [number, number] {
  if (config.objective !== 'ncsn') return [config.sigma, config.sigma];
  return [Math.min(config.smin, config.smax), Math.max(config.smin, config.smax)];
}

/** The diffusion samplers of sampling2d and the process each runs (the exact score: VP; learned: see above). */
export type PlaneDiffusionSampler = 'ddpm' | 'sde' | 'ode' | 'pc';

export function isDiffusionSampler(sampler: string): sampler is PlaneDiffusionSampler {
  return sampler === 'ddpm' || sampler === 'sde' || sampler === 'ode' || sampler === 'pc';
}

/**
 * The process a diffusion sampler runs and the target's own blur σ₀. The exact score: DDPM's discrete schedule for
 * ddpm and Song et al.'s VP SDE for the others (σ₀ = 0). A learned score: ddpm keeps its schedule; the reverse SDE,
 * ODE and PC run the VE SDE from the page's σ_max down to its σ_min, with σ₀ = σ_min.
 */
export function planeDiffusionProcess(
  sampler: PlaneDiffusionSampler,
  learned: boolean,
  smin: number,
  smax: number,
): { process: DiffusionProcess; sigma0: number } {
  if (sampler === 'ddpm') return { process: discreteProcess(buildSchedule('linear', DDPM_T)), sigma0: 0 };
  if (!learned) return { process: vpProcess(), sigma0: 0 };
  const lo = Math.min(smin, smax);
  return { process: veProcess({ sigmaMin: lo, sigmaMax: Math.max(smin, smax) }), sigma0: lo };
}

/** σ̃(t) = √(σ₀² + (s(t)/a(t))²): the level of q whose rescaling is p_t (see the file's comment). */
export function equivalentSigma(process: DiffusionProcess, t: number, sigma0: number): number {
  const r = process.s(t) / process.a(t);
  return Math.sqrt(sigma0 * sigma0 + r * r);
}

/** The smallest and largest σ̃ over the `steps`-step time grid: the levels a run would ask the network for. */
export function neededSigmaRange(process: DiffusionProcess, steps: number, sigma0: number): [number, number] {
  let lo = Infinity;
  let hi = 0;
  for (const t of process.grid(steps)) {
    // Where s(t) = 0 (a discrete schedule's last knot, t = 0) no sampler asks for the score: the step into it is
    // the posterior mean (ancestral) or an Euler step (Heun's rule in diffusion/steps.ts).
    if (!(process.s(t) > 0)) continue;
    const s = equivalentSigma(process, t, sigma0);
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  return [lo, hi];
}

/** [lo, hi] ⊂ [tlo, thi], with a relative slack of 10⁻⁹ for σ̃(t_end) computed as √(σ₀² + tiny). */
export function sigmaRangeCovered(needed: [number, number], trained: [number, number]): boolean {
  return needed[0] >= trained[0] * (1 - 1e-9) && needed[1] <= trained[1] * (1 + 1e-9);
}

/**
 * ∇log p_t from a noise-conditional score, by the identity above: x is divided by a, q is asked at σ̃(t), and the
 * answer divided by a. Buffers grow to the largest cloud seen and are then reused.
 */
export function learnedTimeScore(score: SigmaScore, process: DiffusionProcess, sigma0: number): TimeScore {
  let scaled = new Float64Array(0);
  let raw = new Float64Array(0);
  return (xs, t, out) => {
    const a = process.a(t);
    const sigma = equivalentSigma(process, t, sigma0);
    if (a === 1) {
      score(xs, out, sigma);
      return;
    }
    if (scaled.length < xs.length) {
      scaled = new Float64Array(xs.length);
      raw = new Float64Array(xs.length);
    }
    const x = scaled.subarray(0, xs.length);
    const s = raw.subarray(0, xs.length);
    for (let i = 0; i < xs.length; i++) x[i] = xs[i] / a;
    score(x, s, sigma);
    for (let i = 0; i < xs.length; i++) out[i] = s[i] / a;
  };
}

/** 3 significant digits, no trailing zeros: how σ ranges read in the notices. */
const sig = (v: number) => String(Number(v.toPrecision(3)));

/** What a learned diffusion run needs and has: the σ̃ range its grid asks for and the network's trained range. */
export interface LearnedCoverage {
  sampler: PlaneDiffusionSampler;
  needed: [number, number];
  trained: [number, number];
  covered: boolean;
}

export function learnedCoverage(
  run: { sampler: PlaneDiffusionSampler; steps: number; smin: number; smax: number },
  trained: [number, number],
): LearnedCoverage {
  const { process, sigma0 } = planeDiffusionProcess(run.sampler, true, run.smin, run.smax);
  const needed = neededSigmaRange(process, run.steps, sigma0);
  return { sampler: run.sampler, needed, trained, covered: sigmaRangeCovered(needed, trained) };
}

/**
 * One sentence: what the sampler asks the network for and what range it has (`has` names that range: the trained
 * one of a model, or the widest one the field page can train when there is no model yet).
 */
export function coverageSentence(c: LearnedCoverage, has = 'the network was trained on'): string {
  const range = (r: [number, number]) =>
    r[0] === r[1] ? `σ = ${sig(r[0])}` : `σ from ${sig(r[0])} to ${sig(r[1])}`;
  const asks =
    c.sampler === 'ddpm'
      ? `DDPM's ancestral sampler (linear schedule, T = ${DDPM_T}) asks for the score of p_t, which is q_σ rescaled with σ = √((1 − ᾱ_t)/ᾱ_t), at ${range(c.needed)}`
      : `The ${c.sampler === 'sde' ? 'reverse VE SDE' : c.sampler === 'ode' ? 'VE probability-flow ODE' : 'VE predictor–corrector'} from σ_max to σ_min asks for the score of q_σ at ${range(c.needed)}`;
  return `${asks}; ${has} ${range(c.trained)}.`;
}

/** Flow matching's path x_t = (1 − t) x_0 + t z is q_σ rescaled with σ = t/(1 − t), unbounded at t = 1. */
export const FLOW_REFUSAL =
  'Flow matching follows a velocity from t = 1, where its path x_t = (1 − t) x_0 + t z is q_σ rescaled with σ = t/(1 − t) → ∞: no network trained on a finite σ range covers it.';

/**
 * Why a run with `learned` cannot go ahead, or null when it can: Langevin and annealed always can (they ask for
 * the levels the page sets); flow matching never; the diffusion samplers when their σ̃ range is covered.
 */
export function learnedDiffusionRefusal(
  run: { sampler: string; steps: number; smin: number; smax: number },
  learned: { sigmaMin: number; sigmaMax: number },
  has?: string,
): string | null {
  if (run.sampler === 'fm') return FLOW_REFUSAL;
  if (!isDiffusionSampler(run.sampler)) return null;
  const c = learnedCoverage({ ...run, sampler: run.sampler }, [learned.sigmaMin, learned.sigmaMax]);
  return c.covered ? null : coverageSentence(c, has);
}
