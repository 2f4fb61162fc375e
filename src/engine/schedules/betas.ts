/**
 * β_t, t = 1..T, of the variance-preserving schedules (SCIENCE.md §5). Arrays are 0-based: beta[t − 1] is β_t.
 *
 * Each function returns the β the forward process really uses, after any clipping; ᾱ_t is then the running
 * product of α_s = 1 − β_s (vp.ts), so ᾱ and β always agree even where the clip bites.
 */

/** DDPM's range (Ho et al. 2020), tuned for T = 1000. */
export const BETA_START = 1e-4;
export const BETA_END = 0.02;
/** Cosine offset s: keeps β_1 from being vanishingly small (Nichol & Dhariwal 2021). */
export const COSINE_OFFSET = 0.008;
/** Cosine β is clipped here: the last step would otherwise be β_T = 1 and destroy x entirely. */
export const COSINE_MAX_BETA = 0.999;
/** Linear-variance β is clipped to this range (its last step is otherwise exactly 1). */
export const LINVAR_BETA_RANGE: readonly [number, number] = [1e-4, 0.9999];
/** The sigmoid family reads its shape g(u) on u ∈ [−6, 6]. */
export const SIGMOID_SPAN = 6;

/** Position of step t along 1..T as a fraction in [0, 1] (T = 1 gives 0). */
function fraction(t: number, T: number): number {
  return T > 1 ? (t - 1) / (T - 1) : 0;
}

/** β_t = β_start + (t − 1)/(T − 1) · (β_end − β_start). */
export function linearBetas(T: number, start = BETA_START, end = BETA_END): Float64Array {
  const out = new Float64Array(T);
  for (let t = 1; t <= T; t++) out[t - 1] = start + fraction(t, T) * (end - start);
  return out;
}

/** f(t) = cos²(((t/T + s)/(1 + s)) · π/2): ᾱ_t = f(t)/f(0) before clipping. */
export function cosineF(t: number, T: number, s = COSINE_OFFSET): number {
  const c = Math.cos((((t / T + s) / (1 + s)) * Math.PI) / 2);
  return c * c;
}

/** β_t = 1 − ᾱ_t/ᾱ_{t−1} = 1 − f(t)/f(t − 1), clipped to at most 0.999. */
export function cosineBetas(T: number, s = COSINE_OFFSET, maxBeta = COSINE_MAX_BETA): Float64Array {
  const out = new Float64Array(T);
  let previous = cosineF(0, T, s);
  for (let t = 1; t <= T; t++) {
    const current = cosineF(t, T, s);
    out[t - 1] = Math.min(maxBeta, 1 - current / previous);
    previous = current;
  }
  return out;
}

/**
 * ᾱ_t = 1 − t/T falls by the same amount each step, so β_t = 1 − ᾱ_t/ᾱ_{t−1} = 1/(T − t + 1): tiny at first,
 * 1 at the last step (clipped to 0.9999).
 */
export function linvarBetas(T: number, range: readonly [number, number] = LINVAR_BETA_RANGE): Float64Array {
  const out = new Float64Array(T);
  for (let t = 1; t <= T; t++) out[t - 1] = Math.min(range[1], Math.max(range[0], 1 / (T - t + 1)));
  return out;
}

export type SigmoidShape = 'sigmoid' | 'tanh' | 'softsign';

const SHAPES: Readonly<Record<SigmoidShape, (u: number) => number>> = {
  sigmoid: (u) => 1 / (1 + Math.exp(-u)),
  tanh: Math.tanh,
  softsign: (u) => u / (1 + Math.abs(u)),
};

/**
 * This project's sigmoid family: u_t linear from −6 to 6, and
 *   β_t = β_start + (β_end − β_start) · (g(u_t) − g(−6)) / (g(6) − g(−6)),
 * so β runs from β_start to β_end like the linear schedule, but along an S-curve: slow at both ends. The
 * three shapes differ in how sharp the S is (tanh is the sharpest, softsign's tails the heaviest).
 */
export function sigmoidBetas(
  shape: SigmoidShape,
  T: number,
  start = BETA_START,
  end = BETA_END,
): Float64Array {
  const g = SHAPES[shape];
  const lo = g(-SIGMOID_SPAN);
  const hi = g(SIGMOID_SPAN);
  const out = new Float64Array(T);
  for (let t = 1; t <= T; t++) {
    const u = -SIGMOID_SPAN + 2 * SIGMOID_SPAN * fraction(t, T);
    out[t - 1] = start + ((end - start) * (g(u) - lo)) / (hi - lo);
  }
  return out;
}
