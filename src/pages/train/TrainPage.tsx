import { useCallback, useMemo, useState } from 'react';
import { BackendBadge } from '../../components/BackendBadge';
import { FigureHost } from '../../components/FigureHost';
import { ControlGroup, PageLayout } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { PlayControls } from '../../components/PlayControls';
import { fmt } from '../../components/Readout';
import { SeedControl } from '../../components/SeedControl';
import { Slider } from '../../components/Slider';
import { Segmented } from '../../components/Segmented';
import { usePageProbe } from '../../components/usePageProbe';
import { pageValues, useAppStore, usePageValues } from '../../store/appStore';
import { trainConfigFrom } from '../../store/trainConfig';
import { trainerClient, useTrainSession } from '../../store/trainSession';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { lossCaption } from './lossCaption';
import { ModelFileControls } from './ModelFileControls';
import { TrainSsmNote } from './TrainSsmNote';
import { fisherChart, fisherTimeChart, levelChart, lossAxis, lossChart } from './trainCharts';
import { RunChangeNotice } from './RunChangeNotice';
import '../../styles/train-run.css';
import { OBJECTIVE_OPTIONS, OBJECTIVE_SUMMARY } from './trainConfig';
import { trainProbe } from './trainProbe';
import { TrainProse } from './TrainProse';
import { useTrainer } from './useTrainer';

const SPEEDS = [
  ['max', 'as fast as possible'],
  ['200', '200 steps/s'],
  ['30', '30 steps/s'],
  ['5', '5 steps/s'],
] as const;

const LOSS_OPTIONS: Record<'log' | 'linear', LineChartOptions> = {
  log: {
    title: 'Training and held-out loss against steps, log scale',
    height: 200,
    xLabel: 'step',
    yLabel: 'loss (log scale)',
    yScale: 'log',
  },
  // ISM's loss is negative near its optimum: a linear axis, with the optimum drawn.
  linear: {
    title: 'Training and held-out loss against steps, linear scale',
    height: 200,
    xLabel: 'step',
    yLabel: 'loss (linear scale)',
    yScale: 'linear',
  },
};
const FISHER_TIME_OPTIONS: LineChartOptions = {
  title: 'Fisher divergence against training steps, log scale',
  height: 200,
  xLabel: 'step',
  yLabel: 'D (log scale)',
  yScale: 'log',
};
const LEVEL_OPTIONS: LineChartOptions = {
  title: 'Learned and exact score at one level',
  height: 260,
  xLabel: 'x',
  yLabel: 'score',
};
const FISHER_OPTIONS: LineChartOptions = {
  title: 'Fisher divergence per noise level, log scale',
  height: 200,
  xLabel: 'level (0 = largest σ)',
  yLabel: 'D(σ), σ²·D(σ)',
  yScale: 'log',
};

