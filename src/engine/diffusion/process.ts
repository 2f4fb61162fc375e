/**
 * A diffusion process in continuous time t ∈ [0, 1] (SCIENCE.md §7): a linear forward SDE
 *
 *   dx = f(t) x dt + g(t) dw,   whose marginals are   x_t = a(t) x_0 + s(t) ε,  ε ~ N(0, 1),
 *
 * with a' = f a and (s²)' = 2 f s² + g². Every sampler in this folder needs only these four functions, so the
 * same samplers run on the continuous VP and VE SDEs and on any discrete schedule lifted to continuous time.
 *
 * - VP (continuous DDPM): β(t) = β_min + t (β_max − β_min), B(t) = ∫₀ᵗ β = β_min t + ½ (β_max − β_min) t²;
 *   f = −β/2, g² = β, a = e^(−B/2), s² = 1 − e^(−B).
 * - VE (continuous NCSN): σ(t) = σ_min (σ_max/σ_min)^t; f = 0, g² = dσ²/dt = 2 σ² ln(σ_max/σ_min), a = 1,
 *   s² = σ(t)² − σ(0)² (so s(0) = 0: x_0 is the data).
 * - A discrete schedule with T steps puts step k at t = k/T and interpolates log a² (VP) or s² (VE) linearly
 *   between these knots. Then f and g² are constant on each interval ((k − 1)/T, k/T]: for VP,
 *   log a² = log ᾱ gives f = ½ T log α_k and g² = −T log α_k ≈ T β_k; for VE, g² = T (σ_k² − σ_{k−1}²).
 *   A knot belongs to the interval below it, the one a reverse step starting there crosses first. Sampling
 *   times are always knots, so a and s are evaluated exactly where the schedule defines them.
 */
import type { Schedule } from '../schedules/schedule';

export interface Transition {
  /** Signal factor from t' to t: a(t)/a(t'). */
  alpha: number;
  /** Variance added from t' to t: s(t)² − alpha² s(t')². */
  variance: number;
}

export interface DiffusionProcess {
  /** 'fm': the straight flow-matching path of engine/flow (a = 1 − t, s = t), sampled by its own velocity. */
  family: 'vp' | 've' | 'fm';
  /** Human-readable, e.g. "VP SDE (β 0.1 → 20)". */
  label: string;
  a(t: number): number;
  s(t: number): number;
  /** f(t): the drift is f(t) · x. */
  drift(t: number): number;
  /** g(t)². */
  g2(t: number): number;
  /** The forward step from t' < t to t, computed without cancellation. */
  transition(t: number, tPrev: number): Transition;
  /** `steps + 1` decreasing times from 1 to the end time: the reverse samplers' grid. */
  grid(steps: number): Float64Array;
  /** The reverse process starts from N(0, priorStd²). */
  priorStd: number;
  /** For a discrete schedule: its T (sampling times are then multiples of 1/T). */
  trainingSteps?: number;
}

/** Song et al. 2021's VP SDE and its end time ε = 10⁻³ (the score is never asked for at t = 0). */
export const DEFAULT_VP = { betaMin: 0.1, betaMax: 20, tEnd: 1e-3 } as const;
/**
 * VE defaults. σ_max should be about the largest distance between data points (Song & Ermon 2020,
 * technique 1), ≈ 7 for the default mixture: 20 leaves room for edited mixtures, where the CIFAR-10
 * value 50 would only spend steps on noise levels far beyond the data. End time ε = 10⁻⁵ as in Song et al.
 */
export const DEFAULT_VE = { sigmaMin: 0.01, sigmaMax: 20, tEnd: 1e-5 } as const;

/** Evenly spaced decreasing times from 1 to tEnd: steps + 1 values. */
function uniformGrid(steps: number, tEnd: number): Float64Array {
  const n = Math.max(1, Math.floor(steps));
  const out = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) out[i] = 1 - (i / n) * (1 - tEnd);
  return out;
}

export function vpProcess(options: Partial<Record<keyof typeof DEFAULT_VP, number>> = {}): DiffusionProcess {
  const { betaMin, betaMax, tEnd } = { ...DEFAULT_VP, ...options };
  const beta = (t: number) => betaMin + t * (betaMax - betaMin);
  const B = (t: number) => betaMin * t + 0.5 * (betaMax - betaMin) * t * t;
  return {
    family: 'vp',
    label: `VP SDE (β ${betaMin} → ${betaMax})`,
    a: (t) => Math.exp(-0.5 * B(t)),
    s: (t) => Math.sqrt(Math.max(0, -Math.expm1(-B(t)))),
    drift: (t) => -0.5 * beta(t),
    g2: beta,
    transition(t, tPrev) {
      const dB = B(t) - B(tPrev);
      return { alpha: Math.exp(-0.5 * dB), variance: -Math.expm1(-dB) };
    },
    grid: (steps) => uniformGrid(steps, tEnd),
    priorStd: 1,
  };
}

