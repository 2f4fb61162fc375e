import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt } from '../../components/Readout';
import type { Mixture } from '../../engine/mixture';
import { useSamplerSession } from '../../store/samplerSession';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { densityCurve, snapshotFigure } from '../sampling-shared/charts';

const OPTIONS: LineChartOptions = {
  title: 'Particles at the end of one level against that level’s q_σ',
  height: 86,
  legend: false,
  yAxis: false,
  margin: { left: 4, right: 4, top: 4, bottom: 18 },
};

/**
 * Small multiples, one per level: the particles as they were when the level ended (bars) against q_σi (line).
 * Levels not reached yet show only their q_σi.
 */
export function LevelStrip({
  mixture,
  sigmas,
  range,
}: {
  mixture: Mixture;
  sigmas: number[];
  range: [number, number];
}) {
  const snapshots = useSamplerSession((s) => s.snapshots);
  const current = useSamplerSession((s) => (s.frame && !s.frame.state.done ? s.frame.state.level : -1));
  const [lo, hi] = range;
  const curves = useMemo(
    () => sigmas.map((s) => densityCurve(mixture, lo, hi, s, 161)),
    [mixture, sigmas, lo, hi],
  );
  const charts = useMemo(
    () => curves.map((q, i) => snapshotFigure(snapshots.find((s) => s.level === i)?.histogram ?? null, q)),
    [curves, snapshots],
  );
  return (
    <section className="figure" data-testid="level-strip">
      <h2 className="figure-title">Each level&rsquo;s end: the particles against that level&rsquo;s q_σ</h2>
      <div className="samp-strip">
        {sigmas.map((s, i) => {
          const reached = snapshots.some((snap) => snap.level === i);
          const cls = `samp-strip-item${i === current ? ' current' : ''}${reached ? ' reached' : ''}`;
          return (
            <div key={`${i}-${s}`} className={cls} data-testid={`level-${i + 1}`}>
              <span className="small-multiple-label">
                {i + 1}: σ = {fmt(s, 2)}
              </span>
              <FigureHost
                create={createLineChart}
                options={OPTIONS}
                data={charts[i]}
                testId={`level-chart-${i + 1}`}
              />
            </div>
          );
        })}
      </div>
      <p className="figure-caption">
        Orange: q<sub>σᵢ</sub>, the data blurred by noise σᵢ, which level i samples. Bars: the particles when
        the level ended. At the first levels the blur merges the modes and particles cross freely; as σ
        shrinks the modes part, each keeping the share it had.
      </p>
    </section>
  );
}
