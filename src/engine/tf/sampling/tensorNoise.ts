/**
 * Seeded standard normal noise generated on the tensor backend, one independent stream per particle.
 *
 * Why not tf.randomNormal: in tfjs-core 4.22 it draws every number in JavaScript and uploads the buffer, so on a
 * GPU each step would ship n floats across the bus — and with a seed it returns the same numbers on every call.
 *
 * The generator is Wichmann–Hill (1982, AS 183): three small multiplicative congruential generators
 *   s₁ ← 171 s₁ mod 30269,   s₂ ← 172 s₂ mod 30307,   s₃ ← 170 s₃ mod 30323,
 *   u = frac(s₁/30269 + s₂/30307 + s₃/30323),
 * chosen because every step is exact in float32, the one number type every backend (WebGL included) has: the
 * states are integers below 2¹⁵ and the products a·s below 5.2·10⁶ < 2²⁴, so the state never rounds, and the
 * same seed gives the same stream on every backend up to the rounding of u itself. Its period is ≈ 7·10¹².
 * Each particle's three states are seeded independently from the page seed (xoshiro128**, engine/rng.ts),
 * so particle i's stream starts at its own random point of that cycle.
 *
 * Normals by Box–Muller from two uniforms: r = √(−2 ln(1 − u₁)), θ = 2π u₂ gives two independent normals
 * r cos θ and r sin θ; the second is kept for the next step, so a pair of steps costs one pair of uniforms.
 * u has ~22 bits here (frac of a float32 sum below 3), so |z| ≤ √(2 · 22 ln 2) ≈ 5.5: a tail of probability
 * 4·10⁻⁸ is cut, far below anything a histogram shows.
 *
 * Ownership: the state tensors belong to the NoiseState; `nextNormals` returns a new state (and disposes
 * nothing), so the caller decides when the old one dies (tensorRun.ts disposes it after each step).
 */
import { Xoshiro128 } from '../../rng';
import { tf } from '../core';

const MODULI = [30269, 30307, 30323] as const;
const MULTIPLIERS = [171, 172, 170] as const;

export interface NoiseState {
  s1: tf.Tensor1D;
  s2: tf.Tensor1D;
  s3: tf.Tensor1D;
  /** The second normal of the last Box–Muller pair, used by the next step (null: draw a new pair). */
  spare: tf.Tensor1D | null;
}

/**
 * Per-particle seeds for blocks of `sizes` particles, all drawn in order from one stream of `seed`
 * (1 ≤ s_k < m_k: zero is the LCGs' fixed point). Splitting n particles into blocks differently changes nothing
 * about particle i's stream.
 */
export function seedNoise(sizes: readonly number[], seed: number): NoiseState[] {
  const stream = new Xoshiro128(seed);
  return sizes.map((n) => {
    const states = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
    for (let i = 0; i < n; i++)
      for (let k = 0; k < 3; k++) states[k][i] = 1 + (stream.nextU32() % (MODULI[k] - 1));
    const [s1, s2, s3] = states.map((s) => tf.tensor1d(s, 'float32'));
    return { s1, s2, s3, spare: null };
  });
}

/**
 * s ← a s mod m, in float32 without rounding: r = a s − m ⌊a s · (1/m)⌋. The quotient through the rounded
 * reciprocal is off by at most one, and only when a s lies within a few ulps of a multiple of m (the fractional
 * part of a s/m is at least 1/m ≈ 3·10⁻⁵ otherwise, far above the ≈ 2·10⁻⁵ worst rounding of a quotient below
 * 172). Such a state lands in (−m, 0) or [m, 2m) instead of [0, m): still an exact integer congruent to the
 * true one, so the next step (|a r| < 1.1·10⁷ < 2²⁴, still exact) continues the same sequence, and the uniform
 * below takes a fractional part, to which a whole multiple of m/m = 1 makes no difference. No second reduction
 * is needed, which saves a quarter of the generator's ops.
 */
function lcg(s: tf.Tensor1D, a: number, m: number): tf.Tensor1D {
  const x = tf.mul(s, a);
  return tf.sub(x, tf.mul(tf.floor(tf.mul(x, 1 / m)), m)) as tf.Tensor1D;
}

/** One uniform on [0, 1) per particle, and the advanced states. */
function uniform(state: NoiseState): { u: tf.Tensor1D; s1: tf.Tensor1D; s2: tf.Tensor1D; s3: tf.Tensor1D } {
  const s1 = lcg(state.s1, MULTIPLIERS[0], MODULI[0]);
  const s2 = lcg(state.s2, MULTIPLIERS[1], MODULI[1]);
  const s3 = lcg(state.s3, MULTIPLIERS[2], MODULI[2]);
  const t = tf.add(tf.add(tf.mul(s1, 1 / MODULI[0]), tf.mul(s2, 1 / MODULI[1])), tf.mul(s3, 1 / MODULI[2]));
  return { u: tf.sub(t, tf.floor(t)) as tf.Tensor1D, s1, s2, s3 };
}

/**
 * The next standard normal per particle. Call inside tf.tidy and keep (return) the new state's tensors; the
 * old state is left to the caller.
 */
export function nextNormals(state: NoiseState): { z: tf.Tensor1D; state: NoiseState } {
  if (state.spare) {
    // Hand the spare over; the states did not move.
    return { z: state.spare, state: { s1: state.s1, s2: state.s2, s3: state.s3, spare: null } };
  }
  const a = uniform(state);
  const b = uniform({ ...state, s1: a.s1, s2: a.s2, s3: a.s3 });
  const radius = tf.sqrt(tf.mul(tf.log(tf.sub(1, a.u)), -2));
  const angle = tf.mul(b.u, 2 * Math.PI);
  return {
    z: tf.mul(radius, tf.cos(angle)) as tf.Tensor1D,
    state: { s1: b.s1, s2: b.s2, s3: b.s3, spare: tf.mul(radius, tf.sin(angle)) as tf.Tensor1D },
  };
}

/** The tensors a state owns (for disposal and for tidy's return value). */
export function noiseTensors(state: NoiseState): tf.Tensor[] {
  return state.spare ? [state.s1, state.s2, state.s3, state.spare] : [state.s1, state.s2, state.s3];
}
