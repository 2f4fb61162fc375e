import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt, Readout } from '../../components/Readout';
import { linspace } from '../../engine/grid';
import { mixturePdf, mixtureScore, plotRange, type Mixture } from '../../engine/mixture';
import { densityFromScore } from '../../engine/scoreIntegral';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import type { LineChartData } from '../../viz/types';
import '../../styles/sources.css';

const POINTS = 2001;

/** The density rebuilt from the score alone (integrate, exponentiate, normalise), over the true p. */
export function rebuildFromScore(mixture: Mixture) {
  const range = plotRange(mixture, 4);
  const x = linspace(range[0], range[1], POINTS);
  const exact = x.map((v) => mixturePdf(mixture, v));
  const rebuilt = densityFromScore(
    x,
    x.map((v) => mixtureScore(mixture, v)),
  );
  let maxError = 0;
  let peak = 0;
  for (let i = 0; i < x.length; i++) {
    maxError = Math.max(maxError, Math.abs(rebuilt[i] - exact[i]));
    peak = Math.max(peak, exact[i]);
  }
  return { range, x, exact, rebuilt, maxError, peak };
}

/** "Matching scores pins down the density": one paragraph and the reconstruction. */
export function ScoreUniqueness({ mixture }: { mixture: Mixture }) {
  const r = useMemo(() => rebuildFromScore(mixture), [mixture]);
  const data = useMemo<LineChartData>(
    () => ({
      xDomain: r.range,
      yDomain: [0, 1.1 * r.peak],
      series: [
        { id: 'p', label: 'p(x)', x: r.x, y: r.exact, colour: 'c-data', area: true },
        {
          id: 'rebuilt',
          label: 'rebuilt from the score',
          x: r.x,
          y: r.rebuilt,
          colour: 'c-score',
          dashed: true,
        },
      ],
    }),
    [r],
  );
  const options = useMemo<LineChartOptions>(
    () => ({
      title: 'The density and its reconstruction from the score alone',
      height: 180,
      xLabel: 'x',
      yLabel: 'density',
    }),
    [],
  );
  return (
    <section className="sources-note" data-testid="score-uniqueness-section">
      <h2 className="figure-title">The score pins down the density</h2>
      <FigureHost
        create={createLineChart}
        options={options}
        data={data}
        testId="figure-score-rebuilt"
        caption={`Dashed: exp of the score integrated from x = ${fmt(r.range[0])}, normalised by the trapezoid rule on ${POINTS} points. It never uses Z.`}
      />
      <Readout
        testId="score-rebuilt-readout"
        items={[
          { label: 'largest |rebuilt − p|', value: fmt(r.maxError), testId: 'score-rebuilt-error' },
          { label: 'peak of p', value: fmt(r.peak) },
        ]}
      />
      <div className="sources-prose">
        <p>
          Learning the score instead of the density loses nothing. If two densities that are positive on the
          whole line — as every Gaussian mixture is — have the same score everywhere, then log p − log q has
          derivative zero, so it is a constant, and since both integrate to 1 the constant is 0. The dashed
          curve does this in practice: integrate the score from the left edge, exponentiate, normalise, and p
          comes back up to the quadrature error and the sliver of mass beyond the plotted range.
        </p>
      </div>
    </section>
  );
}
