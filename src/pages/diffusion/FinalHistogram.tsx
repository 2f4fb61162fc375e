import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt } from '../../components/Readout';
import { linspace } from '../../engine/grid';
import { mixturePdf, type Mixture } from '../../engine/mixture';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import type { Bar, LineChartData } from '../../viz/types';
import { xRange } from './diffusionModel';
import { useDiffusionSession } from '../../store/diffusionSession';

const OPTIONS: LineChartOptions = {
  title: 'Histogram of the final samples against the data density',
  height: 240,
  xLabel: 'x',
  yLabel: 'density',
};

/** Figure 2: the samples at t = 0 as a density histogram, against p(x). */
export function FinalHistogram({ mixture }: { mixture: Mixture }) {
  const h = useDiffusionSession((s) => s.result?.histogram ?? null);
  const standIn = useDiffusionSession((s) => s.needsModel && s.result?.score === 'exact');
  const [lo, hi] = xRange(mixture);
  const p = useMemo(() => {
    const x = linspace(lo, hi, 361);
    return { x, y: x.map((v) => mixturePdf(mixture, v)) };
  }, [mixture, lo, hi]);
  const data = useMemo<LineChartData>(() => {
    const peak = p.y.reduce((m, v) => Math.max(m, v), 0);
    const bars: Bar[] = [];
    if (h) {
      const width = (h.hi - h.lo) / h.bins;
      const scale = h.total > 0 ? 1 / (h.total * width) : 0;
      h.counts.forEach((c, j) =>
        bars.push({ x0: h.lo + j * width, x1: h.lo + (j + 1) * width, y: c * scale, colour: 'c-kde' }),
      );
    }
    return {
      xDomain: [lo, hi],
      yDomain: [0, 1.3 * peak],
      bars,
      series: [{ id: 'p', label: 'data density p(x)', x: p.x, y: p.y, colour: 'c-data' }],
    };
  }, [h, p, lo, hi]);
  const outside = h && h.total > 0 ? (h.below + h.above) / h.total : 0;
  return (
    <FigureHost
      create={createLineChart}
      options={OPTIONS}
      data={data}
      testId="figure-histogram"
      className="diff-hist"
      caption={
        <>
          Bars: the {h?.total.toLocaleString('en') ?? 0} samples at t = 0, as a density
          {standIn && (
            <strong data-testid="hist-stand-in"> (exact score, until the ε-model is trained)</strong>
          )}
          . Line: the data density.
          {outside > 0.001 && (
            <span data-testid="outside-share">
              {' '}
              {fmt(100 * outside, 2)}% of the samples lie outside the plot.
            </span>
          )}
        </>
      }
    />
  );
}
