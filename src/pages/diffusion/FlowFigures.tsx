import { useEffect, useMemo, useState } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt } from '../../components/Readout';
import type { Mixture } from '../../engine/mixture';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import type { LineChartData, LineSeries } from '../../viz/types';
import { xRange } from './diffusionModel';
import {
  flowVsVpPaths,
  PATH_COUNT,
  PATH_STEPS,
  STEP_COUNTS,
  STEPS_N,
  w1AgainstSteps,
  type StepsCurve,
  type TransportPaths,
} from './flowFiguresModel';
import { useFlowFigures } from './flowFiguresStore';
import { FlowProse } from './FlowProse';
import { LearnedStepsNote } from './LearnedStepsNote';
import { ReflowPanel } from './ReflowPanel';
import { useLearnedSteps } from './useLearnedSteps';

const PATH_OPTIONS: LineChartOptions = {
  title: 'Flow matching against the VP probability-flow ODE, from the same starting noise',
  height: 280,
  xLabel: 'time t (both run from t = 1 on the right to t = 0 on the left)',
  yLabel: 'x',
  legend: false,
};

const STEPS_OPTIONS: LineChartOptions = {
  title: 'W1 to the data against the number of steps, exact and learned fields',
  height: 240,
  xLabel: 'sampling steps',
  yLabel: 'W1',
  xScale: 'log',
  yScale: 'log',
};

const STEP_COLOURS: Record<string, { colour: string; dashed?: boolean; dash?: string }> = {
  'fm-heun': { colour: 'c-learned' },
  'fm-euler': { colour: 'c-learned', dashed: true },
  'vp-heun': { colour: 'c-data' },
  'vp-euler': { colour: 'c-data', dashed: true },
  'fm-heun-learned': { colour: 'c-learned', dash: '1 3' },
  'fm-euler-learned': { colour: 'c-learned', dash: '6 3 1 3' },
  'vp-heun-learned': { colour: 'c-data', dash: '1 3' },
  'vp-euler-learned': { colour: 'c-data', dash: '6 3 1 3' },
  'reflow-heun-learned': { colour: 'c-kde', dash: '1 3' },
  'reflow-euler-learned': { colour: 'c-kde', dash: '6 3 1 3' },
};

function pathSeries(id: string, paths: TransportPaths, colour: string): LineSeries[] {
  return paths.paths.map((y, j) => ({ id: `${id}-${j}`, label: id, x: paths.times, y, colour }));
}

/** Yields the main thread between pieces of work (the figures compute on it, a few hundred ms in all). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The two figures of flow matching (shown with sde = fm): the paths of both deterministic transports from the same
 * noise with their straightness, and W1 against the number of steps for both, on the exact fields (computed
 * here) and on the learned ones once a model exists (computed in the sampler worker), with reflow below it.
 */
