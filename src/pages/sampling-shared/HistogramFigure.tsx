import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt } from '../../components/Readout';
import type { Mixture } from '../../engine/mixture';
import { useSamplerSession } from '../../store/samplerSession';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import type { LineChartData } from '../../viz/types';
import { densityCurve, histogramFigure, outsideShare } from './charts';

const OPTIONS: LineChartOptions = {
  title: 'Histogram of the particles against the target density',
  height: 300,
  xLabel: 'x',
  yLabel: 'density',
};

/**
 * Figure 1 of both pages: the particles' histogram (bars, as a density) against p — and, in an annealed run,
 * against the current level's q_σ, which is what the particles are following at that moment.
 */
export function HistogramFigure({
  mixture,
  range,
  sigma,
  caption,
}: {
  mixture: Mixture;
  range: [number, number];
  /** The current level's σ (annealed), drawn as q_σ. */
  sigma?: number;
  caption: React.ReactNode;
}) {
  const histogram = useSamplerSession((s) => s.frame?.histogram ?? null);
  const [lo, hi] = range;
  const p = useMemo(() => densityCurve(mixture, lo, hi), [mixture, lo, hi]);
  const q = useMemo(
    () => (sigma !== undefined ? densityCurve(mixture, lo, hi, sigma) : null),
    [mixture, lo, hi, sigma],
  );
  const data = useMemo<LineChartData>(
    () => (histogram ? histogramFigure(histogram, p, q) : { xDomain: range, yDomain: [0, 1], series: [] }),
    [histogram, p, q, range],
  );
  const outside = histogram ? outsideShare(histogram) : 0;
  return (
    <FigureHost
      create={createLineChart}
      options={OPTIONS}
      data={data}
      testId="figure-histogram"
      className="samp-main"
      caption={
        <>
          {caption}
          {outside > 0.001 && (
            <span data-testid="outside-share">
              {' '}
              {fmt(100 * outside, 2)}% of the particles lie outside the plotted range.
            </span>
          )}
        </>
      }
    />
  );
}
