/**
 * Philox4x32-10, the counter-based random number generator of Salmon et al., "Parallel random numbers: as easy as
 * 1, 2, 3" (SC 2011), written once in WGSL for the fused GPU kernels and once in JavaScript as their reference.
 *
 * Why counter-based: a GPU thread needs its own independent stream without any shared state. Philox maps a
 * 128-bit counter and a 64-bit key to 128 random bits by 10 rounds of a bijection, so the numbers a kernel draws are
 * a pure function of (counter, key). A seed becomes the key, and (particle or batch row, step, purpose) becomes the
 * counter: a run is reproducible from its seed on any device, whatever the dispatch size or thread order.
 *
 * One round on the counter (c0, c1, c2, c3) with key (k0, k1):
 *   (hi0, lo0) = M0 · c0,  (hi1, lo1) = M1 · c2          (full 32 × 32 → 64-bit products)
 *   c ← (hi1 ⊕ c1 ⊕ k0,  lo1,  hi0 ⊕ c3 ⊕ k1,  lo0)
 * and between rounds the key is bumped by the Weyl constants: k0 += W0, k1 += W1 (mod 2³²).
 *
 * WGSL has no 64-bit integers, so the high word of a 32 × 32 product is assembled from 16-bit halves
 * (a = aₕ2¹⁶ + aₗ, b = bₕ2¹⁶ + bₗ; every partial product fits in 32 bits); the JavaScript reference does the same.
 */

export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_W0 = 0x9e3779b9;
export const PHILOX_W1 = 0xbb67ae85;
export const PHILOX_ROUNDS = 10;

/** The high 32 bits of the 64-bit product a · b of two unsigned 32-bit integers. */
export function mulHi32(a: number, b: number): number {
  const aHi = a >>> 16;
  const aLo = a & 0xffff;
  const bHi = b >>> 16;
  const bLo = b & 0xffff;
  const cross1 = aHi * bLo; // < 2³²: exact in a double
  const cross2 = aLo * bHi;
  const low = aLo * bLo;
  const carry = ((cross1 & 0xffff) + (cross2 & 0xffff) + (low >>> 16)) >>> 16;
  return (aHi * bHi + (cross1 >>> 16) + (cross2 >>> 16) + carry) >>> 0;
}

/** Philox4x32-10 of a counter (four u32) under a key (two u32): four random u32. */
export function philox4x32(counter: ArrayLike<number>, key: ArrayLike<number>): Uint32Array {
  let c0 = counter[0] >>> 0;
  let c1 = counter[1] >>> 0;
  let c2 = counter[2] >>> 0;
  let c3 = counter[3] >>> 0;
  let k0 = key[0] >>> 0;
  let k1 = key[1] >>> 0;
  for (let round = 0; round < PHILOX_ROUNDS; round++) {
    if (round > 0) {
      k0 = (k0 + PHILOX_W0) >>> 0;
      k1 = (k1 + PHILOX_W1) >>> 0;
    }
    const hi0 = mulHi32(PHILOX_M0, c0);
    const lo0 = Math.imul(PHILOX_M0, c0) >>> 0;
    const hi1 = mulHi32(PHILOX_M1, c2);
    const lo1 = Math.imul(PHILOX_M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  return Uint32Array.of(c0, c1, c2, c3);
}

/**
 * A u32 to a float32 uniform on the open interval (0, 1): the top 24 bits, centred in their cell,
 * u = (⌊b / 2⁸⌋ + ½) · 2⁻²⁴. Never 0, so log u is finite in Box–Muller. Exact in float32.
 */
export function uniformFromBits(bits: number): number {
  return ((bits >>> 8) + 0.5) * 2 ** -24;
}

/**
 * Two independent standard normals from two uniforms (Box–Muller):
 * z₀ = √(−2 ln u₁) cos 2πu₂, z₁ = √(−2 ln u₁) sin 2πu₂.
 * Computed here in double precision; the GPU computes it in float32, so the two agree to about 1e-6 relative
 * (not bit for bit, unlike the u32 words and the uniforms).
 */
export function normalPair(u1: number, u2: number): [number, number] {
  const radius = Math.sqrt(-2 * Math.log(u1));
  const angle = 2 * Math.PI * u2;
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

/** Four standard normals from one Philox call: Box–Muller on words (0, 1) and (2, 3). */
export function philoxNormals(counter: ArrayLike<number>, key: ArrayLike<number>): Float64Array {
  const bits = philox4x32(counter, key);
  const [z0, z1] = normalPair(uniformFromBits(bits[0]), uniformFromBits(bits[1]));
  const [z2, z3] = normalPair(uniformFromBits(bits[2]), uniformFromBits(bits[3]));
  return Float64Array.of(z0, z1, z2, z3);
}

/**
 * The same generator in WGSL, to be pasted at the top of a kernel's source. Provides
 *   philox4x32(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32>
 *   philoxUniform4(counter, key) -> vec4<f32>   (each in (0, 1), as uniformFromBits)
 *   philoxNormal4(counter, key) -> vec4<f32>    (four standard normals, as philoxNormals)
 */
export const PHILOX_WGSL = /* wgsl */ `
fn philoxMulHi(a: u32, b: u32) -> u32 {
  let aHi = a >> 16u;
  let aLo = a & 0xffffu;
  let bHi = b >> 16u;
  let bLo = b & 0xffffu;
  let cross1 = aHi * bLo;
  let cross2 = aLo * bHi;
  let low = aLo * bLo;
  let carry = ((cross1 & 0xffffu) + (cross2 & 0xffffu) + (low >> 16u)) >> 16u;
  return aHi * bHi + (cross1 >> 16u) + (cross2 >> 16u) + carry;
}

fn philox4x32(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = counter;
  var k = key;
  for (var round = 0u; round < ${PHILOX_ROUNDS}u; round = round + 1u) {
    if (round > 0u) {
      k = k + vec2<u32>(${PHILOX_W0}u, ${PHILOX_W1}u);
    }
    let hi0 = philoxMulHi(${PHILOX_M0}u, c.x);
    let lo0 = ${PHILOX_M0}u * c.x;
    let hi1 = philoxMulHi(${PHILOX_M1}u, c.z);
    let lo1 = ${PHILOX_M1}u * c.z;
    c = vec4<u32>(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
  }
  return c;
}

fn philoxUniform4(counter: vec4<u32>, key: vec2<u32>) -> vec4<f32> {
  let bits = philox4x32(counter, key);
  return (vec4<f32>(bits >> vec4<u32>(8u)) + vec4<f32>(0.5)) * ${2 ** -24};
}

fn philoxNormal4(counter: vec4<u32>, key: vec2<u32>) -> vec4<f32> {
  let u = philoxUniform4(counter, key);
  let r01 = sqrt(-2.0 * log(u.x));
  let r23 = sqrt(-2.0 * log(u.z));
  let a01 = 6.283185307179586 * u.y;
  let a23 = 6.283185307179586 * u.w;
  return vec4<f32>(r01 * cos(a01), r01 * sin(a01), r23 * cos(a23), r23 * sin(a23));
}
`;
