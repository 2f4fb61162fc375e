/**
 * A particle cloud in the plane over the exact density: one canvas, painted with putImageData once per new frame.
 *
 * Why pixels and not SVG: 10⁵ particles as SVG circles cost seconds per frame; as writes into one ImageData they
 * cost about a millisecond. The density heat map is rendered once into a base image at the canvas's device
 * resolution; each frame copies it and blends every particle into the pixels it lands on with a weight that falls
 * as n grows (opaque dots for a few thousand particles, a density raster where 10⁵ or more pile up). A few tracked
 * paths are stroked over the image afterwards.
 *
 * Frames do not pass through React: the page hands in `subscribe`, and the renderer paints whatever frame arrives.
 * `update` only changes the static part (the box and the density), which is rare.
 */
import * as d3 from 'd3';
import { createFrame } from './chartFrame';
import { onThemeChange, positionedCanvas, RAMP_SIZE, sizeCanvas, themeRamp } from './canvasLayer';
import { equalAspectDomains, type PlaneBox, type PlaneRaster } from './planeField';
import type { Renderer } from './renderer';

export interface ParticleFrame {
  /** Interleaved positions [x₀, y₀, x₁, y₁, …]. */
  positions: ArrayLike<number>;
  /** Tracked paths, each flattened [x₀, y₀, x₁, y₁, …]. */
  paths: readonly (readonly number[])[];
}

export interface PlaneParticlesData {
  box: PlaneBox;
  density: PlaneRaster;
}

export interface PlaneParticlesOptions {
  title: string;
  height: number;
  /** Registers the painter for new frames; returns the unsubscribe. */
  subscribe: (paint: (frame: ParticleFrame) => void) => () => void;
  /** Told how long each frame's paint took (ms), for the page's frame-time read-out. */
  onPainted?: (ms: number) => void;
}

/** Records of each tracked path that are drawn: the latest ones, a tail behind the particle. */
export const TAIL_RECORDS = 30;

/** The weight one particle adds to its pixel: opaque dots for small clouds, a raster for large ones. */
export function particleAlpha(n: number): number {
  return Math.min(0.85, Math.max(0.08, 6000 / Math.max(1, n)));
}

/** f[c] = 1 − (1 − a)^c: the weight of the particle colour on a pixel hit c times (c ≥ 64 saturates). */
function blendTable(a: number): Float32Array {
  const table = new Float32Array(65);
  for (let c = 0; c < table.length; c++) table[c] = 1 - Math.pow(1 - a, c);
  return table;
}

/** A CSS colour variable of the theme as [r, g, b] (read through a probe element: the values are light-dark pairs). */
function cssColour(el: HTMLElement, name: string, fallback: string): [number, number, number] {
  const probe = document.createElement('span');
  probe.style.color = `var(${name}, ${fallback})`;
  el.appendChild(probe);
  const c = d3.rgb(getComputedStyle(probe).color || fallback);
  probe.remove();
  return [c.r, c.g, c.b];
}

