import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt } from '../../components/Readout';
import { usePlaneSession } from '../../store/planeSession';
import { usePageValues } from '../../store/appStore';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { createPlaneField, type PlaneFieldData, type PlaneFieldOptions } from '../../viz/planeField';
import type { FieldView } from './fieldModel';
import { errorBySupport, errorRaster } from './learnedView';
import { fisherChart2, lossAxis2, lossChart2 } from './planeCharts';
import { PlaneRunNotice } from './PlaneRunNotice';

const LOSS_OPTIONS: Record<'log' | 'linear', LineChartOptions> = {
  log: {
    title: 'Training loss against steps, log scale',
    height: 200,
    xLabel: 'step',
    yLabel: 'loss (log)',
    yScale: 'log',
  },
  linear: { title: 'Training loss against steps', height: 200, xLabel: 'step', yLabel: 'loss' },
};
const FISHER_OPTIONS: LineChartOptions = {
  title: 'Fisher divergence per level against steps, log scale',
  height: 200,
  xLabel: 'step',
  yLabel: 'D(σ) (log)',
  yScale: 'log',
  legend: true,
};

/** The run's status line, the error map q_σ·|s_θ − s|², and the loss and Fisher curves. */
export function TrainFigures2({ view, narrow }: { view: FieldView; narrow: boolean }) {
  const { objective, sigma } = usePageValues('field2d');
  const { step, loss, stepsPerSec, learned, fisher, fisherHistory, lossHistory } = usePlaneSession();
  const error = useMemo(() => (learned ? errorRaster(view.grid, learned) : null), [view, learned]);
  const split = useMemo(() => (learned ? errorBySupport(view.grid, learned) : null), [view, learned]);
  const errorData = useMemo<PlaneFieldData>(
    () => ({
      box: view.box,
      density: error,
      arrows: [],
      streamlines: [],
      ellipses: view.ellipses,
      handles: [],
    }),
    [view, error],
  );
  const errorOptions = useMemo<PlaneFieldOptions>(
    () => ({
      title: 'Error map: q_σ times the squared error of the learned score',
      height: narrow ? 300 : 400,
    }),
    [narrow],
  );
  const axis = lossAxis2(objective);
  const lossData = useMemo(() => lossChart2(lossHistory, objective), [lossHistory, objective]);
  const fisherData = useMemo(
    () => fisherChart2(fisherHistory, fisher?.sigmas ?? []),
    [fisherHistory, fisher],
  );
  const meanFisher = fisherHistory.length ? fisherHistory[fisherHistory.length - 1].mean : null;

  return (
    <section className="plane-training" aria-label="Training">
      <PlaneRunNotice />
      <div className="run-status" data-testid="plane-run-status">
        <span>
          step <strong data-testid="plane-step">{step}</strong>
        </span>
        <span>
          loss <strong data-testid="plane-loss">{loss === null ? '–' : fmt(loss)}</strong>
        </span>
        <span>
          <strong data-testid="plane-speed">{fmt(stepsPerSec)}</strong> steps/s
        </span>
        <span>
          mean Fisher{' '}
          <strong data-testid="plane-fisher">{meanFisher === null ? '–' : fmt(meanFisher)}</strong>
        </span>
      </div>
      <FigureHost
        key={narrow ? 'narrow' : 'wide'}
        create={createPlaneField}
        options={errorOptions}
        data={errorData}
        testId="figure-field2d-error"
        className="plane-figure"
        caption={
          error && split ? (
            <>
              Error map. Shading: q<sub>σ</sub>·|s<sub>θ</sub> − s|² at σ = {fmt(learned?.sigma ?? sigma)}{' '}
              (square-root scale, darkest = {fmt(error.max)}), the integrand of twice the Fisher divergence.
              Unweighted, the squared error averages {fmt(split.dense)} where q<sub>σ</sub> is above a tenth
              of its peak and {fmt(split.sparse)} elsewhere in the plot.
            </>
          ) : (
            'The error map appears once the worker has built the network.'
          )
        }
      />
      <div className="figure-row">
        <FigureHost
          key={axis}
          create={createLineChart}
          options={LOSS_OPTIONS[axis]}
          data={lossData}
          testId="figure-field2d-loss"
          caption={
            axis === 'linear'
              ? 'In expectation (for SSM also over v), the ISM and SSM losses equal the Fisher divergence minus ½E|s|², a constant, so they go below zero once the divergence falls below ½E|s|².'
              : 'The mean loss of each trained chunk.'
          }
        />
        <FigureHost
          create={createLineChart}
          options={FISHER_OPTIONS}
          data={fisherData}
          testId="figure-field2d-fisher"
          caption={
            objective === 'ncsn'
              ? 'D(σ) = ½ E|s_θ − s|² over 2048 exact draws of q_σ per level, the same draws at every evaluation; faint lines: the other levels. Once σ exceeds the components’ widths |s| falls like 1/σ, so levels compare fairly only through σ²·D(σ), not on this axis.'
              : 'D(σ) = ½ E|s_θ − s|² at the one trained σ, over 2048 exact draws of q_σ, the same draws at every evaluation.'
          }
        />
      </div>
    </section>
  );
}
