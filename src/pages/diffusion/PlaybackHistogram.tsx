import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt } from '../../components/Readout';
import { processMarginal } from '../../engine/diffusion';
import type { PlaybackFrame } from '../../engine/diffusion/playback';
import { buildProcess, type ProcessSpec } from '../../engine/diffusion/processSpec';
import { linspace } from '../../engine/grid';
import { mixturePdf, type Mixture } from '../../engine/mixture';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import type { Bar, LineChartData, LineSeries } from '../../viz/types';
import { xRange } from './diffusionModel';
import { shownFrame, usePlayback } from '../../store/playbackSession';
import { useDiffusionSession } from '../../store/diffusionSession';
import { learnedFrameAt } from './learnedFrames';
import { usePageValues } from '../../store/appStore';

/** A histogram's outline as a line: each bin's density across its width. */
function outline(
  frame: PlaybackFrame,
  lo: number,
  hi: number,
  n: number,
): { x: Float64Array; y: Float64Array } {
  const width = (hi - lo) / frame.counts.length;
  const x: number[] = [];
  const y: number[] = [];
  frame.counts.forEach((c, j) => {
    x.push(lo + j * width, lo + (j + 1) * width);
    y.push(c / (n * width), c / (n * width));
  });
  return { x: Float64Array.from(x), y: Float64Array.from(y) };
}

const OPTIONS: LineChartOptions = {
  title: 'Histogram of the particles at the current t against the exact p_t',
  height: 220,
  xLabel: 'x',
  yLabel: 'density',
};

/**
 * The playback's histogram: the particles at the frame's t as a density (count / (n · bin width)), against the
 * exact marginal p_t of the mixture at the same t. Before a run it shows p_t where Play starts.
 */
export function PlaybackHistogram({ mixture, spec }: { mixture: Mixture; spec: ProcessSpec }) {
  const frame = usePlayback(shownFrame);
  const n = usePlayback((s) => s.n);
  const values = usePageValues('diffusion');
  const direction = values.direction;
  const result = useDiffusionSession((s) => s.result);
  const learned = learnedFrameAt(result, values, frame?.step ?? null);
  const specKey = JSON.stringify(spec);
  const process = useMemo(() => buildProcess(JSON.parse(specKey) as ProcessSpec), [specKey]);
  const t = frame?.t ?? (direction === 'forward' ? process.grid(1)[1] : 1);
  const [lo, hi] = xRange(mixture);
  const data = useMemo<LineChartData>(() => {
    const pt = processMarginal(mixture, process, t);
    const x = linspace(lo, hi, 361);
    const y = x.map((v) => mixturePdf(pt, v));
    const bars: Bar[] = [];
    if (frame && n > 0) {
      const width = (hi - lo) / frame.counts.length;
      frame.counts.forEach((c, j) =>
        bars.push({ x0: lo + j * width, x1: lo + (j + 1) * width, y: c / (n * width), colour: 'c-kde' }),
      );
    }
    const peak = Math.max(
      y.reduce((m, v) => Math.max(m, v), 0),
      bars.reduce((m, b) => Math.max(m, b.y), 0),
    );
    const series: LineSeries[] = [{ id: 'pt', label: 'exact p_t(x)', x, y, colour: 'c-data' }];
    if (learned && n > 0)
      series.push({
        id: 'learned',
        label: 'learned run',
        ...outline(learned, lo, hi, n),
        colour: 'c-learned',
      });
    return {
      xDomain: [lo, hi],
      yDomain: [0, 1.15 * peak || 1],
      bars,
      series,
    };
  }, [frame, learned, n, mixture, process, t, lo, hi]);
  return (
    <FigureHost
      create={createLineChart}
      options={OPTIONS}
      data={data}
      testId="figure-playback"
      className="diff-hist"
      caption={
        <>
          Bars: {frame ? `the ${n.toLocaleString('en')} particles at t = ${fmt(t, 3)}` : 'none until Play'}
          {frame && frame.outside > 0 && `, ${fmt((100 * frame.outside) / n, 2)}% of them outside the plot`}
          {learned && (
            <span data-testid="playback-learned-note">
              {' '}
              on the exact score; outline: the learned ε-model's run from the same start (with the same step
              noise, except on WebGPU's fused kernels), at the same step
            </span>
          )}
          . Line: the exact density p<sub>t</sub>(x) of the noised mixture at the same t
          {direction === 'reverse'
            ? ', which a sampler on the exact score follows step by step up to its discretisation error.'
            : ', which the exactly noised data match up to sampling noise.'}
        </>
      }
    />
  );
}
