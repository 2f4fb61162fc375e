/**
 * Chart data for the train page (no DOM): the loss curve with the held-out loss beside it, the learned against
 * the exact score at one level with q_σ shaded beneath, the Fisher divergence per level (with σ²·D(σ), the fair
 * comparison between levels), and the Fisher divergence over training time.
 */
import type { ObjectiveName } from '../../engine/training/config';
import { mixturePdf, mixtureScore, type Mixture } from '../../engine/mixture';
import type { FisherPoint } from '../../store/trainSession';
import type { EvaluationEvent, LossCurve } from '../../worker/protocol';
import type { LineChartData } from '../../viz/types';

/**
 * Which y axis the loss needs. DSM/NCSN losses stay above a positive floor (the target is random) and ESM's
 * falls towards 0, so a log axis shows their decades; ISM's loss is E_p[½s_θ² + s_θ'], which is negative near
 * its optimum, so it gets a linear axis.
 */
export function lossAxis(objective: ObjectiveName): 'log' | 'linear' {
  return objective === 'ism' ? 'linear' : 'log';
}

/**
 * The ISM loss's minimum, reached by the exact score: E_p[½s² + s'] = −½E_p[s²] (integrate s' p by parts:
 * ∫ s' p = −∫ s p' = −∫ s² p). By quadrature on a fine grid over ±10 widths of every component.
 */
export function ismOptimum(mixture: Mixture): number {
  const lo = Math.min(...mixture.map((c) => c.mean - 10 * c.std));
  const hi = Math.max(...mixture.map((c) => c.mean + 10 * c.std));
  const n = 8001;
  const h = (hi - lo) / (n - 1);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = lo + i * h;
    const w = i === 0 || i === n - 1 ? 0.5 : 1;
    sum += w * mixturePdf(mixture, x) * mixtureScore(mixture, x) ** 2;
  }
  return -0.5 * sum * h;
}

export interface LossChartInput {
  curve: LossCurve | null;
  /** Held-out losses at evaluation steps. */
  history: FisherPoint[];
  objective: ObjectiveName;
  mixture: Mixture;
}

export function lossChart({ curve, history, objective, mixture }: LossChartInput): LineChartData {
  const log = lossAxis(objective) === 'log';
  const keep = (l: number) => (Number.isFinite(l) && (!log || l > 0) ? l : NaN);
  const steps = curve?.steps ?? [];
  const losses = (curve?.losses ?? []).map(keep);
  const held = history.filter((p) => p.heldOut !== null && p.step > 0);
  const heldSteps = held.map((p) => p.step);
  const heldLosses = held.map((p) => keep(p.heldOut as number));
  const optimum = objective === 'ism' ? ismOptimum(mixture) : null;
  const finite = [...losses, ...heldLosses, ...(optimum === null ? [] : [optimum])].filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : log ? 0.1 : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  // On a linear axis the first steps' losses (ISM's reach hundreds) would flatten everything after them: the axis
  // then stops at the largest loss after the first tenth of the run, and the legend says that it is cut.
  let cut = '';
  if (!log && losses.length >= 20) {
    const later = [...losses.slice(Math.floor(losses.length / 10)), ...heldLosses.slice(1)].filter(
      Number.isFinite,
    );
    const top = later.length ? Math.max(...later) : hi;
    if (hi - lo > 3 * (top - lo)) {
      cut = ` (axis cut at ${top.toPrecision(2)}; the first steps reach ${hi.toPrecision(2)})`;
      hi = top;
    }
  }
  const pad = 0.08 * Math.max(1e-9, hi - lo);
  const last = Math.max(10, steps[steps.length - 1] ?? 0, heldSteps[heldSteps.length - 1] ?? 0);
  const series: LineChartData['series'] = [
    { id: 'loss', label: `training loss (mean per step)${cut}`, x: steps, y: losses, colour: 'c-learned' },
    {
      id: 'heldout',
      label: 'held-out loss (2,048 fresh samples)',
      x: heldSteps,
      y: heldLosses,
      colour: 'c-data',
      dashed: true,
    },
  ];
  if (optimum !== null)
    series.push({
      id: 'optimum',
      label: `optimum −½E_p[s²] = ${optimum.toPrecision(3)}`,
      x: [0, last],
      y: [optimum, optimum],
      colour: 'c-score',
      dashed: true,
      faint: true,
    });
  return {
    xDomain: [0, last],
    yDomain: log ? [lo / 1.3, hi * 1.3] : [lo - pad, hi + pad],
    zeroLine: !log && lo < 0 && hi > 0,
    series,
  };
}

/**
 * The Fisher divergence over training time on a log axis: the mean over the levels (what the run-status line
 * reads, dominated by the smallest levels) and D(σ) at the shown level.
 */
export function fisherTimeChart(
  history: FisherPoint[],
  shownLevel: number,
  shownSigma: number | undefined,
): LineChartData {
  const steps = history.map((p) => p.step);
  const mean = history.map((p) => (p.mean > 0 ? p.mean : NaN));
  const level = history.map((p) => {
    const v = p.fisher[shownLevel];
    return v !== undefined && v > 0 ? v : NaN;
  });
  const several = (history[history.length - 1]?.fisher.length ?? 1) > 1;
  const finite = [...mean, ...(several ? level : [])].filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : 1e-3;
  const hi = finite.length ? Math.max(...finite) : 1;
  const series: LineChartData['series'] = [
    { id: 'mean', label: 'mean D over the levels', x: steps, y: mean, colour: 'c-learned' },
  ];
  if (several)
    series.push({
      id: 'level',
      label: `D at the shown level${shownSigma === undefined ? '' : ` (σ = ${shownSigma.toPrecision(2)})`}`,
      x: steps,
      y: level,
      colour: 'c-accent',
      dashed: true,
    });
  return {
    xDomain: [0, Math.max(10, steps[steps.length - 1] ?? 0)],
    yDomain: [lo / 2, hi * 2],
    series,
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

/**
 * Fisher divergence per level as bars on a log axis, with the value at step 0 as faint bars behind. For a
 * noise-conditional run, dots give σ²·D(σ): |s_σ| shrinks like 1/σ once σ exceeds the component widths, so D
 * itself shrinks with σ whatever the network does, and only σ²·D compares the levels fairly (SCIENCE.md §3).
 */
export function fisherChart(evaluation: EvaluationEvent | null, shownLevel: number): LineChartData {
  const fisher = evaluation?.fisher ?? [];
  const start = evaluation?.fisherAtStart ?? null;
  const sigmas = evaluation?.sigmas ?? [];
  const scaled = fisher.length > 1 ? fisher.map((f, i) => sigmas[i] ** 2 * f) : [];
  const values = [...fisher, ...(start ?? []), ...scaled].filter((v) => v > 0 && Number.isFinite(v));
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
  const points = scaled
    .map((v, i) => ({ x: i + 0.5, y: v, colour: 'c-score', r: 4 }))
    .filter((p) => p.y > 0 && Number.isFinite(p.y));
  return {
    xDomain: [0, Math.max(1, fisher.length)],
    yDomain: [floor, hi * 2],
    // Legend entries only (the marks are the bars and dots).
    series: [
      { id: 'now', label: 'D(σ) now', x: [], y: [], colour: 'c-accent' },
      ...(start ? [{ id: 'start', label: 'D(σ) at step 0', x: [], y: [], colour: 'c-muted' }] : []),
      ...(points.length
        ? [
            {
              id: 'scaled',
              label: 'dots: σ²·D(σ), comparable across levels',
              x: [],
              y: [],
              colour: 'c-score',
            },
          ]
        : []),
    ],
    bars,
    points,
  };
}
