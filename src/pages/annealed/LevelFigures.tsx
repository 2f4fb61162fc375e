import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import type { Mixture } from '../../engine/mixture';
import type { SamplerLevel } from '../../engine/sampling';
import { useSamplerSession } from '../../store/samplerSession';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { stepSizeFigure, weightHistoryFigure } from '../sampling-shared/charts';

const STEP_OPTIONS: LineChartOptions = {
  title: 'Step size α_i per level, log scale',
  height: 220,
  xLabel: 'level i',
  yLabel: 'α_i',
  yScale: 'log',
  legend: false,
};

const WEIGHT_OPTIONS: LineChartOptions = {
  title: 'Mode weights over the run against the true weights',
  height: 220,
  xLabel: 'step',
  yLabel: 'share',
};

/** α_i = ε σ_i²/σ_L² per level, the current one highlighted. */
export function StepSizeFigure({ levels }: { levels: SamplerLevel[] }) {
  const current = useSamplerSession((s) => s.frame?.state.level ?? 0);
  const data = useMemo(() => stepSizeFigure(levels, current), [levels, current]);
  return (
    <FigureHost
      create={createLineChart}
      options={STEP_OPTIONS}
      data={data}
      testId="figure-step-sizes"
      caption="α_i shrinks with σ_i² (a factor of (σ_max/σ_min)² overall). While σ_i exceeds the component widths this keeps the ratio of drift to noise, and the step measured in the level’s own width, the same at every level; below the widths the smallest levels take relatively smaller steps."
    />
  );
}

/** Each component's share of the particles over the run (solid) converging to its true weight (dashed). */
export function WeightHistoryFigure({ mixture, levelEnds }: { mixture: Mixture; levelEnds: number[] }) {
  const weights = useSamplerSession((s) => s.weights);
  const totalSteps = useSamplerSession((s) => s.frame?.state.totalSteps ?? 0);
  const data = useMemo(() => {
    const total = mixture.reduce((sum, c) => sum + c.weight, 0);
    const figure = weightHistoryFigure(
      weights,
      mixture.map((c) => c.weight / total),
      totalSteps,
    );
    return { ...figure, markers: levelEnds.slice(0, -1).map((x) => ({ x, colour: 'c-muted' })) };
  }, [weights, mixture, totalSteps, levelEnds]);
  return (
    <FigureHost
      create={createLineChart}
      options={WEIGHT_OPTIONS}
      data={data}
      testId="figure-weight-history"
      caption="Solid: each component’s share of the particles (mean responsibility); dashed: its true weight. Dotted lines mark the level boundaries."
    />
  );
}