export function FlowFigures({ mixture, seed }: { mixture: Mixture; seed: number }) {
  // Results are kept with the inputs they were computed for; stale ones (from before a change) are not shown.
  const inputs = useMemo(() => ({ mixture, seed }), [mixture, seed]);
  const [pathsFor, setPaths] = useState<{
    inputs: typeof inputs;
    value: { fm: TransportPaths; vp: TransportPaths };
  } | null>(null);
  const [curvesFor, setCurves] = useState<{ inputs: typeof inputs; value: StepsCurve[] } | null>(null);
  const paths = pathsFor?.inputs === inputs ? pathsFor.value : null;
  const curves = curvesFor?.inputs === inputs ? curvesFor.value : null;
  useEffect(() => {
    let cancelled = false;
    useFlowFigures.setState({ straightness: null, speedDeviation: null, w1VsSteps: null });
    void (async () => {
      await nextTask();
      if (cancelled) return;
      const p = flowVsVpPaths(inputs.mixture, inputs.seed);
      setPaths({ inputs, value: p });
      useFlowFigures.setState({
        straightness: { fm: p.fm.straightness, vp: p.vp.straightness },
        speedDeviation: { fm: p.fm.speedDeviation, vp: p.vp.speedDeviation },
      });
      const points = w1AgainstSteps(inputs.mixture, inputs.seed);
      for (;;) {
        await nextTask();
        if (cancelled) return;
        const next = points.next();
        if (next.done) break;
        setCurves({ inputs, value: next.value });
        if (next.value[0].steps.length === STEP_COUNTS.length)
          useFlowFigures.setState({ w1VsSteps: next.value });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [inputs]);

  const learned = useLearnedSteps(mixture, seed);
  const reflowed = useFlowFigures((s) => (s.reflow?.status === 'done' ? s.reflow.w1VsSteps : null));
  const learnedCurves = useMemo(
    () => [...(learned?.w1VsSteps ?? []), ...(reflowed ?? [])],
    [learned, reflowed],
  );
  const range = useMemo(() => xRange(mixture), [mixture]);
  const pathData = useMemo<LineChartData>(
    () => ({
      xDomain: [0, 1],
      yDomain: range,
      series: paths
        ? [...pathSeries('vp', paths.vp, 'c-data'), ...pathSeries('fm', paths.fm, 'c-learned')]
        : [],
    }),
    [paths, range],
  );
  const stepsData = useMemo<LineChartData>(() => {
    const shown = [...(curves ?? []), ...learnedCurves];
    const all = shown.flatMap((c) => c.w1).filter((v) => v > 0);
    const lo = all.length ? Math.min(...all) : 0.01;
    const hi = all.length ? Math.max(...all) : 1;
    return {
      xDomain: [STEP_COUNTS[0], STEP_COUNTS[STEP_COUNTS.length - 1]],
      yDomain: [lo / 1.3, hi * 1.3],
      series: shown.map((c) => ({
        id: c.id,
        // The legend draws every line solid: the learned curves name their dash pattern.
        label: c.id.endsWith('-learned')
          ? `${c.label} (${c.id.includes('heun') ? 'dotted' : 'dash-dotted'})`
          : c.label,
        x: c.steps,
        y: c.w1,
        ...STEP_COLOURS[c.id],
      })),
    };
  }, [curves, learnedCurves]);

  return (
    <>
      <h2 className="figure-title">Flow matching · straight paths, fewer steps</h2>
      <FigureHost
        create={createLineChart}
        options={PATH_OPTIONS}
        data={pathData}
        testId="figure-flow-paths"
        caption={
          <>
            {PATH_COUNT} particles from the same draws at t = 1, carried to t = 0 with {PATH_STEPS} Heun steps
            on the exact fields: <span className="c-learned">flow matching</span> and{' '}
            <span className="c-data">the VP probability-flow ODE</span>.{' '}
            {paths ? (
              <span data-testid="flow-straightness">
                Length over chord: flow matching {fmt(paths.fm.straightness, 3)}, VP{' '}
                {fmt(paths.vp.straightness, 3)} (1 = no turning back). Mean squared deviation from constant
                speed: flow matching {fmt(paths.fm.speedDeviation, 3)}, VP {fmt(paths.vp.speedDeviation, 3)}{' '}
                (0 = every particle moves at one speed along its chord).
              </span>
            ) : (
              'Computing…'
            )}
          </>
        }
      />
      <FigureHost
        create={createLineChart}
        options={STEPS_OPTIONS}
        data={stepsData}
        testId="figure-flow-steps"
        caption={
          <>
            {STEPS_N.toLocaleString('en')} particles, every run from the same draws; solid Heun, dashed Euler.
            W1 stops falling at the sampling noise floor of {STEPS_N.toLocaleString('en')} particles (about
            1/√n), so read the number of steps each needs to reach it. <LearnedStepsNote learned={learned} />
          </>
        }
      />
      {learned?.models?.fm && <ReflowPanel mixture={mixture} seed={seed} />}
      <FlowProse />
    </>
  );
}
