/**
 * The train page's chart data (issue 12 and issue 9): the ISM loss axis keeps negative losses, the ISM optimum
 * matches its closed form, σ²·D(σ) per level, the Fisher history, and the sampling pages' run clock.
 */
import { describe, expect, it } from 'vitest';
import { fisherChart, ismOptimum, lossAxis, lossChart } from '../../src/pages/train/trainCharts';
import { withFisherPoint, type FisherPoint } from '../../src/store/trainSession';
import { secondsLeft, type RunClock } from '../../src/pages/sampling-shared/runClock';
import type { EvaluationEvent } from '../../src/worker/protocol';

const mixture = [
  { weight: 0.6, mean: 2, std: 0.5 },
  { weight: 0.4, mean: -2, std: 0.2 },
];

function evaluation(step: number, fisher: number[], sigmas: number[], objective = 'ncsn'): EvaluationEvent {
  return {
    type: 'evaluation',
    step,
    fisher,
    sigmas,
    meanFisher: fisher.reduce((a, b) => a + b, 0) / fisher.length,
    fisherAtStart: null,
    heldOutLoss: 1,
    objective,
  } as unknown as EvaluationEvent;
}

describe('loss chart', () => {
  it('gives ISM a linear axis and draws its negative losses; DSM keeps the log axis', () => {
    expect(lossAxis('ism')).toBe('linear');
    expect(lossAxis('dsm')).toBe('log');
    const curve = { steps: [1, 2, 3], losses: [2, -1, -5] };
    const ism = lossChart({ curve, history: [], objective: 'ism', mixture });
    expect(ism.series.find((s) => s.id === 'loss')!.y).toEqual([2, -1, -5]);
    expect(ism.yDomain[0]).toBeLessThan(-6);
    const dsm = lossChart({ curve, history: [], objective: 'dsm', mixture });
    expect(Number.isNaN(dsm.series.find((s) => s.id === 'loss')!.y[1])).toBe(true);
  });

  it('puts the ISM optimum at −½E_p[s²]: −1/(2s²) for one Gaussian, Σπ_k/(2s_k²) nearly for far-apart ones', () => {
    // One Gaussian N(μ, s²): s(x) = −(x − μ)/s², E[s²] = 1/s².
    expect(ismOptimum([{ weight: 1, mean: 0.3, std: 0.7 }])).toBeCloseTo(-1 / (2 * 0.49), 6);
    // The default mixture: modes 8 widths apart overlap so little that the sum over components is exact to 1e-3.
    expect(ismOptimum(mixture)).toBeCloseTo(-(0.6 / (2 * 0.25) + 0.4 / (2 * 0.04)), 3);
  });

  it('draws the held-out loss at its evaluation steps', () => {
    const history: FisherPoint[] = [
      { step: 0, mean: 5, fisher: [5], heldOut: 3 },
      { step: 100, mean: 1, fisher: [1], heldOut: 0.5 },
    ];
    const chart = lossChart({ curve: null, history, objective: 'dsm', mixture });
    const held = chart.series.find((s) => s.id === 'heldout')!;
    expect(Array.from(held.x)).toEqual([100]);
    expect(Array.from(held.y)).toEqual([0.5]);
  });
});

describe('Fisher per level', () => {
  it('marks σ²·D(σ) for each level of a noise-conditional run', () => {
    const chart = fisherChart(evaluation(10, [0.01, 0.1, 4], [5, 0.5, 0.05]), 2);
    const want = [25 * 0.01, 0.25 * 0.1, 0.0025 * 4];
    chart.points!.forEach((p, i) => expect(p.y).toBeCloseTo(want[i], 12));
    expect(chart.points).toHaveLength(3);
  });
});

describe('Fisher history', () => {
  it('grows with the run and starts afresh for a new run or new levels', () => {
    let h = withFisherPoint([], evaluation(0, [4, 2], [1, 0.1]), null);
    h = withFisherPoint(h, evaluation(50, [2, 1], [1, 0.1]), evaluation(0, [4, 2], [1, 0.1]));
    expect(h.map((p) => p.step)).toEqual([0, 50]);
    expect(h[1].mean).toBe(1.5);
    const back = withFisherPoint(h, evaluation(0, [4, 2], [1, 0.1]), evaluation(50, [2, 1], [1, 0.1]));
    expect(back.map((p) => p.step)).toEqual([0]);
    const other = withFisherPoint(h, evaluation(60, [1], [0.1]), evaluation(50, [2, 1], [1, 0.1]));
    expect(other.map((p) => p.step)).toEqual([60]);
  });
});

describe('run clock', () => {
  const clock = (c: Partial<RunClock>): RunClock => ({
    wanted: 100,
    since: 0,
    fromStep: 0,
    step: 0,
    at: 0,
    totalSteps: 600,
    ...c,
  });
  it('promises the wanted pace until a second has been measured', () => {
    expect(secondsLeft(clock({ step: 10, at: 500 }))).toEqual({ seconds: 5.9, limited: false });
  });
  it('uses the measured pace when the machine is slower', () => {
    // 50 steps/s measured over 2 s against 100 wanted: 500 steps left take 10 s.
    expect(secondsLeft(clock({ step: 100, at: 2000 }))).toEqual({ seconds: 10, limited: true });
  });
  it('keeps the wanted pace when the machine keeps up', () => {
    expect(secondsLeft(clock({ step: 200, at: 2000 }))).toEqual({ seconds: 4, limited: false });
  });
});
