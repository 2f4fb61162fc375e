import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt, Readout } from '../../components/Readout';
import type { TradeoffCurves } from '../../engine/dsm';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { coverageFigure, tradeoffFigure, type CurrentTradeoff } from './dsmCharts';

/** Figure 3: what a single σ buys and costs — blur error and target noise, and how much of the range it covers. */
export function TradeoffFigure({
  curves,
  sigma,
  now,
  range,
}: {
  curves: TradeoffCurves;
  sigma: number;
  now: CurrentTradeoff;
  range: [number, number];
}) {
  const errors = useMemo(() => tradeoffFigure(curves, sigma, now), [curves, sigma, now]);
  const coverage = useMemo(() => coverageFigure(curves, sigma, now), [curves, sigma, now]);
  const options = useMemo(
    () => ({
      errors: {
        title: 'Blur error and target noise against the noise level σ',
        height: 250,
        xScale: 'log',
        yScale: 'log',
        xLabel: 'noise level σ (log)',
        yLabel: 'squared score units (log)',
      } satisfies LineChartOptions,
      coverage: {
        title: 'Share of the data range where the noisy density is not negligible, against σ',
        height: 170,
        xScale: 'log',
        xLabel: 'noise level σ (log)',
        yLabel: 'share covered',
      } satisfies LineChartOptions,
    }),
    [],
  );
  return (
    <section className="dsm-figure">
      <h2 className="dsm-figure-title">3 · One σ cannot do everything</h2>
      <FigureHost
        create={createLineChart}
        options={options.errors}
        data={errors}
        testId="figure-dsm-tradeoff"
        caption={
          <>
            Blur error B(σ) = ∫ p (s_σ − s)² dx: how wrong the score DSM learns is about the data, where the
            data lives. Target noise N(σ) = E[(target − s_σ(x̃))²] = 1/σ² − ∫ q_σ s_σ² dx: the part of each
            target no model can fit and only averaging removes. Dashed: 1/σ², the whole variance of a target.
          </>
        }
      />
      <FigureHost
        create={createLineChart}
        options={options.coverage}
        data={coverage}
        testId="figure-dsm-coverage"
        caption={`Share of the data range [${range[0]}, ${range[1]}] where q_σ is above 1% of its peak: where noisy points land often enough to be taught anything.`}
      />
      <Readout
        testId="tradeoff-readout"
        items={[
          { label: 'σ', value: fmt(sigma) },
          { label: 'blur error B', value: fmt(now.blurGap), testId: 'tradeoff-blur' },
          { label: 'target noise N', value: fmt(now.targetNoise), testId: 'tradeoff-noise' },
          { label: 'covered', value: `${Math.round(100 * now.coverage)}%`, testId: 'tradeoff-coverage' },
        ]}
      />
    </section>
  );
}
