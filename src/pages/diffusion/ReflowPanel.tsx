import { useEffect, useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt } from '../../components/Readout';
import type { Mixture } from '../../engine/mixture';
import { pageValues } from '../../store/appStore';
import { useDiffusionSession } from '../../store/diffusionSession';
import { reflowOnce } from '../../store/learnedSteps';
import { readerMessage } from '../../store/readerMessage';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import type { LineChartData, LineSeries } from '../../viz/types';
import { xRange } from './diffusionModel';
import { STEP_COUNTS, STEPS_N } from './flowFiguresModel';
import { useFlowFigures, type ReflowState } from './flowFiguresStore';

/** One round: 10,000 pairs from 100 Heun steps of the learned ODE, then 1,000 Adam steps of the copy. */
export const REFLOW = { pairs: 10_000, pairSteps: 100, trainSteps: 1000 } as const;

const PATH_OPTIONS: LineChartOptions = {
  title: 'Learned flow before and after one reflow, from the same starting noise',
  height: 240,
  xLabel: 'time t (from t = 1 on the right to t = 0 on the left)',
  yLabel: 'x',
  legend: false,
};

const setReflow = (reflow: ReflowState | null) => useFlowFigures.setState({ reflow });

let token = 0;

async function reflow(mixture: Mixture, seed: number): Promise<void> {
  const mine = ++token;
  const values = pageValues('diffusion');
  setReflow({ status: 'running', step: 0, total: REFLOW.trainSteps });
  try {
    const ask = { mixture, seed, n: STEPS_N, stepCounts: STEP_COUNTS, velocityModel: true };
    const outcome = await reflowOnce({ ...ask, ...REFLOW, backend: values.backend }, (step, total) => {
      if (mine === token) setReflow({ status: 'running', step, total });
    });
    if (outcome && mine === token) setReflow({ status: 'done', ...outcome });
  } catch (error) {
    if (mine === token) setReflow({ status: 'failed', message: readerMessage(error) });
  }
}

function series(
  id: string,
  times: number[],
  paths: number[][],
  colour: string,
  faint: boolean,
): LineSeries[] {
  return paths.map((y, j) => ({ id: `${id}-${j}`, label: id, x: times, y, colour, faint }));
}

/**
 * Reflow, one round of rectified flow, offered once the velocity model exists: a button, its progress, and the
 * result: both learned flows' paths from the same noise with their straightness read-outs (the reflowed model's
 * W1 against steps joins the figure above).
 */
export function ReflowPanel({ mixture, seed }: { mixture: Mixture; seed: number }) {
  const state = useFlowFigures((s) => s.reflow);
  const modelStep = useDiffusionSession((s) => s.model?.step ?? 0);
  const training = useDiffusionSession((s) => s.mode.kind === 'training');
  // A reflow belongs to the model, mixture and seed it was made from: any change forgets it.
  useEffect(() => {
    token++;
    setReflow(null);
  }, [mixture, seed, modelStep, training]);
  const range = useMemo(() => xRange(mixture), [mixture]);
  const data = useMemo<LineChartData>(
    () => ({
      xDomain: [0, 1],
      yDomain: range,
      series:
        state?.status === 'done'
          ? [
              ...series('first', state.before.times, state.before.paths, 'c-learned', true),
              ...series('reflowed', state.after.times, state.after.paths, 'c-kde', false),
            ]
          : [],
    }),
    [state, range],
  );
  const running = state?.status === 'running';
  return (
    <div className="flow-reflow" data-testid="flow-reflow-panel">
      <p>
        <button
          type="button"
          className="button"
          disabled={running || training}
          onClick={() => void reflow(mixture, seed)}
          data-testid="flow-reflow"
        >
          {running ? 'Reflowing…' : 'Reflow once'}
        </button>{' '}
        Reflow trains a copy of the velocity network, with the same loss, on{' '}
        {REFLOW.pairs.toLocaleString('en')} pairs of a noise draw and the point the learned ODE carries it to
        ({REFLOW.trainSteps.toLocaleString('en')} more Adam steps).
        {running && (
          <span data-testid="flow-reflow-progress">
            {' '}
            <progress max={state.total} value={state.step} />{' '}
            {state.step === 0 ? 'integrating the pairs…' : `step ${state.step} of ${state.total}`}
          </span>
        )}
        {state?.status === 'failed' && (
          <span data-testid="flow-reflow-progress"> Reflow failed: {state.message}</span>
        )}
      </p>
      {state?.status === 'done' && (
        <FigureHost
          create={createLineChart}
          options={PATH_OPTIONS}
          data={data}
          testId="figure-flow-reflow"
          caption={
            <span data-testid="flow-reflow-readout">
              <span className="c-learned">Faint: the first learned flow</span>;{' '}
              <span className="c-kde">bold: after one reflow</span>, 100 Heun steps each. Mean squared
              deviation from constant speed: {fmt(state.before.speedDeviation, 3)} before,{' '}
              {fmt(state.after.speedDeviation, 3)} after (0 = straight at constant speed). Length over chord:{' '}
              {fmt(state.before.straightness, 3)} before, {fmt(state.after.straightness, 3)} after. The
              reflowed model&rsquo;s W1 against steps is in the figure above, in this colour.
            </span>
          }
        />
      )}
    </div>
  );
}
