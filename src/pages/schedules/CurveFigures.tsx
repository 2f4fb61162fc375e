import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt } from '../../components/Readout';
import { SCHEDULE_INFO } from '../../engine/schedules';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { alphaBarChart, betaChart, colourOf, lambdaChart, logSnrChart } from './scheduleCharts';
import { valuesAt, type ScheduleView } from './schedulesModel';
import { ScheduleLegend } from './ScheduleLegend';

const base = (title: string, yLabel: string, onHover: (u: number | null) => void): LineChartOptions => ({
  title,
  yLabel,
  xLabel: 't / T',
  height: 210,
  legend: false,
  onHover,
});

/** β_t, ᾱ_t, log SNR and λ_t side by side on the shared t/T axis, with a read-out of the hovered step. */
export function CurveFigures({
  views,
  T,
  hoverU,
  hoverStep,
  onHover,
}: {
  views: readonly ScheduleView[];
  T: number;
  hoverU: number | null;
  hoverStep: number | null;
  onHover: (u: number | null) => void;
}) {
  const options = useMemo(
    () => ({
      beta: {
        ...base('β_t, the noise variance added at step t', 'β_t (log)', onHover),
        yScale: 'log' as const,
      },
      alphaBar: base('ᾱ_t, the share of signal variance left', 'ᾱ_t', onHover),
      logSnr: base('log SNR_t = log(ᾱ_t / (1 − ᾱ_t))', 'log SNR', onHover),
      lambda: { ...base('λ_t = σ_t/α_t on a log axis', 'λ_t (log)', onHover), yScale: 'log' as const },
    }),
    [onHover],
  );
  const data = useMemo(
    () => ({
      beta: betaChart(views, hoverU),
      alphaBar: alphaBarChart(views, hoverU),
      logSnr: logSnrChart(views, hoverU),
      lambda: lambdaChart(views, hoverU),
    }),
    [views, hoverU],
  );
  const hasVp = views.some((v) => v.schedule.family === 'vp');
  return (
    <section className="sched-curves" aria-label="Schedules compared on one time axis">
      <h2 className="figure-title">1 · The schedules on one time axis</h2>
      <ScheduleLegend names={views.map((v) => v.schedule.name)} />
      <div className="figure-row">
        <FigureHost
          create={createLineChart}
          options={options.beta}
          data={data.beta}
          testId="figure-sched-beta"
          caption={
            hasVp
              ? 'VP schedules only: a VE schedule adds noise without shrinking the signal, so it has no β.'
              : 'Only VP schedules have a β: pick one to see this chart.'
          }
        />
        <FigureHost
          create={createLineChart}
          options={options.alphaBar}
          data={data.alphaBar}
          testId="figure-sched-alphabar"
          caption="VE schedules (dotted and dashed): the ᾱ a VP process would need for the same λ, 1/(1 + σ²)."
        />
        <FigureHost
          create={createLineChart}
          options={options.logSnr}
          data={data.logSnr}
          testId="figure-sched-logsnr"
          caption="Signal-to-noise ratio on a log scale (natural log); it crosses 0 where noise and signal are equal."
        />
        <FigureHost
          create={createLineChart}
          options={options.lambda}
          data={data.lambda}
          testId="figure-sched-lambda"
          caption="Noise measured in units of signal. Grey dashed lines: λ = 10 (signal essentially gone above) and λ = 0.1 (still essentially clean below)."
        />
      </div>
      <StepReadout views={views} T={T} step={hoverStep} />
    </section>
  );
}

/**
 * Every chosen schedule at the hovered step. The table is always there (blank until something is hovered),
 * so hovering never shifts the figures below it.
 */
function StepReadout({ views, T, step }: { views: readonly ScheduleView[]; T: number; step: number | null }) {
  const blank = '—';
  return (
    <div className="sched-step-readout" data-testid="step-readout">
      <p className="sched-step-title">
        {step === null ? (
          'Hover (or touch) a chart or a heat map to read every schedule at one step.'
        ) : (
          <>
            Step t = <strong data-testid="step-readout-t">{step}</strong> of {T} (t/T = {fmt(step / T)})
          </>
        )}
      </p>
      <table className="stat-table">
        <thead>
          <tr>
            <th scope="col">Schedule</th>
            <th scope="col">β_t</th>
            <th scope="col">ᾱ_t</th>
            <th scope="col">σ_t</th>
            <th scope="col">λ_t</th>
            <th scope="col">log SNR</th>
          </tr>
        </thead>
        <tbody>
          {views.map(({ schedule }) => {
            const v = step === null ? null : valuesAt(schedule, step);
            const alphaBar =
              v === null ? blank : schedule.family === 'vp' ? fmt(v.alphaBar) : `(${fmt(v.alphaBar)})`;
            return (
              <tr key={schedule.name}>
                <th scope="row" className={`sched-swatch ${colourOf(schedule.name)}`}>
                  {SCHEDULE_INFO[schedule.name].label}
                </th>
                <td>{v?.beta == null ? blank : fmt(v.beta)}</td>
                <td>{alphaBar}</td>
                <td>{v?.sigma == null ? blank : fmt(v.sigma)}</td>
                <td>{v === null ? blank : fmt(v.lambda)}</td>
                <td>{v === null ? blank : fmt(v.logSNR)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="figure-caption">
        In brackets: the ᾱ of a VP process at the same λ, for the VE schedules.
      </p>
    </div>
  );
}
