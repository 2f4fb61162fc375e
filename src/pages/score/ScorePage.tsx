import { useMemo, useState } from 'react';
import { mixtureLogPdf, mixtureScore } from '../../engine/mixture';
import { setComponent, setWeight } from '../../engine/mixtureEdit';
import { FigureHost } from '../../components/FigureHost';
import { MixtureEditor } from '../../components/MixtureEditor';
import { ControlGroup, PageLayout } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { fmt, Readout } from '../../components/Readout';
import { Segmented } from '../../components/Segmented';
import { usePageProbe } from '../../components/usePageProbe';
import { pageValues, useAppStore, useParam } from '../../store/appStore';
import { MEAN_LIMIT, STD_MAX, STD_MIN } from '../../store/mixtureParam';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import type { LineChartData } from '../../viz/types';
import { ScoreProse } from './ScoreProse';
import { ScoreUniqueness } from './ScoreUniqueness';
import { scoreProbe } from './scoreProbe';
import {
  componentHandles,
  densityChart,
  probeArrowLength,
  scoreChart,
  scoreDomain,
  scoreField,
  scoreFieldChart,
  scoreGrid,
  viewValue,
  type DensityView,
} from './scoreModel';

const VIEW_OPTIONS = [
  { value: 'density', label: 'Density' },
  { value: 'log', label: 'Log' },
  { value: 'energy', label: 'Energy' },
] as const;

const Y_LABEL: Record<DensityView, string> = { density: 'p̃(x)', log: 'log p̃(x)', energy: 'f(x) = −log p̃(x)' };

/** Dragging a handle edits the mixture in the store (read fresh, so the callback never goes stale). */
function dragHandle(id: string, x: number, y: number): void {
  const { mix: mixture, Z } = pageValues('score');
  const { setParam } = useAppStore.getState();
  const [kind, index] = id.split('-');
  const k = Number(index);
  const c = mixture[k];
  if (!c) return;
  if (kind === 'peak') {
    const mean = Math.max(-MEAN_LIMIT, Math.min(MEAN_LIMIT, x));
    const weight = (Math.max(0, y) * c.std * Math.sqrt(2 * Math.PI)) / Z;
    setParam('mix', setWeight(setComponent(mixture, k, { mean: Number(mean.toFixed(2)) }), k, weight));
  } else {
    const std = Math.max(STD_MIN, Math.min(STD_MAX, Math.abs(x - c.mean)));
    setParam('mix', setComponent(mixture, k, { std: Number(std.toPrecision(3)) }));
  }
}

