/**
 * A small canvas picture for the start page: a density curve and particles drawn as dots under it. Each dot sits
 * at its particle's x and at a fixed fraction of the curve's height there, so dots that have settled fill the
 * area under p(x) evenly. Canvas, not SVG: a few hundred dots repainted every frame.
 */
import type { Renderer } from './renderer';

export interface ParticleStripData {
  xDomain: [number, number];
  /** The curve: x and p(x). */
  x: ArrayLike<number>;
  p: ArrayLike<number>;
  /** Particle positions and their heights as fractions (0–1) of p at that x. */
  particles: ArrayLike<number>;
  heights: ArrayLike<number>;
  /** Density at each particle (for its dot height). */
  pAtParticle: ArrayLike<number>;
  pMax: number;
}

/** Resolves a theme variable (a light-dark() pair) through a colour property. */
function themeColour(el: HTMLElement, name: string): string {
  el.style.color = `var(${name})`;
  return getComputedStyle(el).color;
}

export function createParticleStrip(el: HTMLElement, options: { height: number; label: string }) {
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', options.label);
  canvas.style.width = '100%';
  canvas.style.height = `${options.height}px`;
  canvas.style.display = 'block';
  el.appendChild(canvas);
  const ctx = canvas.getContext('2d');
  const renderer: Renderer<ParticleStripData> = {
    update(d) {
      if (!ctx) return;
      const dpr = window.devicePixelRatio || 1;
      const w = el.clientWidth || 300;
      const h = options.height;
      if (canvas.width !== Math.round(w * dpr)) canvas.width = Math.round(w * dpr);
      if (canvas.height !== Math.round(h * dpr)) canvas.height = Math.round(h * dpr);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const [x0, x1] = d.xDomain;
      const px = (x: number) => ((x - x0) / (x1 - x0)) * w;
      const py = (p: number) => h - 4 - (p / d.pMax) * (h - 10);
      const data = themeColour(el, '--data');
      const particle = themeColour(el, '--score');
      ctx.beginPath();
      for (let i = 0; i < d.x.length; i++) {
        if (i === 0) ctx.moveTo(px(d.x[i]), py(d.p[i]));
        else ctx.lineTo(px(d.x[i]), py(d.p[i]));
      }
      ctx.strokeStyle = data;
      ctx.lineWidth = 2;
      ctx.stroke();
      ctx.fillStyle = particle;
      ctx.globalAlpha = 0.7;
      for (let i = 0; i < d.particles.length; i++) {
        const x = d.particles[i];
        if (x < x0 || x > x1) continue;
        ctx.fillRect(px(x) - 1.5, py(d.heights[i] * d.pAtParticle[i]) - 1.5, 3, 3);
      }
      ctx.globalAlpha = 1;
    },
    destroy() {
      canvas.remove();
      el.style.color = '';
    },
  };
  return renderer;
}
