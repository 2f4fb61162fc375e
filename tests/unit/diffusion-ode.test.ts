import { describe, expect, it } from 'vitest';
import {
  DiffusionRun,
  discreteProcess,
  exactProcessScore,
  processMarginal,
  veProcess,
  vpProcess,
  type DiffusionProcess,
  type OdeSolver,
} from '../../src/engine/diffusion';
import { linspace } from '../../src/engine/grid';
import { DEFAULT_MIXTURE, mixturePdf, type Mixture } from '../../src/engine/mixture';
import { buildSchedule } from '../../src/engine/schedules';

function flow(
  process: DiffusionProcess,
  mixture: Mixture,
  start: ArrayLike<number>,
  steps: number,
  solver: OdeSolver = 'heun',
  seed = 1,
) {
  return new DiffusionRun({
    process,
    score: exactProcessScore(mixture, process),
    sampler: { kind: 'ode', solver },
    steps,
    n: start.length,
    seed,
    start,
  }).run();
}

describe('the probability-flow ODE on Gaussian data transports quantiles exactly', () => {
  // For data N(m, v), p_t = N(a m, a² v + s²), and the flow keeps ξ = (x − a m)/√(a² v + s²) constant.
  const m = -0.8;
  const v = 0.5;
  const gaussian: Mixture = [{ weight: 1, mean: m, std: Math.sqrt(v) }];
  const xi = Float64Array.from([-2.5, -1, 0, 0.3, 1.7]);
  const at = (p: DiffusionProcess, t: number) =>
    xi.map((z) => p.a(t) * m + Math.sqrt(p.a(t) ** 2 * v + p.s(t) ** 2) * z);
  const error = (p: DiffusionProcess, steps: number, solver: OdeSolver) => {
    const end = flow(p, gaussian, at(p, 1), steps, solver);
    const expected = at(p, p.grid(steps)[steps]);
    return Math.max(...end.map((x, i) => Math.abs(x - expected[i])));
  };
  for (const [name, p] of [
    ['VP', vpProcess()],
    ['VE', veProcess()],
  ] as const) {
    it(`${name}: Heun is second order and lands within 10⁻⁴ in 1000 steps; Euler is first order`, () => {
      const heun = [error(p, 250, 'heun'), error(p, 500, 'heun'), error(p, 1000, 'heun')];
      const euler = [error(p, 250, 'euler'), error(p, 500, 'euler')];
      expect(heun[2]).toBeLessThan(1e-4);
      // Halving h divides the error by ≈ 4 (Heun) and ≈ 2 (Euler).
      expect(heun[0] / heun[1]).toBeGreaterThan(3.2);
      expect(heun[1] / heun[2]).toBeGreaterThan(3.2);
      expect(euler[0] / euler[1]).toBeGreaterThan(1.7);
      expect(euler[0] / euler[1]).toBeLessThan(2.3);
    });
  }
});

describe('the probability-flow ODE is deterministic and smooth in its start', () => {
  const process = vpProcess();
  const starts = linspace(-3, 3, 601);

  it('the same start gives the identical result, whatever the seed', () => {
    const a = flow(process, DEFAULT_MIXTURE, starts, 200, 'heun', 1);
    const b = flow(process, DEFAULT_MIXTURE, starts, 200, 'heun', 12345);
    expect(Array.from(b)).toEqual(Array.from(a));
    // On a discrete schedule too.
    const cosine = discreteProcess(buildSchedule('cosine', 500));
    expect(Array.from(flow(cosine, DEFAULT_MIXTURE, starts, 100, 'euler', 3))).toEqual(
      Array.from(flow(cosine, DEFAULT_MIXTURE, starts, 100, 'euler', 4)),
    );
  });

  it('the map from noise to data is increasing, and its slope is the ratio of densities the flow conserves', () => {
    const out = flow(process, DEFAULT_MIXTURE, starts, 200);
    // Trajectories of a 1D flow never cross, so order is kept.
    for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThan(out[i - 1]);
    // Mass between two neighbouring paths is conserved, so the map X(x₁) has dX/dx₁ = p₁(x₁)/p_end(X): a
    // smooth function of the start. Central differences at two scales agree with it (a jump or kink would
    // not). Near the 40% quantile the slope is huge — the start that lands in the gap between the modes,
    // where p_end is tiny — so the probes stay away from it.
    const tEnd = process.grid(200)[200];
    const p1 = processMarginal(DEFAULT_MIXTURE, process, 1);
    const pEnd = processMarginal(DEFAULT_MIXTURE, process, tEnd);
    const x1 = Float64Array.from([-1.2, 0.05, 0.9, 2.1]);
    for (const d of [1e-3, 1e-5]) {
      const up = flow(
        process,
        DEFAULT_MIXTURE,
        x1.map((x) => x + d),
        200,
      );
      const down = flow(
        process,
        DEFAULT_MIXTURE,
        x1.map((x) => x - d),
        200,
      );
      const mid = flow(process, DEFAULT_MIXTURE, x1, 200);
      x1.forEach((x, i) => {
        const slope = (up[i] - down[i]) / (2 * d);
        const expected = mixturePdf(p1, x) / mixturePdf(pEnd, mid[i]);
        expect(Math.abs(slope - expected)).toBeLessThan(0.01 * expected);
      });
    }
  });

  it('the mass left of the gap becomes the lighter mode: the flow splits the prior at its 40% quantile', () => {
    // Order is kept, so the 40% of the prior on the left must end in the left mode (weight 0.4).
    const out = flow(process, DEFAULT_MIXTURE, Float64Array.from([-0.35, -0.15]), 400);
    expect(out[0]).toBeLessThan(-1); // Φ(−0.35) = 0.363 < 0.4: left mode
    expect(out[1]).toBeGreaterThan(1); // Φ(−0.15) = 0.440 > 0.4: right mode
  });
});