export function veProcess(options: Partial<Record<keyof typeof DEFAULT_VE, number>> = {}): DiffusionProcess {
  const { sigmaMin, sigmaMax, tEnd } = { ...DEFAULT_VE, ...options };
  const logRatio = Math.log(sigmaMax / sigmaMin);
  const sigma = (t: number) => sigmaMin * Math.exp(t * logRatio);
  // s² = σ(t)² − σ_min² = σ_min² (e^(2t ln r) − 1), written with expm1 for small t.
  const s2 = (t: number) => sigmaMin * sigmaMin * Math.expm1(2 * t * logRatio);
  return {
    family: 've',
    label: `VE SDE (σ ${sigmaMin} → ${sigmaMax})`,
    a: () => 1,
    s: (t) => Math.sqrt(Math.max(0, s2(t))),
    drift: () => 0,
    g2: (t) => 2 * sigma(t) * sigma(t) * logRatio,
    transition: (t, tPrev) => ({ alpha: 1, variance: s2(t) - s2(tPrev) }),
    grid: (steps) => uniformGrid(steps, tEnd),
    priorStd: Math.sqrt(s2(1)),
  };
}

/**
 * The kept training steps when sampling a T-step schedule in S steps: S whole steps spread evenly from 1 to T
 * (both always kept), increasing. S ≥ T keeps every step.
 */
export function keptSteps(T: number, S: number): Int32Array {
  const count = Math.max(1, Math.min(T, Math.floor(S)));
  if (count === 1) return Int32Array.of(T);
  const kept: number[] = [];
  for (let i = 0; i < count; i++) {
    const k = Math.round(1 + (i * (T - 1)) / (count - 1));
    if (kept.length === 0 || k > kept[kept.length - 1]) kept.push(k);
  }
  return Int32Array.from(kept);
}

/** A discrete schedule as a process on knots t = k/T (see the file comment). */
export function discreteProcess(schedule: Schedule): DiffusionProcess {
  const T = schedule.T;
  // knot[k] = log ᾱ_k (VP) or σ_k² (VE) for k = 0..T; knot[0] = 0 either way.
  const knot = new Float64Array(T + 1);
  for (let k = 1; k <= T; k++) {
    knot[k] = schedule.family === 'vp' ? schedule.logAlphaBar[k - 1] : schedule.sigma[k - 1] ** 2;
  }
  /** The knot value interpolated at t. */
  const at = (t: number) => {
    const u = Math.min(T, Math.max(0, t * T));
    const k = Math.min(T - 1, Math.floor(u));
    const w = u - k;
    return w === 0 ? knot[k] : knot[k] + w * (knot[k + 1] - knot[k]);
  };
  /** Slope d(knot)/dt on the interval containing t, a knot counting with the interval below it. */
  const slope = (t: number) => {
    const k = Math.min(T, Math.max(1, Math.ceil(t * T - 1e-9)));
    return T * (knot[k] - knot[k - 1]);
  };
  const grid = (steps: number) => {
    const kept = keptSteps(T, steps);
    const out = new Float64Array(kept.length + 1);
    for (let i = 0; i < kept.length; i++) out[i] = kept[kept.length - 1 - i] / T;
    out[kept.length] = 0;
    return out;
  };
  const name = schedule.name;
  if (schedule.family === 'vp') {
    return {
      family: 'vp',
      label: `DDPM, ${name} schedule (T = ${T})`,
      a: (t) => Math.exp(0.5 * at(t)),
      s: (t) => Math.sqrt(Math.max(0, -Math.expm1(at(t)))),
      drift: (t) => 0.5 * slope(t),
      g2: (t) => -slope(t),
      transition(t, tPrev) {
        const d = at(t) - at(tPrev);
        return { alpha: Math.exp(0.5 * d), variance: -Math.expm1(d) };
      },
      grid,
      priorStd: 1,
      trainingSteps: T,
    };
  }
  return {
    family: 've',
    label: `VE, ${name} σ (T = ${T})`,
    a: () => 1,
    s: (t) => Math.sqrt(at(t)),
    drift: () => 0,
    g2: slope,
    transition: (t, tPrev) => ({ alpha: 1, variance: at(t) - at(tPrev) }),
    grid,
    priorStd: Math.sqrt(knot[T]),
    trainingSteps: T,
  };
}
