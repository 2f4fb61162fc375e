/**
 * A fast, seeded stream of standard normal draws for the samplers' hot loop.
 *
 * The app's `createRng` draws normals by Box–Muller (a log, a square root and a sine/cosine per pair, plus two
 * generator outputs per uniform): fine for one-off draws, too slow for 10⁶ particles × hundreds of steps.
 * Here:
 * - the bits come from the app's one generator, xoshiro128** (rng.ts), whose every output bit is of good
 *   quality, so the low bits can be used directly;
 * - normals come from a ziggurat (Marsaglia & Tsang 2000) of 128 layers: about 97% of draws cost one
 *   32-bit output, a table look-up, a multiply and a compare. Unlike the classic code, the layer index, the
 *   sign and the position within the layer use disjoint bits of that output (7 + 1 + 24), so they are
 *   independent (the correlation Doornik 2005 found in the original comes from reusing the same bits).
 *
 * The stream is deterministic: the same seed always gives the same sequence.
 */
import { Xoshiro128 } from '../rng';

/** Number of ziggurat layers (a power of two: the index is the low 7 bits of one output). */
const LAYERS = 128;
/** Right edge of the base layer's rectangle, where the tail begins (for 128 layers). */
const TAIL_START = 3.442619855899;
/** Area of every layer under f(x) = exp(−x²/2) (the unnormalised half-normal), for 128 layers. */
const LAYER_AREA = 9.91256303526217e-3;
/** 2⁻²⁴: turns the top 24 bits of an output into a uniform on [0, 1). */
const TWO_POW_M24 = 1 / 16777216;
/** 2⁻³²: turns an output into a uniform on [0, 1) (or (0, 1] after adding 1). */
const TWO_POW_M32 = 1 / 4294967296;

const halfGauss = (x: number): number => Math.exp(-0.5 * x * x);

/**
 * The ziggurat's edges. X[1] = r is where the tail begins; each layer above has area v:
 *   X[i] (f(X[i+1]) − f(X[i])) = v  ⇒  X[i+1] = f⁻¹(f(X[i]) + v / X[i]),  f⁻¹(y) = √(−2 ln y),
 * and the base layer gets a virtual width X[0] = v / f(r), so that its rectangle [0, X[0]] × [0, f(r)] has
 * area v too (the tail's mass is sampled separately when a point lands beyond r). X[128] = 0 closes the top:
 * with these r and v the top layer's area X[127] (1 − f(X[127])) comes out as v to 1e-9.
 *
 * Layer i is the rectangle [0, X[i]] × [f(X[i]), f(X[i+1])] (the base layer reaches down to 0). A point with
 * x < X[i+1] lies under the curve for sure (f is decreasing), which gives the fast path.
 */
function buildTables(): {
  width: Float64Array;
  inner: Float64Array;
  fLow: Float64Array;
  fHigh: Float64Array;
} {
  const edges = new Float64Array(LAYERS + 1);
  edges[0] = LAYER_AREA / halfGauss(TAIL_START);
  edges[1] = TAIL_START;
  for (let i = 1; i < LAYERS - 1; i++) {
    edges[i + 1] = Math.sqrt(-2 * Math.log(halfGauss(edges[i]) + LAYER_AREA / edges[i]));
  }
  edges[LAYERS] = 0;
  const width = new Float64Array(LAYERS);
  const inner = new Float64Array(LAYERS);
  const fLow = new Float64Array(LAYERS);
  const fHigh = new Float64Array(LAYERS);
  for (let i = 0; i < LAYERS; i++) {
    width[i] = edges[i];
    inner[i] = edges[i + 1] / edges[i];
    fLow[i] = i === 0 ? 0 : halfGauss(edges[i]);
    fHigh[i] = halfGauss(edges[i + 1]);
  }
  return { width, inner, fLow, fHigh };
}

const TABLES = buildTables();
const WIDTH = TABLES.width;
const INNER = TABLES.inner;
const F_LOW = TABLES.fLow;
const F_HIGH = TABLES.fHigh;

/** Normal draws from the bits of `Xoshiro128` (seeded as in rng.ts: the same seed, the same draws). */
export class NormalStream extends Xoshiro128 {
  /** Uniform on (0, 1]: never 0, so its logarithm is finite. */
  uniformPositive(): number {
    return (this.nextU32() + 1) * TWO_POW_M32;
  }

  /** One standard normal draw. */
  normal(): number {
    const bits = this.nextU32();
    const layer = bits & (LAYERS - 1);
    const u = (bits >>> 8) * TWO_POW_M24;
    if (u < INNER[layer]) {
      const x = u * WIDTH[layer];
      return bits & LAYERS ? -x : x;
    }
    return this.slowNormal(bits);
  }

  /** Fills out[start..end) with standard normal draws, the same as that many calls of `normal()`. */
  fill(out: Float32Array | Float64Array, start = 0, end = out.length): void {
    for (let i = start; i < end; i++) out[i] = this.normal();
  }

  /**
   * The rest of the ziggurat for a draw `bits` that missed the fast path: either the tail beyond r (base
   * layer) or the wedge between the layer's inner edge and the curve. A rejected point restarts the whole
   * draw, which keeps the result exactly normal (rejection sampling from the union of equal-area layers).
   */
  private slowNormal(first: number): number {
    let bits = first;
    for (;;) {
      const layer = bits & (LAYERS - 1);
      const negative = (bits & LAYERS) !== 0;
      const x = (bits >>> 8) * TWO_POW_M24 * WIDTH[layer];
      if (x < WIDTH[layer] * INNER[layer]) return negative ? -x : x;
      if (layer === 0) {
        // Tail x > r (Marsaglia 1964): with e1 = −ln U1 / r and e2 = −ln U2, accept when 2 e2 > e1²; then
        // r + e1 follows the normal tail beyond r.
        for (;;) {
          const e1 = -Math.log(this.uniformPositive()) / TAIL_START;
          const e2 = -Math.log(this.uniformPositive());
          if (2 * e2 > e1 * e1) return negative ? -(TAIL_START + e1) : TAIL_START + e1;
        }
      }
      // Wedge: a uniform height within the layer, accepted under the curve.
      const height = F_LOW[layer] + (this.nextU32() >>> 8) * TWO_POW_M24 * (F_HIGH[layer] - F_LOW[layer]);
      if (height < halfGauss(x)) return negative ? -x : x;
      bits = this.nextU32();
    }
  }
}
