import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import type { Mixture } from '../../engine/mixture';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import type { LineChartData } from '../../viz/types';
import { MULTIPLE_SIGMAS, nearestMultiple, perturbGrid } from './perturbModel';

const OPTIONS: LineChartOptions = {
  title: 'q_σ at one noise level',
  height: 96,
  legend: false,
  yAxis: false,
  margin: { left: 6, right: 6, top: 6, bottom: 18 },
};

/** q_σ for a ladder of noise levels, the one nearest the current σ highlighted; a click jumps to it. */
export function SmallMultiples({
  mixture,
  sigma,
  onPick,
}: {
  mixture: Mixture;
  sigma: number;
  onPick: (s: number) => void;
}) {
  const current = nearestMultiple(sigma);
  const charts = useMemo(
    () =>
      MULTIPLE_SIGMAS.map((s): LineChartData => {
        const g = perturbGrid(mixture, s, 241);
        const top = Math.max(...g.pdf, ...g.q);
        return {
          xDomain: [g.x[0], g.x[g.x.length - 1]],
          yDomain: [0, 1.08 * top],
          series: [
            { id: 'p', label: '', x: g.x, y: g.pdf, colour: 'c-data', faint: true },
            { id: 'q', label: '', x: g.x, y: g.q, colour: 'c-noisy', area: true },
          ],
        };
      }),
    [mixture],
  );
  return (
    <section className="figure" data-testid="small-multiples">
      <h2 className="figure-title">The same data at six noise levels</h2>
      <div className="small-multiples">
        {MULTIPLE_SIGMAS.map((s, i) => (
          <button
            type="button"
            key={s}
            className={i === current ? 'small-multiple current' : 'small-multiple'}
            aria-pressed={i === current}
            onClick={() => onPick(s)}
            data-testid={`multiple-${s}`}
          >
            <span className="small-multiple-label">σ = {s}</span>
            <FigureHost
              create={createLineChart}
              options={OPTIONS}
              data={charts[i]}
              testId={`multiple-chart-${s}`}
            />
          </button>
        ))}
      </div>
      <p className="figure-caption">
        Blue: the data p(x). Orange: q<sub>σ</sub>. Small σ keeps every mode sharp and the gaps empty; large σ
        merges the modes into one broad bump that spreads over the whole plotted range. Click one to jump to
        it.
      </p>
    </section>
  );
}
