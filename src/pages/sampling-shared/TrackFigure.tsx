import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { useSamplerSession } from '../../store/samplerSession';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { trackFigure } from './charts';

const OPTIONS: LineChartOptions = {
  title: 'Paths of a few dozen particles: step against position',
  height: 240,
  xLabel: 'step',
  yLabel: 'x',
  legend: false,
};

/** The time × x view: where a few dozen particles went, step by step (annealing levels marked). */
export function TrackFigure({
  range,
  levelEnds,
  caption,
}: {
  range: [number, number];
  levelEnds?: number[];
  caption: React.ReactNode;
}) {
  const tracks = useSamplerSession((s) => s.tracks);
  const totalSteps = useSamplerSession((s) => s.frame?.state.totalSteps ?? 0);
  const data = useMemo(
    () => trackFigure(tracks, totalSteps, range, levelEnds),
    [tracks, totalSteps, range, levelEnds],
  );
  return (
    <FigureHost
      create={createLineChart}
      options={OPTIONS}
      data={data}
      testId="figure-tracks"
      caption={caption}
    />
  );
}
