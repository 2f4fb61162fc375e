/**
 * Chart data for the field page's training (no DOM): the loss against steps, the Fisher divergence of each level
 * against steps, and the cost of dimension (ms per step against D, log-log) with the slope read off it.
 */
import type { PlaneObjective } from '../../engine/plane/trainConfig2';
import type { DimCost } from '../../engine/tf/plane/dimCost';
import type { PlaneFisherPoint } from '../../store/planeSession';
import type { LineChartData } from '../../viz/types';

/**
 * ncsn, dsm and esm losses are positive (a squared error), so a log axis shows their decades; ISM's and SSM's
 * are ½|s_θ|² + tr ∇s_θ (in expectation), negative near the optimum, so they get a linear axis.
 */
export function lossAxis2(objective: PlaneObjective): 'log' | 'linear' {
  return objective === 'ism' || objective === 'ssm' ? 'linear' : 'log';
}

function domain(values: number[], log: boolean): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (finite.length === 0) return log ? [0.01, 1] : [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (log) return lo === hi ? [lo / 2, hi * 2] : [lo, hi];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const pad = 0.05 * (hi - lo);
  return [lo - pad, hi + pad];
}

function stepDomain(steps: number[]): [number, number] {
  return [steps.length ? steps[0] : 0, Math.max(1, steps.length ? steps[steps.length - 1] : 1)];
}

export function lossChart2(
  history: { steps: number[]; losses: number[] },
  objective: PlaneObjective,
): LineChartData {
  const log = lossAxis2(objective) === 'log';
  const losses = history.losses.map((l) => (Number.isFinite(l) && (!log || l > 0) ? l : NaN));
  return {
    xDomain: stepDomain(history.steps),
    yDomain: domain(losses, log),
    series: [
      { id: 'loss', label: 'training loss (chunk mean)', x: history.steps, y: losses, colour: 'c-data' },
    ],
    zeroLine: !log,
  };
}

/** One faint line per level, the level of the smallest σ in full colour, and the mean over levels. */
export function fisherChart2(history: PlaneFisherPoint[], sigmas: number[]): LineChartData {
  const steps = history.map((p) => p.step);
  const levels = history.length ? history[history.length - 1].fisher.length : 0;
  const series = Array.from({ length: levels }, (_, i) => ({
    id: `level-${i}`,
    label: i === levels - 1 ? `σ = ${Number(sigmas[i]?.toPrecision(2))} (smallest)` : '',
    x: steps,
    y: history.map((p) => p.fisher[i] ?? NaN),
    colour: 'c-learned',
    faint: i !== levels - 1,
  }));
  if (levels > 1)
    series.push({
      id: 'mean',
      label: 'mean over levels',
      x: steps,
      y: history.map((p) => p.mean),
      colour: 'c-data',
      faint: false,
    });
  const all = history.flatMap((p) => [...p.fisher, p.mean]);
  return {
    xDomain: [steps[0] ?? 0, Math.max(1, steps[steps.length - 1] ?? 1)],
    yDomain: domain(all, true),
    series,
  };
}

export function dimCostChart(points: DimCost[]): LineChartData {
  const D = points.map((p) => p.D);
  const all = points.flatMap((p) => [p.ismMs, p.ssmMs]);
  return {
    xDomain: D.length > 1 ? [D[0], D[D.length - 1]] : [2, 128],
    yDomain: domain(all, true),
    series: [
      {
        id: 'ism',
        label: 'ISM (exact trace: D passes)',
        x: D,
        y: points.map((p) => p.ismMs),
        colour: 'c-data',
      },
      { id: 'ssm', label: 'SSM (one projection)', x: D, y: points.map((p) => p.ssmMs), colour: 'c-learned' },
    ],
  };
}

/**
 * The least-squares slope of log(ms) against log(D): time ∝ D^slope over the measured range. Null for fewer than
 * two points.
 */
export function logLogSlope(D: number[], ms: number[]): number | null {
  const pts = D.map((d, i) => [Math.log(d), Math.log(ms[i])] as const).filter(([a, b]) =>
    Number.isFinite(a + b),
  );
  if (pts.length < 2) return null;
  const mx = pts.reduce((s, [a]) => s + a, 0) / pts.length;
  const my = pts.reduce((s, [, b]) => s + b, 0) / pts.length;
  let sxy = 0;
  let sxx = 0;
  for (const [a, b] of pts) {
    sxy += (a - mx) * (b - my);
    sxx += (a - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : null;
}
