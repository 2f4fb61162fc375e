import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt } from '../../components/Readout';
import { ParamSlider } from '../../components/ParamSlider';
import { pageValues, usePageValues } from '../../store/appStore';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import type { LineChartData } from '../../viz/types';
import { useDiffusionSession } from '../../store/diffusionSession';
import { hasModelFor, train } from './diffusionActions';
import { modelName } from './diffusionModel';

const LOSS_OPTIONS: LineChartOptions = {
  title: 'Training loss',
  height: 130,
  xLabel: 'training step',
  yLabel: 'loss',
  legend: false,
};

/** The ε-model (or, for flow matching, the velocity model): its size and training length, a Train button with live progress, and the loss curve. */
export function TrainPanel() {
  const values = usePageValues('diffusion');
  const mode = useDiffusionSession((s) => s.mode);
  const model = useDiffusionSession((s) => s.model);
  const loss = useDiffusionSession((s) => s.loss);
  const history = useDiffusionSession((s) => s.lossHistory);
  const ready = model !== null && hasModelFor(values);
  const training = mode.kind === 'training';
  const flow = values.sde === 'fm';
  const name = modelName(values.sde);
  const data = useMemo<LineChartData>(() => {
    const steps = history?.steps ?? [];
    const losses = history?.losses ?? [];
    const top = losses.reduce((m, v) => Math.max(m, v), 0.1);
    return {
      xDomain: [0, Math.max(1, steps[steps.length - 1] ?? 1)],
      // The ε-loss starts near 1; the flow-matching loss has a larger floor (the pairs through one x_t disagree).
      yDomain: [0, flow ? 1.05 * top : Math.min(1.5, 1.05 * top)],
      series: [{ id: 'loss', label: 'loss', x: steps, y: losses, colour: 'c-learned' }],
    };
  }, [history, flow]);
  return (
    <div className="diff-train" data-testid="train-panel">
      <ParamSlider page="diffusion" name="width" hint="hidden units in each of 2 layers" />
      <ParamSlider page="diffusion" name="train" hint="Adam steps of batch 512" />
      <button
        type="button"
        className="button primary"
        disabled={training}
        onClick={() => void train(pageValues('diffusion'))}
        data-testid="train-button"
      >
        {training ? 'Training…' : ready ? 'Train again' : `Train the ${name}`}
      </button>
      {training && (
        <p className="diff-progress" data-testid="train-progress">
          <progress max={mode.total} value={mode.step} /> step {mode.step} of {mode.total}
          {loss !== null && <> · loss {fmt(loss)}</>}
        </p>
      )}
      <p className="slider-hint" data-testid="model-status">
        {ready
          ? `${flow ? 'Velocity model' : 'ε-model'} ready: ${model.step} steps${loss !== null ? `, final loss ${fmt(loss)}` : ''}.`
          : `No ${name} for these settings yet: the learned ${flow ? 'velocity' : 'score'} needs one (the exact ${flow ? 'velocity' : 'score'} never does).`}
      </p>
      {history && history.steps.length > 1 && (
        <FigureHost create={createLineChart} options={LOSS_OPTIONS} data={data} testId="figure-loss" />
      )}
    </div>
  );
}