export default function TrainPage() {
  useTrainer();
  usePageProbe(trainProbe);
  const values = usePageValues('train');
  const setParam = useAppStore((s) => s.setParam);
  const setParams = useAppStore((s) => s.setParams);
  const { mode, step, progress, evaluation, fisherHistory } = useTrainSession();
  const [speed, setSpeed] = useState('max');
  const objective = values.objective;
  const levels = objective === 'ncsn' ? values.levels : 1;
  const shownLevel = Math.min(values.level, levels - 1);
  const playing = mode.kind === 'ready' && (mode.status === 'playing' || mode.status === 'running');
  const client = trainerClient();

  const act = useCallback((action: () => Promise<unknown>) => {
    action().catch((error: Error) => useAppStore.getState().addNotice(error.message, 'runtime', 'error'));
  }, []);
  const onPlay = useCallback(() => act(() => client.play()), [act, client]);
  const onPause = useCallback(() => act(() => client.pause()), [act, client]);
  const onStep = useCallback(() => act(() => client.step(10)), [act, client]);
  const onReset = useCallback(
    () =>
      act(async () => {
        await client.reset();
        await client.evaluate({ level: pageValues('train').level });
      }),
    [act, client],
  );
  const onSpeed = (value: string) => {
    setSpeed(value);
    act(() => client.setSpeed(value === 'max' ? null : Number(value)));
  };

  const mixture = values.mix;
  const axis = lossAxis(objective);
  const loss = useMemo(
    () => lossChart({ curve: progress?.lossHistory ?? null, history: fisherHistory, objective, mixture }),
    [progress, fisherHistory, objective, mixture],
  );
  const lossNote = useMemo(() => lossCaption(trainConfigFrom(values).config), [values]);
  const level = useMemo(() => levelChart(evaluation), [evaluation]);
  const fisher = useMemo(() => fisherChart(evaluation, shownLevel), [evaluation, shownLevel]);
  const sigma = evaluation?.curves.sigma;
  const fisherTime = useMemo(
    () => fisherTimeChart(fisherHistory, shownLevel, evaluation?.sigmas[shownLevel]),
    [fisherHistory, shownLevel, evaluation],
  );
  const meanDrop =
    evaluation?.fisherAtStart && evaluation.fisherAtStart.length === evaluation.fisher.length
      ? evaluation.meanFisher /
        (evaluation.fisherAtStart.reduce((a, b) => a + b, 0) / evaluation.fisherAtStart.length)
      : null;

  return (
    <PageLayout
      title="Training a score network"
      lede="A small network s_θ(x, σ) learns the score of the noisy data at many noise levels at once, in this tab. The exact score is known here, so every curve is checked against the truth as training runs."
      controls={
        <>
          <ControlGroup title="Objective">
            <Segmented
              label="Loss"
              options={OBJECTIVE_OPTIONS}
              value={objective}
              onChange={(v) => setParam('objective', v)}
              testId="param-objective"
            />
            <p className="slider-hint">{OBJECTIVE_SUMMARY[objective]}</p>
            <ParamSlider
              page="train"
              name="smin"
              label="σ_min"
              hint={objective === 'ncsn' ? 'smallest level' : 'the one level'}
            />
            {objective === 'ncsn' && (
              <>
                <ParamSlider page="train" name="smax" label="σ_max" hint="largest level" />
                <ParamSlider page="train" name="levels" label="Levels L" hint="geometric" />
              </>
            )}
          </ControlGroup>
          <ControlGroup title="Network and optimiser">
            <ParamSlider page="train" name="width" hint="units per layer" />
            <ParamSlider page="train" name="depth" hint="hidden layers" />
            <ParamSlider page="train" name="lr" hint="Adam" />
            <ParamSlider page="train" name="batch" hint="samples per step" />
            <BackendBadge />
          </ControlGroup>
          <ControlGroup title="Data">
            <ParamSlider page="train" name="data" label="Training set" hint="0 = fresh samples every step" />
            <button
              type="button"
              className="button"
              data-testid="preset-memorise"
              onClick={() => setParams({ objective: 'dsm', data: 20, smin: 0.15, width: 128, lr: 0.003 })}
            >
              Try: 20 points at σ = 0.15 (memorisation)
            </button>
            {values.data > 0 && (
              <button
                type="button"
                className="button"
                onClick={() => act(() => client.regenerateData())}
                data-testid="regenerate"
              >
                New training set
              </button>
            )}
            <SeedControl />
          </ControlGroup>
          <ControlGroup title="Model file">
            <ModelFileControls />
          </ControlGroup>
          <ControlGroup title="Scripted runs" folded>
            <ParamSlider
              page="train"
              name="steps"
              hint="how far a shared link's automated run trains; Play keeps going until you pause"
            />
          </ControlGroup>
        </>
      }
      transport={
        <PlayControls
          playing={playing}
          disabled={
            mode.kind === 'starting' ||
            mode.kind === 'failed' ||
            // No model yet (the page's configure is on its way): a Play now would find nothing to train.
            (mode.kind === 'ready' && mode.status === 'empty')
          }
          onPlay={onPlay}
          onPause={onPause}
          onStep={onStep}
          onReset={onReset}
          stepLabel="Step ×10"
          speeds={SPEEDS}
          speed={speed}
          onSpeed={onSpeed}
        />
      }
      prose={<TrainProse />}
    >
      {mode.kind === 'diverged' && (
        <div className="diverged-panel" role="alert" data-testid="diverged">
          <strong>
            Training stopped at step {mode.step}: {mode.reason}
          </strong>
          <span>Lower the learning rate or reset to the seed&rsquo;s initial weights.</span>
          <button type="button" className="button" onClick={onReset} data-testid="diverged-reset">
            Reset the run
          </button>
        </div>
      )}
      {mode.kind === 'failed' && (
        <div className="diverged-panel" role="alert">
          <strong>The training engine could not start: {mode.message}</strong>
        </div>
      )}
      <RunChangeNotice />
      <div className="run-status" data-testid="run-status">
        <span>
          step <strong data-testid="train-step">{step}</strong>
        </span>
        <span>
          loss <strong data-testid="train-loss">{progress?.loss == null ? '–' : fmt(progress.loss)}</strong>
        </span>
        <span>
          <strong data-testid="train-speed">{progress ? fmt(progress.stepsPerSec) : '–'}</strong> steps/s
        </span>
        <span>
          mean Fisher{' '}
          <strong data-testid="train-fisher">{evaluation ? fmt(evaluation.meanFisher) : '–'}</strong>
          {meanDrop !== null && <> ({fmt(100 * meanDrop, 2)}% of step 0)</>}
        </span>
      </div>
      <FigureHost create={createLineChart} options={LEVEL_OPTIONS} data={level} testId="figure-level" />
      {levels > 1 && (
        // The level's range follows L (the URL's default, 29, stands for the smallest σ whatever L is).
        <Slider
          label={`Shown level: σ = ${sigma === undefined ? '…' : fmt(sigma)}`}
          hint={`0 … ${levels - 1}, ${levels - 1} = smallest σ`}
          value={shownLevel}
          min={0}
          max={levels - 1}
          integer
          onChange={(v) => setParam('level', v)}
          testId="param-level"
        />
      )}
      <div className="figure-row">
        <FigureHost
          key={axis}
          create={createLineChart}
          options={LOSS_OPTIONS[axis]}
          data={loss}
          testId="figure-loss"
          caption={lossNote}
        />
        <FigureHost
          create={createLineChart}
          options={FISHER_TIME_OPTIONS}
          data={fisherTime}
          testId="figure-fisher-time"
          caption="The Fisher divergence as training goes: the quantity to watch. The mean over the levels is dominated by the smallest σ, where the score is steepest."
        />
      </div>
      <FigureHost
        create={createLineChart}
        options={FISHER_OPTIONS}
        data={fisher}
        testId="figure-fisher"
        caption="D(σ) = ½ ∫ q_σ (s_θ − s_σ)² dx per level, now (blue; the shown level’s bar in the colour of the learned s_θ above) and at step 0 (grey)."
      />
      <TrainSsmNote />
    </PageLayout>
  );
}
