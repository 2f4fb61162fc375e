/**
 * The one seeded random generator of the app: every stream of random numbers starts here.
 *
 * Bits: xoshiro128** (Blackman & Vigna 2018) on four 32-bit words. Each step outputs
 *   rotl(s₁ · 5, 7) · 9   (mod 2³²)
 * and advances the state by the linear map t = s₁ ≪ 9; s₂ ^= s₀; s₃ ^= s₁; s₁ ^= s₂; s₀ ^= s₃; s₂ ^= t;
 * s₃ = rotl(s₃, 11), whose period is 2¹²⁸ − 1 (every state but all-zero). The state is filled from the seed by
 * splitmix32 (a Weyl sequence, step 0x9e3779b9, through the murmur3 finaliser), so nearby seeds give unrelated
 * streams.
 *
 * Two consumers read these bits: `createRng` below (uniforms with 53 bits, normals by Box–Muller, for one-off
 * draws) and `NormalStream` in sampling/normalStream.ts (a ziggurat for the samplers' hot loop), which extends
 * `Xoshiro128`. The same seed always gives the same numbers; tests/unit/rng.test.ts pins the bits against the
 * published reference outputs and an independent BigInt implementation.
 */
export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** An array of n standard normal draws. */
  normals(n: number): Float64Array;
  /** An independent generator derived from this one (for sub-tasks that must not shift the main stream). */
  fork(): Rng;
}

/**
 * splitmix32: x ← x + 0x9e3779b9, then z = x; z = (z ⊕ z≫16)·0x85ebca6b; z = (z ⊕ z≫13)·0xc2b2ae35;
 * output z ⊕ z≫16 (all mod 2³²). Spreads a seed into well-mixed words.
 */
export function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** The four state words of xoshiro128**, as unsigned 32-bit integers. */
export type XoshiroState = readonly [number, number, number, number];

/** The state splitmix32 gives a seed (the seed is floored and taken mod 2³²; all-zero becomes s₀ = 1). */
export function seedState(seed: number): XoshiroState {
  const next = splitmix32(Math.floor(seed) | 0);
  const s: [number, number, number, number] = [next(), next(), next(), next()];
  // The all-zero state is xoshiro's one fixed point.
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  return s;
}

/** xoshiro128**: 32 random bits per call. Extend it to turn the bits into draws. */
export class Xoshiro128 {
  // The state, kept as int32 values (JavaScript's bitwise operators work on int32).
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A generator seeded by splitmix32, or started from an explicit state (for the known-answer tests). */
  constructor(seed: number | XoshiroState) {
    const s = typeof seed === 'number' ? seedState(seed) : seed;
    this.s0 = s[0] | 0;
    this.s1 = s[1] | 0;
    this.s2 = s[2] | 0;
    this.s3 = s[3] | 0;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextU32(): number {
    const s1 = this.s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }
}

/** 2⁻²⁶ and 2⁻⁵³, to build a 53-bit uniform from two outputs. */
const TWO_POW_26 = 67108864;
const TWO_POW_M53 = 1 / 9007199254740992;

/**
 * Uniforms on [0, 1) with 53 random bits (the top 27 bits of one output, then the top 26 of the next: u =
 * (a≫5 · 2²⁶ + b≫6) / 2⁵³); normals by Box–Muller from two uniforms, r = √(−2 ln(1 − u₁)), θ = 2π u₂, returning
 * r cos θ and keeping r sin θ for the next call.
 */
export function createRng(seed: number): Rng {
  const bits = new Xoshiro128(seed);

  const uniform = (): number => {
    const hi = bits.nextU32() >>> 5;
    const lo = bits.nextU32() >>> 6;
    return (hi * TWO_POW_26 + lo) * TWO_POW_M53;
  };

  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // 1 − u₁ lies in (0, 1], so the log is finite.
    const u1 = 1 - uniform();
    const u2 = uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  return {
    uniform,
    normal,
    normals(n: number) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = normal();
      return out;
    },
    fork() {
      return createRng(bits.nextU32());
    },
  };
}
