/**
 * Chart data for the train page (no DOM): the loss curve, the learned against the exact score at one level with
 * q_σ shaded beneath, and the Fisher divergence per level.
 */
import type { EvaluationEvent, LossCurve } from '../../worker/protocol';
import type { LineChartData } from '../../viz/types';

export function lossChart(curve: LossCurve | null): LineChartData {
  const steps = curve?.steps ?? [];
  const losses = (curve?.losses ?? []).map((l) => (l > 0 ? l : NaN));
  const finite = losses.filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : 0.1;
  const hi = finite.length ? Math.max(...finite) : 1;
  return {
    xDomain: [0, Math.max(10, steps[steps.length - 1] ?? 10)],
    yDomain: [lo / 1.3, hi * 1.3],
    series: [
      { id: 'loss', label: 'training loss (mean per step)', x: steps, y: losses, colour: 'c-learned' },
    ],
  };
}

/**
 * Learned s_θ against the exact score at the shown level. q_σ is drawn scaled into the lower third of the axis
 * (its shape matters, not its units): where it is low, the network has seen few samples and its error grows.
 */
export function levelChart(evaluation: EvaluationEvent | null): LineChartData {
  const c = evaluation?.curves;
  if (!c) return { xDomain: [-5, 5], yDomain: [-5, 5], series: [], zeroLine: true };
  const qMax = Math.max(...c.q);
  let bound = 1;
  for (let i = 0; i < c.x.length; i++)
    if (c.q[i] > 1e-3 * qMax) bound = Math.max(bound, Math.abs(c.exact[i]));
  bound *= 1.15;
  const floor = -bound;
  const qScaled = c.q.map((q) => floor + (0.35 * 2 * bound * q) / qMax);
  const series: LineChartData['series'] = [
    {
      id: 'q',
      label: c.sigma > 0 ? 'q_σ (shape)' : 'p (shape)',
      x: c.x,
      y: qScaled,
      colour: 'c-noisy',
      faint: true,
    },
    { id: 'exact', label: 'exact score', x: c.x, y: c.exact, colour: 'c-score', dashed: true },
  ];
  if (c.kde)
    series.push({
      id: 'kde',
      label: 'score of the training set’s KDE',
      x: c.x,
      y: c.kde.score,
      colour: 'c-kde',
      faint: true,
    });
  series.push({ id: 'learned', label: 'learned s_θ', x: c.x, y: c.learned, colour: 'c-learned' });
  return {
    xDomain: [c.x[0], c.x[c.x.length - 1]],
    yDomain: [floor, bound],
    zeroLine: true,
    series,
  };
}

/** Fisher divergence per level as bars on a log axis, with the value at step 0 as faint bars behind. */
export function fisherChart(evaluation: EvaluationEvent | null, shownLevel: number): LineChartData {
  const fisher = evaluation?.fisher ?? [];
  const start = evaluation?.fisherAtStart ?? null;
  const values = [...fisher, ...(start ?? [])].filter((v) => v > 0 && Number.isFinite(v));
  const lo = values.length ? Math.min(...values) : 1e-3;
  const hi = values.length ? Math.max(...values) : 1;
  const floor = Math.max(1e-8, lo / 3);
  const bars: NonNullable<LineChartData['bars']> = [];
  fisher.forEach((f, i) => {
    if (start) bars.push({ x0: i + 0.05, x1: i + 0.95, y: Math.max(floor, start[i]), colour: 'c-muted' });
    bars.push({
      x0: i + 0.2,
      x1: i + 0.8,
      y: Math.max(floor, f),
      colour: i === shownLevel ? 'c-learned' : 'c-accent',
    });
  });
  return {
    xDomain: [0, Math.max(1, fisher.length)],
    yDomain: [floor, hi * 2],
    series: [],
    bars,
  };
}