export default function ScorePage() {
  const mixture = useParam('score', 'mix');
  const view = useParam('score', 'view');
  const Z = useParam('score', 'Z');
  const setParam = useAppStore((s) => s.setParam);
  const [probeX, setProbeX] = useState<number | null>(null);
  usePageProbe(scoreProbe);

  const grid = useMemo(() => scoreGrid(mixture), [mixture]);
  const xSpan = grid.x[grid.x.length - 1] - grid.x[0];
  const bound = scoreDomain(grid)[1];

  const probe = useMemo(() => {
    if (probeX === null || probeX < grid.x[0] || probeX > grid.x[grid.x.length - 1]) return null;
    const logp = mixtureLogPdf(mixture, probeX);
    return { x: probeX, logp, pdf: Math.exp(logp), score: mixtureScore(mixture, probeX) };
  }, [probeX, mixture, grid]);

  const densityData = useMemo<LineChartData>(() => {
    const base = densityChart(grid, mixture, view, Z);
    const data: LineChartData = { ...base, handles: view === 'density' ? componentHandles(mixture, Z) : [] };
    if (probe) {
      const yv = viewValue(view, probe.logp, Z);
      data.markers = [{ x: probe.x, colour: 'c-muted' }];
      data.points = [{ x: probe.x, y: yv, colour: 'c-score', r: 4 }];
      data.arrows = [
        {
          x0: probe.x,
          y0: yv,
          x1: probe.x + probeArrowLength(probe.score, xSpan, bound),
          y1: yv,
          colour: 'c-score',
        },
      ];
    }
    return data;
  }, [grid, mixture, view, Z, probe, xSpan, bound]);

  const field = useMemo(() => scoreField(mixture, [grid.x[0], grid.x[grid.x.length - 1]]), [mixture, grid]);
  const fieldData = useMemo<LineChartData>(() => {
    const data = scoreFieldChart(field, [grid.x[0], grid.x[grid.x.length - 1]]);
    if (probe) data.markers = [{ x: probe.x, colour: 'c-muted' }];
    return data;
  }, [field, grid, probe]);
  const clippedCount = field.clipped.filter(Boolean).length;

  const scoreData = useMemo<LineChartData>(() => {
    const data = scoreChart(grid);
    if (probe) {
      data.markers = [{ x: probe.x, colour: 'c-muted' }];
      data.points = [{ x: probe.x, y: probe.score, colour: 'c-score', r: 4 }];
    }
    return data;
  }, [grid, probe]);

  const densityOptions = useMemo<LineChartOptions>(
    () => ({
      title: 'The mixture density with draggable component handles',
      height: 280,
      xLabel: 'x',
      yLabel: Y_LABEL[view],
      onHover: setProbeX,
      onHandleDrag: dragHandle,
    }),
    [view],
  );
  const scoreOptions = useMemo<LineChartOptions>(
    () => ({
      title: 'The score of the mixture',
      height: 220,
      xLabel: 'x',
      yLabel: 's(x)',
      onHover: setProbeX,
    }),
    [],
  );
  const fieldOptions = useMemo<LineChartOptions>(
    () => ({
      title: 'The score as a field of arrows along the x axis',
      height: 56,
      yAxis: false,
      legend: false,
      margin: { top: 6 },
      onHover: setProbeX,
    }),
    [],
  );
  const createDensity = useMemo(() => createLineChart, []);

  const readout = probe
    ? [
        { label: 'x', value: fmt(probe.x), testId: 'probe-x' },
        {
          label: view === 'density' ? 'p(x)' : 'log p(x)',
          value: fmt(view === 'density' ? probe.pdf : probe.logp),
          testId: 'probe-p',
        },
        { label: 's(x)', value: fmt(probe.score), testId: 'probe-score' },
        {
          label: 'points',
          value:
            Math.abs(probe.score) < 1e-3
              ? 'nowhere (a critical point)'
              : probe.score > 0
                ? 'right →'
                : '← left',
        },
      ]
    : [];

  return (
    <PageLayout
      title="Density and score"
      lede="The score of a density is the slope of its log: an arrow at every x pointing towards higher probability, longer where the log density is steep. Drag the handles, or hover to probe any point."
      controls={
        <>
          <ControlGroup title="View">
            <Segmented
              label="Plot"
              options={VIEW_OPTIONS}
              value={view}
              onChange={(v) => setParam('view', v)}
              testId="param-view"
            />
            <ParamSlider page="score" name="Z" label="Scale Z" hint="p̃ = Z·p" />
          </ControlGroup>
          <ControlGroup title="Mixture">
            <MixtureEditor />
          </ControlGroup>
        </>
      }
      prose={<ScoreProse mixture={mixture} Z={Z} />}
    >
      <section className="figure" style={{ padding: 0, border: 0, background: 'none' }}>
        <FigureHost
          key={view}
          create={createDensity}
          options={densityOptions}
          data={densityData}
          testId="figure-density"
          caption={
            view === 'density'
              ? 'Dashed: each weighted component. Drag a round handle to move a component (left–right) or change its weight (up–down); drag the right-hand handle to change its width.'
              : view === 'log'
                ? 'log p̃(x) = log p(x) + log Z: changing Z shifts the curve up or down without changing its shape.'
                : 'The energy f(x) = −log p̃(x): the density is exp(−f)/Z. Valleys of the energy are the modes.'
          }
        />
        <Readout
          items={readout}
          testId="probe-readout"
          placeholder="Hover (or touch) a figure to probe a point."
        />
        <FigureHost
          create={createLineChart}
          options={scoreOptions}
          data={scoreData}
          testId="figure-score"
          caption="The score s(x) is zero at each mode and at the dip between modes; it is large where log p is steep. Changing Z never moves it."
        />
        <FigureHost
          create={createLineChart}
          options={fieldOptions}
          data={fieldData}
          testId="figure-score-field"
          className="score-field"
          tables={() => [
            {
              name: 'field',
              columns: ['x', 'score', 'drawn_length', 'clipped'],
              rows: field.x.map((x, i) => [x, field.score[i], field.length[i], field.clipped[i] ? 1 : 0]),
            },
          ]}
          caption={
            <>
              The same score as arrows at {field.x.length} evenly spaced points: each points the way s(x)
              points, and its length is {fmt(field.unit, 2)} × s(x) in units of x.
              {clippedCount > 0 &&
                ` ${clippedCount} of them, where |s| is large (the steep flanks and the tails), would reach the next arrow: they are cut to the spacing and drawn dashed.`}
            </>
          }
        />
      </section>
      <ScoreUniqueness mixture={mixture} />
    </PageLayout>
  );
}
