import { describe, expect, it } from 'vitest';
import { blendTable, ParticleRaster, type RasterTransform } from '../../../src/viz/particleRaster';

/** The definition, pixel by pixel: copy the base, count the hits of every pixel, blend each pixel once. */
function reference(
  base: Uint8ClampedArray,
  w: number,
  h: number,
  positions: ArrayLike<number>,
  t: RasterTransform,
  dot: number,
  ink: [number, number, number],
  weight: Float32Array,
): Uint8ClampedArray {
  const out = Uint8ClampedArray.from(base);
  const counts = new Array<number>(w * h).fill(0);
  for (let i = 0; 2 * i + 1 < positions.length; i++) {
    const px = Math.floor((positions[2 * i] - t.x0) * t.kx);
    const py = Math.floor((t.y1 - positions[2 * i + 1]) * t.ky);
    if (!(px >= 0 && py >= 0 && px + dot <= w && py + dot <= h)) continue;
    for (let oy = 0; oy < dot; oy++) for (let ox = 0; ox < dot; ox++) counts[(py + oy) * w + px + ox]++;
  }
  counts.forEach((c, q) => {
    if (c === 0) return;
    const f = weight[Math.min(c, weight.length - 1)];
    for (let ch = 0; ch < 3; ch++) out[4 * q + ch] += (ink[ch] - out[4 * q + ch]) * f;
  });
  return out;
}

/** A small seeded generator (mulberry32), so the clouds are the same on every run. */
function uniforms(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cloud(n: number, seed: number, spread: number): Float32Array {
  const u = uniforms(seed);
  const out = new Float32Array(2 * n);
  // Clustered near (1, −1) so that many pixels are hit several times, some particles fall outside the box.
  for (let i = 0; i < 2 * n; i++) out[i] = (i % 2 ? -1 : 1) + spread * (u() + u() + u() - 1.5);
  return out;
}

function image(w: number, h: number, seed: number): Uint8ClampedArray {
  const u = uniforms(seed);
  const base = new Uint8ClampedArray(4 * w * h);
  for (let p = 0; p < base.length; p++) base[p] = p % 4 === 3 ? 255 : Math.floor(256 * u());
  return base;
}

describe('ParticleRaster', () => {
  const w = 37;
  const h = 23;
  // The box [−4, 4] × [−3, 3] onto 37 × 23 device pixels.
  const t: RasterTransform = { x0: -4, y1: 3, kx: w / 8, ky: h / 6 };
  const ink: [number, number, number] = [250, 20, 90];

  it('paints each frame exactly as the definition does, frame after frame, dots of 1 and 2 pixels', () => {
    const base = image(w, h, 7);
    const pixels = new Uint8ClampedArray(4 * w * h);
    const raster = new ParticleRaster(w, h, pixels, base);
    const weight = blendTable(0.3);
    // Frames of different sizes and spreads: a later frame touches pixels an earlier one did not and vice versa,
    // so a pixel left blended from the previous frame would show up as a difference.
    const frames: [number, number, number][] = [
      [400, 1, 2.5],
      [50, 2, 6],
      [900, 3, 1],
      [0, 4, 1],
      [300, 5, 4],
    ];
    for (const dot of [1, 2])
      for (const [n, seed, spread] of frames) {
        const positions = cloud(n, seed, spread);
        raster.paint(positions, t, dot, ink, weight);
        expect(pixels).toEqual(reference(base, w, h, positions, t, dot, ink, weight));
      }
  });

  it('saturates at 64 hits, skips particles that are not numbers, and repaints everything after a new base', () => {
    const base = image(w, h, 11);
    const pixels = new Uint8ClampedArray(4 * w * h);
    const raster = new ParticleRaster(w, h, pixels, base);
    const weight = blendTable(0.05);
    // 200 particles on one pixel, one NaN, one at +∞.
    const positions = new Float32Array([...new Array<number>(400).fill(0.1), NaN, 0, Infinity, 0]);
    raster.paint(positions, t, 1, ink, weight);
    expect(pixels).toEqual(reference(base, w, h, positions, t, 1, ink, weight));
    const q = 4 * (Math.floor((3 - 0.1) * t.ky) * w + Math.floor(4.1 * t.kx));
    expect(pixels[q]).toBe(Math.round(base[q] + (ink[0] - base[q]) * (1 - Math.pow(0.95, 64))));

    // The page repaints the base in place (a theme change): every pixel follows the new base.
    base.set(image(w, h, 12));
    raster.baseChanged();
    const next = cloud(100, 13, 3);
    raster.paint(next, t, 1, ink, weight);
    expect(pixels).toEqual(reference(base, w, h, next, t, 1, ink, weight));
  });

  it('refuses images of the wrong size', () => {
    expect(() => new ParticleRaster(4, 4, new Uint8ClampedArray(60), new Uint8ClampedArray(64))).toThrow(
      /width × height/,
    );
  });
});
