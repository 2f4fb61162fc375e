import { useMemo } from 'react';
import { Equation } from '../../components/Equation';
import { FigureHost } from '../../components/FigureHost';
import { fmt, Readout } from '../../components/Readout';
import { mixtureStd } from '../../engine/mixture';
import { useParam } from '../../store/appStore';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { reverseVarianceChart, reverseVarianceFor } from './reverseVarianceModel';
import '../../styles/sources.css';

/** The exact reverse-step variance against β_t and β̃_t (Ho et al. 2020, §3.2; SCIENCE.md §9). */
export function ReverseVarianceFigure() {
  const mixture = useParam('diffusion', 'mix');
  const sde = useParam('diffusion', 'sde');
  const name = useParam('diffusion', 'schedule');
  const T = useParam('diffusion', 'T');
  const view = useMemo(() => reverseVarianceFor(mixture, sde, name, T), [mixture, sde, name, T]);
  const data = useMemo(() => reverseVarianceChart(view), [view]);
  const options = useMemo<LineChartOptions>(
    () => ({
      title: 'Exact reverse-step variance and β̃_t relative to β_t, over the steps',
      height: 220,
      xLabel: 't / T',
      yLabel: '% above β_t',
    }),
    [],
  );
  const std = mixtureStd(mixture);
  const label = `DDPM ${view.schedule.name}, T = ${view.schedule.T}`;
  return (
    <section className="sources-note" data-testid="reverse-variance-section">
      <h2 className="figure-title">5 · How wide should a reverse step be?</h2>
      <FigureHost
        create={createLineChart}
        options={options}
        data={data}
        testId="figure-reverse-variance"
        caption={
          <>
            {label}
            {view.own ? '' : ' (the page’s process is not a VP DDPM schedule, so the linear one stands in)'}.
            Solid: Var[x<sub>t−1</sub> | x<sub>t</sub>] for this mixture, averaged over x<sub>t</sub> ~ p
            <sub>t</sub>, as a percentage above β<sub>t</sub> (the zero line). Dashed: β̃<sub>t</sub>, which
            falls to −100 % at t = 1 and leaves the chart there.
            {view.firstAbove !== null
              ? ' The mark: the step from which the exact variance stays above β_t.'
              : ''}
          </>
        }
      />
      <Readout
        testId="reverse-variance-readout"
        items={[
          {
            label: 'above β_t from step',
            value: view.firstAbove === null ? 'not at the end' : String(view.firstAbove),
            testId: 'rv-first-above',
          },
          {
            label: 'largest excess over β_t',
            value: `${fmt(100 * view.maxExcess.ratio)} % at t = ${view.maxExcess.t}`,
            testId: 'rv-max-excess',
          },
          { label: 'data std', value: fmt(std) },
        ]}
      />
      <div className="sources-prose">
        <p>
          The ancestral sampler needs a variance for each reverse step. Ho et al. (2020, §3.2) use β
          <sub>t</sub> or β̃<sub>t</sub> = β<sub>t</sub>(1 − ᾱ<sub>t−1</sub>)/(1 − ᾱ<sub>t</sub>) and note that
          the first is optimal for data x<sub>0</sub> ~ N(0, 1) and the second for x<sub>0</sub> fixed at one
          point. Because p<sub>t</sub> is known exactly here, the true variance can be computed: within each
          component x<sub>t−1</sub> and x<sub>t</sub> are jointly Gaussian, and the law of total variance
          combines the components,
        </p>
        <Equation
          display
          tex={String.raw`\operatorname{Var}[x_{t-1} \mid x_t] = \sum_k w_k(x_t)\,(V_k + M_k^2) - \Big(\sum_k w_k(x_t)\, M_k\Big)^2,`}
        />
        <p>
          with w<sub>k</sub> the posterior weight of component k and M<sub>k</sub>, V<sub>k</sub> its Gaussian
          posterior mean and variance. β̃<sub>t</sub> is always a lower bound: knowing x<sub>0</sub> as well
          can only shrink the variance on average. β<sub>t</sub> is an upper bound whenever Var x
          <sub>t−1</sub> ≤ 1 — the best linear guess of x<sub>t−1</sub> from x<sub>t</sub> then already leaves
          an error of at most β<sub>t</sub> — which holds at every step for data of variance at most 1, as in
          Ho et al.&rsquo;s setting. This mixture has variance {fmt(std * std)}, so nothing keeps the exact
          variance below β<sub>t</sub>.{' '}
          {view.firstAbove !== null
            ? `Averaged over p_t, it rises above β_t from step ${view.firstAbove} on, by at most ${fmt(100 * view.maxExcess.ratio)} %.`
            : `Averaged over p_t, it is below β_t at the last step.`}{' '}
          At every step the exact variance is within {fmt(100 * view.maxDeviation)} % of β<sub>t</sub>, while
          β̃<sub>t</sub> falls far below both over the first steps (β̃<sub>1</sub> = 0). Ho et al. report that
          the two choices gave similar samples.
        </p>
      </div>
    </section>
  );
}