export function createPlaneParticles(
  el: HTMLElement,
  options: PlaneParticlesOptions,
): Renderer<PlaneParticlesData> {
  const frame = createFrame(el, { title: options.title, height: options.height, xLabel: 'x', yLabel: 'y' });
  const { svg, x, y, margin } = frame;
  svg.style('position', 'relative');
  const canvas = positionedCanvas(el, 'plane-particles');
  canvas.dataset.testid = 'particle-canvas';
  let ctx: CanvasRenderingContext2D | null = null;
  let base: Uint8ClampedArray | null = null;
  let image: ImageData | null = null;
  let counts: Uint16Array | null = null;
  let data: PlaneParticlesData | null = null;
  let last: ParticleFrame | null = null;
  let ink: [number, number, number] = [0, 0, 0];
  let pathColour = '#1d2230';
  let ramp = themeRamp(el);

  const readTheme = () => {
    ramp = themeRamp(el);
    ink = cssColour(el, '--noisy', '#d9480f');
    pathColour = `rgb(${cssColour(el, '--ink', '#1d2230').join(',')})`;
  };
  readTheme();

  /** The density at device resolution, sqrt-scaled through the ramp (nearest grid node per pixel). */
  const paintBase = (w: number, h: number) => {
    if (!data) return;
    const { box, density } = data;
    base = new Uint8ClampedArray(w * h * 4);
    const top = Math.sqrt(density.max) || 1;
    const sx = w / (x.range()[1] - x.range()[0]);
    const sy = h / (y.range()[0] - y.range()[1]);
    for (let row = 0; row < h; row++) {
      const vy = y.invert(row / sy);
      const j = Math.round(((vy - box.y0) / (box.y1 - box.y0)) * (density.ny - 1));
      for (let col = 0; col < w; col++) {
        const vx = x.invert(col / sx);
        const i = Math.round(((vx - box.x0) / (box.x1 - box.x0)) * (density.nx - 1));
        const inside = i >= 0 && i < density.nx && j >= 0 && j < density.ny;
        const v = inside ? Math.sqrt(Math.max(0, density.values[j * density.nx + i])) / top : 0;
        const k = 3 * Math.round(Math.min(1, v) * (RAMP_SIZE - 1));
        const p = 4 * (row * w + col);
        base[p] = ramp[k];
        base[p + 1] = ramp[k + 1];
        base[p + 2] = ramp[k + 2];
        base[p + 3] = 255;
      }
    }
  };

  const paint = () => {
    if (!ctx || !image || !base) return;
    const started = performance.now();
    const w = image.width;
    const h = image.height;
    const pixels = image.data;
    pixels.set(base);
    if (last) {
      const pos = last.positions;
      const n = Math.floor(pos.length / 2);
      const dpr = w / Math.max(1, frame.innerWidth());
      const dot = n <= 20_000 ? Math.max(1, Math.round(1.5 * dpr)) : 1;
      // Data → device pixels: x ↦ (x − x₀) kx, y ↦ (y₁ − y) ky. First count the particles per pixel (one
      // increment each), then blend each touched pixel once: c hits give weight 1 − (1 − a)^c, read from a table.
      const [dx0, dx1] = x.domain();
      const [dy0, dy1] = y.domain();
      const kx = w / (dx1 - dx0);
      const ky = h / (dy1 - dy0);
      if (!counts || counts.length !== w * h) counts = new Uint16Array(w * h);
      else counts.fill(0);
      for (let i = 0; i < n; i++) {
        const px = Math.floor((pos[2 * i] - dx0) * kx);
        const py = Math.floor((dy1 - pos[2 * i + 1]) * ky);
        if (!(px >= 0 && py >= 0 && px + dot <= w && py + dot <= h)) continue;
        for (let oy = 0; oy < dot; oy++) {
          const row = (py + oy) * w + px;
          for (let ox = 0; ox < dot; ox++) if (counts[row + ox] < 65535) counts[row + ox]++;
        }
      }
      const weight = blendTable(particleAlpha(n));
      const [r, g, b] = ink;
      for (let q = 0; q < counts.length; q++) {
        const c = counts[q];
        if (c === 0) continue;
        const f = weight[Math.min(c, weight.length - 1)];
        const p = 4 * q;
        pixels[p] += (r - pixels[p]) * f;
        pixels[p + 1] += (g - pixels[p + 1]) * f;
        pixels[p + 2] += (b - pixels[p + 2]) * f;
      }
    }
    ctx.putImageData(image, 0, 0);
    if (last && last.paths.length > 0) {
      ctx.strokeStyle = pathColour;
      ctx.globalAlpha = 0.6;
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const path of last.paths) {
        // Only the recent tail: Langevin's early jumps at a large step would cover the figure in lines.
        const from = Math.max(0, path.length - 2 * TAIL_RECORDS);
        for (let k = from; k + 1 < path.length; k += 2) {
          if (k === from) ctx.moveTo(x(path[k]), y(path[k + 1]));
          else ctx.lineTo(x(path[k]), y(path[k + 1]));
        }
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    options.onPainted?.(performance.now() - started);
  };

  const render = () => {
    if (!data) return;
    const { box } = data;
    frame.layout([box.x0, box.x1], [box.y0, box.y1]);
    const w = frame.innerWidth();
    const h = frame.innerHeight();
    const domains = equalAspectDomains(box, w, h);
    frame.layout(domains.x, domains.y);
    ctx = sizeCanvas(canvas, margin.left, margin.top, w, h);
    if (!ctx) return;
    image = ctx.createImageData(canvas.width, canvas.height);
    paintBase(canvas.width, canvas.height);
    paint();
  };

  const unsubscribe = options.subscribe((next) => {
    last = next;
    paint();
  });
  const stopFollowingTheme = onThemeChange(() => {
    readTheme();
    render();
  });
  frame.onResize(render);

  return {
    update(next) {
      data = next;
      render();
    },
    destroy() {
      unsubscribe();
      stopFollowingTheme();
      canvas.remove();
      frame.destroy();
    },
  };
}
