import { useEffect, useMemo, useState } from 'react';
import { Equation } from '../../components/Equation';
import { FigureHost } from '../../components/FigureHost';
import { fmt, Readout } from '../../components/Readout';
import { pageValues, usePageValues } from '../../store/appStore';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import type { LineChartData } from '../../viz/types';
import { useDiffusionSession } from '../../store/diffusionSession';
import { hasModelFor } from './diffusionActions';
import { learnedKey, learnedLikelihood, useLearnedLikelihood } from './learnedLikelihood';
import { likelihoodFor, type LikelihoodResult } from './likelihoodModel';
import '../../styles/sources.css';

const DEBOUNCE_MS = 150;
/** The curves fall steeply beside a narrow component: show the top 30 nats of log p. */
const Y_SPAN = 30;

function chartData(r: LikelihoodResult, learned: Float64Array | null): LineChartData {
  let top = -Infinity;
  for (const v of r.exact) top = Math.max(top, v);
  const series: LineChartData['series'] = [
    { id: 'exact', label: 'log p(x), closed form', x: r.x, y: r.exact, colour: 'c-data' },
    { id: 'ode', label: 'by the ODE, exact score', x: r.x, y: r.ode, colour: 'c-score', dashed: true },
  ];
  if (learned)
    series.push({
      id: 'learned',
      label: 'by the ODE, learned score',
      x: r.x,
      y: learned,
      colour: 'c-learned',
    });
  return {
    xDomain: [r.x[0], r.x[r.x.length - 1]],
    yDomain: [Math.ceil(top) - Y_SPAN, Math.ceil(top) + 1],
    series,
  };
}

/** Exact log-likelihood from the probability-flow ODE, beside the closed form (SCIENCE.md §9). */
export function LikelihoodFigure() {
  const values = usePageValues('diffusion');
  const [result, setResult] = useState<LikelihoodResult | null>(null);
  // Off the render path: computed once the sliders have settled (tens of ms at 1000 steps).
  useEffect(() => {
    const timer = setTimeout(() => setResult(likelihoodFor(pageValues('diffusion'))), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [values.mix, values.sde, values.schedule, values.T, values.steps, values.solver]);
  const learned = values.score === 'learned';
  const modelStep = useDiffusionSession((st) => st.model?.step ?? 0);
  const learnedState = useLearnedLikelihood((st) => st.state);
  // The learned model's likelihood runs in the training worker once the settings have settled.
  useEffect(() => {
    if (!learned) return;
    const timer = setTimeout(() => void learnedLikelihood(pageValues('diffusion')), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [learned, modelStep, values.mix, values.sde, values.schedule, values.T, values.steps, values.solver]);
  const current =
    learned && 'key' in learnedState && learnedState.key === learnedKey(values) ? learnedState : null;
  const learnedCurve = current?.kind === 'done' ? current.ode : null;
  const data = useMemo(() => (result ? chartData(result, learnedCurve) : null), [result, learnedCurve]);
  const options = useMemo<LineChartOptions>(
    () => ({
      title: 'Log-density of the data: closed form and by the probability-flow ODE',
      height: 240,
      xLabel: 'x',
      yLabel: 'log p(x)',
    }),
    [],
  );
  const hasModel = learned && hasModelFor(values);
  return (
    <section className="sources-note" data-testid="likelihood-section">
      <h2 className="figure-title">4 · Likelihood from the ODE</h2>
      {data && result && (
        <>
          <FigureHost
            create={createLineChart}
            options={options}
            data={data}
            testId="figure-likelihood"
            caption={
              <>
                Solid: log p(x) in closed form. Dashed: the same number from the probability-flow ODE with the
                exact score, {result.solver === 'heun' ? 'Heun' : 'Euler'}, {result.steps} step
                {result.steps === 1 ? '' : 's'} on this process
                {learnedCurve ? '; the other solid curve uses the learned ε-model’s score instead' : ''}. The
                averages are over 256 fixed data samples (the same for every seed).
              </>
            }
          />
          <Readout
            testId="likelihood-readout"
            items={[
              { label: 'NLL, closed form', value: `${fmt(result.nll.exact)} nats`, testId: 'nll-exact' },
              { label: 'NLL by the ODE', value: `${fmt(result.nll.ode)} nats`, testId: 'nll-ode' },
              { label: 'bits/dim (ODE)', value: fmt(result.nll.ode / Math.LN2), testId: 'nll-bits' },
              { label: 'largest gap on the curve', value: `${fmt(result.maxGap)} nats`, testId: 'll-gap' },
              ...(current?.kind === 'done'
                ? [
                    { label: 'NLL, learned score', value: `${fmt(current.nll)} nats`, testId: 'nll-learned' },
                    {
                      label: 'bits/dim (learned)',
                      value: fmt(current.nll / Math.LN2),
                      testId: 'nll-learned-bits',
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
      {learned && !hasModel && (
        <p className="notice" data-testid="likelihood-learned-note">
          The learned score&rsquo;s likelihood needs an ε-model for this process: train one (Train, above) and
          its curve and NLL appear here.
        </p>
      )}
      {hasModel && current?.kind !== 'done' && (
        <p className="notice" data-testid="likelihood-learned-note">
          {current?.kind === 'failed'
            ? `The learned likelihood failed: ${current.message}`
            : 'Integrating the ODE on the learned score in the training worker…'}
        </p>
      )}
      <div className="sources-prose">
        <p>
          The probability-flow ODE moves every point deterministically and invertibly from data to noise, so
          it carries the density along with it. Along a path x<sub>t</sub> of the ODE dx/dt = f̃(x, t), with f̃
          = f − ½ g² ∇log p<sub>t</sub>, the change of variables in continuous time gives
        </p>
        <Equation
          display
          tex={String.raw`\log p_0(x) = \log p_1(x_1) + \int_0^1 \frac{\partial \tilde f}{\partial x}(x_t, t)\, dt, \qquad \frac{\partial \tilde f}{\partial x} = f'(x) - \tfrac12 g(t)^2\, \frac{\partial}{\partial x}\nabla \log p_t(x).`}
        />
        <p>
          In one dimension the divergence is an ordinary derivative; in D dimensions it is a trace, which
          papers estimate with random projections. With the exact score every ingredient is exact except the
          integrator — log p<sub>1</sub> here is the exact marginal at t = 1 — so the dashed curve must land
          on the solid one, and the gap shrinks as the steps grow. With a learned score (score = learned,
          after training) the same integral, ending on the prior N(0, 1) (N(0, σ<sub>max</sub>²) for VE) since
          a model knows no other p<sub>1</sub>, gives the density of the samples the ODE sampler produces with
          that score, in the limit of exact integration: the negative log-likelihood papers report, in nats
          or, divided by ln 2, in bits per dimension. Its derivative in x comes from the network by the chain
          rule, and the first step leaves t = 0 alone, where the network was never trained.
        </p>
      </div>
    </section>
  );
}
