import { useEffect, useRef } from 'react';
import { linspace } from '../engine/grid';
import { DEFAULT_MIXTURE, mixturePdf, mixtureScore, plotRange } from '../engine/mixture';
import { createRng } from '../engine/rng';
import { startAnimationLoop } from '../components/animationLoop';
import { createParticleStrip } from '../viz/particleStrip';

const N = 400;
const EPS = 0.01; // Langevin step size: x ← x + ε s(x) + √(2ε) z
const STEPS_PER_FRAME = 2;
const CYCLE_STEPS = 900; // then the particles start again from uniform

/**
 * The start page's live picture: Langevin dynamics on the default mixture with its exact score. Particles start
 * spread uniformly and gather under the density; every few seconds they start again. With reduced motion asked
 * for, it shows one settled frame. The same dynamics, with every setting, is page 5.
 */
export function StartFigure() {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = el.current!;
    const mixture = DEFAULT_MIXTURE;
    const [lo, hi] = plotRange(mixture);
    const x = linspace(lo, hi, 301);
    const p = x.map((v) => mixturePdf(mixture, v));
    const pMax = Math.max(...p);
    const rng = createRng(1);
    const particles = new Float64Array(N);
    const heights = Float64Array.from({ length: N }, () => rng.uniform());
    const pAt = new Float64Array(N);
    const restart = () => {
      for (let i = 0; i < N; i++) particles[i] = lo + (hi - lo) * rng.uniform();
    };
    const step = () => {
      const root = Math.sqrt(2 * EPS);
      for (let i = 0; i < N; i++)
        particles[i] += EPS * mixtureScore(mixture, particles[i]) + root * rng.normal();
    };
    const strip = createParticleStrip(host, {
      height: 120,
      label: 'Particles following the score of a two-mode mixture gather under its density',
    });
    const draw = () => {
      for (let i = 0; i < N; i++) pAt[i] = mixturePdf(mixture, particles[i]);
      strip.update({ xDomain: [lo, hi], x, p, particles, heights, pAtParticle: pAt, pMax });
    };
    restart();
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    let steps = 0;
    let stop = () => {};
    if (still) {
      for (let k = 0; k < CYCLE_STEPS; k++) step();
      draw();
    } else {
      stop = startAnimationLoop(() => {
        for (let k = 0; k < STEPS_PER_FRAME; k++) step();
        steps += STEPS_PER_FRAME;
        if (steps >= CYCLE_STEPS) {
          steps = 0;
          restart();
        }
        draw();
      });
    }
    return () => {
      stop();
      strip.destroy();
    };
  }, []);
  return <div ref={el} className="start-figure" data-testid="start-figure" />;
}
