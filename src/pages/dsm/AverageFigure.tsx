import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt, Readout } from '../../components/Readout';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { averageFigure, MIN_BAR_COUNT } from './dsmCharts';
import type { DsmState } from './dsmData';

/** Figure 2: binned mean targets with ± one standard error, converging to the exact score as n grows. */
export function AverageFigure({ state }: { state: DsmState }) {
  const data = useMemo(() => averageFigure(state), [state]);
  const options = useMemo<LineChartOptions>(
    () => ({
      title: 'Mean DSM target in bins of x̃, with standard errors, over the exact score of q_σ',
      height: 260,
      xLabel: 'x̃',
      yLabel: 'mean target in the bin',
    }),
    [],
  );
  const { gap, binned, n } = state;
  const width = binned.edges[1] - binned.edges[0];
  return (
    <section className="dsm-figure">
      <h2 className="dsm-figure-title">2 · The average is the score</h2>
      <FigureHost
        create={createLineChart}
        options={options}
        data={data}
        testId="figure-dsm-average"
        className="dsm-average"
        caption={
          <>
            Dots: the mean target of the pairs whose x̃ falls in each of {binned.count.length} bins (width{' '}
            {fmt(width)}), with ± one standard error (small dots: fewer than {MIN_BAR_COUNT} pairs, too few to
            estimate a spread). Each dot is heading for the exact average of s_σ over its bin (dashed steps),
            which hugs the curve.
          </>
        }
      />
      <Readout
        testId="gap-readout"
        items={[
          { label: 'pairs n', value: n.toLocaleString('en'), testId: 'gap-n' },
          { label: 'mean squared gap', value: fmt(gap.mse), testId: 'gap-mse' },
          { label: 'noise alone predicts', value: fmt(gap.noise), testId: 'gap-noise' },
          { label: 'rms gap', value: fmt(Math.sqrt(gap.mse)), testId: 'gap-rms' },
        ]}
      />
    </section>
  );
}
