import { describe, expect, it } from 'vitest';
import { discreteProcess, vpProcess, veProcess, type DiffusionProcess } from '../../src/engine/diffusion';
import {
  exactLogLikelihood,
  exactScoreWithSlope,
  exactTerminal,
  odeLogLikelihood,
  odeLogLikelihoodAsync,
} from '../../src/engine/diffusion/likelihood';
import { exactProcessScore } from '../../src/engine/diffusion/score';
import { linspace } from '../../src/engine/grid';
import { DEFAULT_MIXTURE } from '../../src/engine/mixture';
import { buildSchedule } from '../../src/engine/schedules';

const mixture = DEFAULT_MIXTURE;
const xs = linspace(-3, 3.5, 27);

function maxError(process: DiffusionProcess, steps: number, solver: 'euler' | 'heun' = 'heun') {
  const ode = odeLogLikelihood(process, exactScoreWithSlope(mixture, process), xs, {
    steps,
    solver,
    terminalLogPdf: exactTerminal(mixture, process),
  });
  const exact = exactLogLikelihood(mixture, xs);
  return Math.max(...ode.map((v, i) => Math.abs(v - exact[i])));
}

describe('the score slope', () => {
  it('is the derivative of the score (central differences)', () => {
    const process = vpProcess();
    const f = exactScoreWithSlope(mixture, process);
    const ref = exactProcessScore(mixture, process);
    const h = 1e-5;
    for (const t of [0, 0.01, 0.3]) {
      const x = Float64Array.from([-2.3, -0.8, 0.4, 2.1]);
      const s = new Float64Array(4);
      const ds = new Float64Array(4);
      f(x, t, s, ds);
      const sp = new Float64Array(4);
      const sm = new Float64Array(4);
      ref(
        x.map((v) => v + h),
        t,
        sp,
      );
      ref(
        x.map((v) => v - h),
        t,
        sm,
      );
      const s0 = new Float64Array(4);
      ref(x, t, s0);
      for (let i = 0; i < 4; i++) {
        expect(s[i]).toBeCloseTo(s0[i], 9);
        const fd = (sp[i] - sm[i]) / (2 * h);
        expect(Math.abs(ds[i] - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });
});

describe('log-likelihood from the probability-flow ODE with the exact score', () => {
  const cases: [string, DiffusionProcess][] = [
    ['VP SDE (linear β)', vpProcess()],
    ['DDPM linear, T = 1000', discreteProcess(buildSchedule('linear', 1000))],
  ];
  for (const [name, process] of cases) {
    it(`${name}: matches log p(x) within 0.01 nats at 1000 Heun steps`, () => {
      expect(maxError(process, 1000)).toBeLessThan(0.01);
    });
    it(`${name}: the error falls as the steps grow`, () => {
      const errors = [25, 100, 400].map((s) => maxError(process, s));
      expect(errors[1]).toBeLessThan(errors[0]);
      expect(errors[2]).toBeLessThan(errors[1]);
    });
  }
  it('Euler is worse than Heun at the same step count', () => {
    const p = vpProcess();
    expect(maxError(p, 200, 'euler')).toBeGreaterThan(2 * maxError(p, 200, 'heun'));
  });
  it('VE SDE: matches log p(x) within 0.01 nats at 1000 Heun steps too', () => {
    expect(maxError(veProcess(), 1000)).toBeLessThan(0.01);
  });
  it('with the N(0, 1) prior in place of the exact p_1 the prior mismatch shows (VP)', () => {
    const p = vpProcess();
    const withPrior = odeLogLikelihood(p, exactScoreWithSlope(mixture, p), xs, { steps: 1000 });
    const exact = exactLogLikelihood(mixture, xs);
    const gap = Math.max(...withPrior.map((v, i) => Math.abs(v - exact[i])));
    expect(gap).toBeGreaterThan(maxError(p, 1000));
    expect(gap).toBeLessThan(0.05);
  });
});

describe('the asynchronous driver and the start without a score at t = 0', () => {
  it('the async driver gives the same numbers as the sync one', async () => {
    const p = discreteProcess(buildSchedule('linear', 1000));
    const f = exactScoreWithSlope(mixture, p);
    const sync = odeLogLikelihood(p, f, xs, { steps: 50 });
    const asyncResult = await odeLogLikelihoodAsync(
      p,
      async (points, t, out) => f(points, t, out.score, out.slope),
      xs,
      { steps: 50 },
    );
    expect(Array.from(asyncResult)).toEqual(Array.from(sync));
  });
  it('never asking for the score at t = 0 still matches log p within 0.01 nats at 1000 steps', () => {
    for (const p of [vpProcess(), discreteProcess(buildSchedule('linear', 1000))]) {
      const asked: number[] = [];
      const f = exactScoreWithSlope(mixture, p);
      const ode = odeLogLikelihood(
        p,
        (points, t, s, ds) => {
          asked.push(t);
          f(points, t, s, ds);
        },
        xs,
        { steps: 1000, scoreAtZero: false, terminalLogPdf: exactTerminal(mixture, p) },
      );
      expect(Math.min(...asked)).toBeGreaterThan(0);
      const exact = exactLogLikelihood(mixture, xs);
      expect(Math.max(...ode.map((v, i) => Math.abs(v - exact[i])))).toBeLessThan(0.01);
    }
  });
});
