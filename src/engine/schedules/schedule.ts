/**
 * A schedule on one common footing: whatever defines it (β_t or σ_t), every schedule gets the same
 * comparison axes for t = 1..T (arrays are 0-based: x[t − 1] belongs to step t):
 *
 *   λ_t = σ_t/α_t = SNR_t^(−1/2),   log SNR_t = −2 log λ_t   (natural log),
 *
 * with α_t = √ᾱ_t, σ_t = √(1 − ᾱ_t) for VP schedules, and α_t = 1, λ_t = σ_t for VE ones. λ is the noise
 * standard deviation measured in units of the remaining signal: x_t/α_t = x_0 + λ_t ε. So a VE process at σ
 * and a VP process at λ = σ are the same data under the same noise, up to the scale factor α_t; in
 * particular a VE level σ corresponds to ᾱ = 1/(1 + σ²).
 */
import { cosineBetas, linearBetas, linvarBetas, sigmoidBetas } from './betas';
import { SCHEDULE_INFO, type ScheduleName } from './names';
import { geometricSigmas, karrasSigmas } from './sigmas';

interface ScheduleBase {
  name: ScheduleName;
  T: number;
  /** λ_t = σ_t/α_t. */
  lambda: Float64Array;
  /** log SNR_t = log(α_t²/σ_t²) = −2 log λ_t. */
  logSNR: Float64Array;
}

export interface VpSchedule extends ScheduleBase {
  family: 'vp';
  beta: Float64Array;
  /** α_t = 1 − β_t (the per-step signal variance kept; not the α_t = √ᾱ_t of λ's definition). */
  alpha: Float64Array;
  /** ᾱ_t = Π_{s ≤ t} α_s. */
  alphaBar: Float64Array;
  /** log ᾱ_t, summed as Σ log(1 − β_s) so it stays exact when ᾱ_t underflows. */
  logAlphaBar: Float64Array;
}

export interface VeSchedule extends ScheduleBase {
  family: 've';
  /** σ_t, increasing in t. */
  sigma: Float64Array;
  /** The VP ᾱ with the same λ: 1/(1 + σ_t²). */
  equivalentAlphaBar: Float64Array;
}

export type Schedule = VpSchedule | VeSchedule;

/** The VP quantities from β: α, ᾱ (as a running product in log space), λ and log SNR. */
export function vpFromBetas(name: ScheduleName, beta: Float64Array): VpSchedule {
  const T = beta.length;
  const alpha = new Float64Array(T);
  const alphaBar = new Float64Array(T);
  const logAlphaBar = new Float64Array(T);
  const lambda = new Float64Array(T);
  const logSNR = new Float64Array(T);
  let logProduct = 0;
  for (let i = 0; i < T; i++) {
    alpha[i] = 1 - beta[i];
    logProduct += Math.log1p(-beta[i]);
    logAlphaBar[i] = logProduct;
    alphaBar[i] = Math.exp(logProduct);
    // SNR = ᾱ/(1 − ᾱ); 1 − ᾱ = −expm1(log ᾱ) keeps precision when ᾱ is close to 1.
    logSNR[i] = logProduct - Math.log(-Math.expm1(logProduct));
    lambda[i] = Math.exp(-0.5 * logSNR[i]);
  }
  return { name, family: 'vp', T, beta, alpha, alphaBar, logAlphaBar, lambda, logSNR };
}

/** The VE quantities from σ: λ = σ, log SNR = −2 log σ, and the equivalent ᾱ. */
export function veFromSigmas(name: ScheduleName, sigma: Float64Array): VeSchedule {
  const T = sigma.length;
  const lambda = Float64Array.from(sigma);
  const logSNR = sigma.map((s) => -2 * Math.log(s));
  const equivalentAlphaBar = sigma.map((s) => 1 / (1 + s * s));
  return { name, family: 've', T, sigma, lambda, logSNR, equivalentAlphaBar };
}

/** The named schedule with T steps (T ≥ 1). */
export function buildSchedule(name: ScheduleName, T: number): Schedule {
  const steps = Math.max(1, Math.floor(T));
  switch (name) {
    case 'linear':
      return vpFromBetas(name, linearBetas(steps));
    case 'cosine':
      return vpFromBetas(name, cosineBetas(steps));
    case 'linvar':
      return vpFromBetas(name, linvarBetas(steps));
    case 'sigmoid':
    case 'tanh':
    case 'softsign':
      return vpFromBetas(name, sigmoidBetas(name, steps));
    case 'geometric':
      return veFromSigmas(name, geometricSigmas(steps));
    case 'karras':
      return veFromSigmas(name, karrasSigmas(steps));
  }
}

export function scheduleFamily(name: ScheduleName): 'vp' | 've' {
  return SCHEDULE_INFO[name].family;
}

/**
 * x_t = a_t x_0 + s_t ε at step t (0 ≤ t ≤ T; t = 0 is the clean data, a = 1, s = 0):
 * VP a = √ᾱ_t, s = √(1 − ᾱ_t); VE a = 1, s = σ_t.
 */
export function marginalCoefficients(schedule: Schedule, t: number): { a: number; s: number } {
  if (t <= 0) return { a: 1, s: 0 };
  const i = Math.min(schedule.T, Math.round(t)) - 1;
  if (schedule.family === 've') return { a: 1, s: schedule.sigma[i] };
  const logAlphaBar = schedule.logAlphaBar[i];
  return { a: Math.exp(0.5 * logAlphaBar), s: Math.sqrt(-Math.expm1(logAlphaBar)) };
}

/** Thresholds of the read-out: ᾱ < 0.01 (VP) or λ > 10 (VE) is "signal gone"; ᾱ > 0.99 or λ < 0.1 is "clean". */
export const GONE_ALPHA_BAR = 0.01;
export const CLEAN_ALPHA_BAR = 0.99;
export const GONE_LAMBDA = 10;
export const CLEAN_LAMBDA = 0.1;

export interface SignalShares {
  /** Steps where the signal is essentially gone. */
  goneSteps: number;
  /** Steps where the data is still essentially clean. */
  cleanSteps: number;
  gone: number;
  clean: number;
  /** The share in between: the steps that do the work of turning noise into data. */
  between: number;
}

/**
 * How the T steps divide up. ᾱ < 0.01 means λ > √99 ≈ 9.95: the remaining signal is a tenth of the noise
 * or less. ᾱ > 0.99 means λ < 0.1005: the noise is a tenth of the signal or less.
 */
export function signalShares(schedule: Schedule): SignalShares {
  let goneSteps = 0;
  let cleanSteps = 0;
  for (let i = 0; i < schedule.T; i++) {
    if (schedule.family === 'vp') {
      const ab = schedule.alphaBar[i];
      if (ab < GONE_ALPHA_BAR) goneSteps++;
      else if (ab > CLEAN_ALPHA_BAR) cleanSteps++;
    } else {
      const l = schedule.lambda[i];
      if (l > GONE_LAMBDA) goneSteps++;
      else if (l < CLEAN_LAMBDA) cleanSteps++;
    }
  }
  const T = schedule.T;
  return {
    goneSteps,
    cleanSteps,
    gone: goneSteps / T,
    clean: cleanSteps / T,
    between: (T - goneSteps - cleanSteps) / T,
  };
}
