/**
 * Canvas layers under a chart's SVG: a colour ramp read from the theme, and canvases positioned over the plot
 * area at the device's pixel ratio. The heat maps paint dense grids here (one drawImage instead of thousands of SVG
 * nodes) while axes and marks stay in the SVG above.
 */
import * as d3 from 'd3';

export const RAMP_SIZE = 256;

/** A 256-entry RGB ramp panel → data → ink from the theme's CSS variables. */
export function themeRamp(el: HTMLElement): Uint8ClampedArray {
  // The variables hold light-dark(…) pairs: only a colour property resolves them, so read each through a probe.
  const probe = document.createElement('span');
  el.appendChild(probe);
  const read = (name: string, fallback: string) => {
    probe.style.color = `var(${name}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  const interpolate = d3.piecewise(d3.interpolateLab, [
    read('--panel', '#ffffff'),
    read('--data', '#1f5fbf'),
    read('--ink', '#1d2230'),
  ]);
  probe.remove();
  const ramp = new Uint8ClampedArray(RAMP_SIZE * 3);
  for (let i = 0; i < RAMP_SIZE; i++) {
    const c = d3.rgb(interpolate(i / (RAMP_SIZE - 1)));
    ramp[3 * i] = c.r;
    ramp[3 * i + 1] = c.g;
    ramp[3 * i + 2] = c.b;
  }
  return ramp;
}

export function positionedCanvas(el: HTMLElement, className: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.className = className;
  canvas.setAttribute('aria-hidden', 'true');
  canvas.style.position = 'absolute';
  el.insertBefore(canvas, el.firstChild);
  return canvas;
}

/** Places and sizes a canvas over a plot area of width × height CSS pixels; returns its context, scaled by the dpr. */
export function sizeCanvas(
  canvas: HTMLCanvasElement,
  left: number,
  top: number,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  canvas.style.left = `${left}px`;
  canvas.style.top = `${top}px`;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.width = Math.max(1, Math.round(width * dpr));
  canvas.height = Math.max(1, Math.round(height * dpr));
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/**
 * Calls `repaint` when the page's theme changes: the system colour scheme, or the in-app choice written to
 * html[data-theme]. Returns the function that stops listening.
 */
export function onThemeChange(repaint: () => void): () => void {
  const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
  scheme?.addEventListener?.('change', repaint);
  const observer = new MutationObserver(repaint);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    scheme?.removeEventListener?.('change', repaint);
    observer.disconnect();
  };
}

/**
 * Paints a width × height image, one pixel per grid cell, through the theme ramp: `level(col, row)` gives each
 * pixel's place on the ramp in [0, 1], rows counted from the top of the image.
 */
export function paintLevels(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  level: (col: number, row: number) => number,
  ramp: Uint8ClampedArray,
): void {
  const image = ctx.createImageData(width, height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const k = 3 * Math.round(Math.min(1, Math.max(0, level(col, row))) * (RAMP_SIZE - 1));
      const p = 4 * (row * width + col);
      image.data[p] = ramp[k];
      image.data[p + 1] = ramp[k + 1];
      image.data[p + 2] = ramp[k + 2];
      image.data[p + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
}
