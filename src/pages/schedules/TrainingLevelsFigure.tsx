import { useMemo } from 'react';
import { Equation } from '../../components/Equation';
import { FigureHost } from '../../components/FigureHost';
import { fmt } from '../../components/Readout';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { colourOf } from './scheduleCharts';
import type { ScheduleView } from './schedulesModel';
import { elboWeightChart, levelDensityChart, levelSummaries } from './trainingLevelsChart';
import '../../styles/sources.css';

const percent = (share: number) => `${Math.round(100 * share)} %`;

/** Which noise levels training sees under each schedule, and the ELBO weights against L_simple's. */
export function TrainingLevelsFigure({ views }: { views: readonly ScheduleView[] }) {
  const density = useMemo(() => levelDensityChart(views), [views]);
  const weights = useMemo(() => elboWeightChart(views), [views]);
  const rows = useMemo(() => levelSummaries(views), [views]);
  const options = useMemo(
    () => ({
      density: {
        title: 'Density of the training noise level log λ when t is drawn uniformly',
        height: 220,
        xLabel: 'log λ (natural log)',
        yLabel: 'density (log)',
        yScale: 'log' as const,
        legend: false,
      } satisfies LineChartOptions,
      weights: {
        title: 'ELBO weight of the ε-loss at each step, against L_simple’s weight 1',
        height: 220,
        xLabel: 't / T',
        yLabel: 'weight w_t (log)',
        yScale: 'log' as const,
        legend: false,
      } satisfies LineChartOptions,
    }),
    [],
  );
  const linear = rows.find((r) => r.name === 'linear');
  return (
    <section className="sources-note" data-testid="training-levels-section">
      <h2 className="figure-title">4 · Which noise levels training sees</h2>
      <div className="figure-row">
        <FigureHost
          create={createLineChart}
          options={options.density}
          data={density}
          testId="figure-sched-levels"
          caption="Each schedule’s levels when DDPM draws t uniformly from 1..T. Grey dashed (unless the geometric schedule is shown): NCSN’s levels, uniform in log σ from 0.002 to 80."
        />
        <FigureHost
          create={createLineChart}
          options={options.weights}
          data={weights}
          testId="figure-sched-elbo"
          caption="VP schedules, reverse variance σ_t² = β_t; step 1 is the bound’s decoder term and is left out. Grey dashed: L_simple."
        />
      </div>
      <table className="stat-table" data-testid="training-levels-table">
        <thead>
          <tr>
            <th scope="col">Schedule</th>
            <th scope="col">median λ of the draws</th>
            <th scope="col">draws with λ &gt; 1</th>
            <th scope="col">ELBO weight, t = 2 over t = T</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row" className={`sched-swatch ${colourOf(r.name)}`}>
                {r.label}
              </th>
              <td>{fmt(r.medianLambda)}</td>
              <td>{percent(r.noisyShare)}</td>
              <td>{r.weightSpread === null ? '—' : `${fmt(r.weightSpread)} ×`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="sources-prose">
        <p>
          A noise-conditional network gets most practice at the levels drawn most often. NCSN (Song &amp;
          Ermon 2019) draws one of its geometrically spaced levels uniformly, which is uniform in log σ: the
          flat line. DDPM draws the step t uniformly, so its levels follow the schedule: the density of log λ
          <sub>t</sub> is about 1/(T |Δ log λ<sub>t</sub>|), high wherever the schedule lingers.
          {linear
            ? ` With the linear schedule half the draws have λ above ${fmt(linear.medianLambda)} and ${percent(linear.noisyShare)} have more noise than signal (λ > 1).`
            : ''}
        </p>
        <p>
          The weighting matters as much as the draw. The variational bound (Ho et al. 2020, eq. 12) multiplies
          the ε-error at step t by
        </p>
        <Equation
          display
          tex={String.raw`w_t = \frac{\beta_t^2}{2\,\sigma_t^2\,\alpha_t\,(1-\bar\alpha_t)} \;\overset{\sigma_t^2=\beta_t}{=}\; \frac{\beta_t}{2\,\alpha_t\,(1-\bar\alpha_t)},`}
        />
        <p>
          while L<sub>simple</sub> (their eq. 14) sets every weight to 1. Only the shape counts, since a
          common factor rescales the loss:
          {linear && linear.weightSpread !== null
            ? ` for the linear schedule the bound weights step 2 about ${fmt(linear.weightSpread)} times more than step T,`
            : ' the bound weights the small steps far more than the large ones,'}{' '}
          so L<sub>simple</sub> moves effort from nearly clean inputs towards the noisier steps, where Ho et
          al. found that the harder denoising is worth more for sample quality.
        </p>
      </div>
    </section>
  );
}
