import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import type { Mixture } from '../../engine/mixture';
import type { ProcessSpec } from '../../engine/diffusion/processSpec';
import { createHeatmap, type HeatmapData, type HeatmapOptions } from '../../viz/heatmap';
import { marginalMap } from './diffusionModel';
import { useDiffusionSession } from '../../store/diffusionSession';
import { playbackPaths } from './playbackPaths';
import { usePlayback } from '../../store/playbackSession';

const OPTIONS: HeatmapOptions = {
  title: 'Particle paths over the exact noisy marginals p_t(x)',
  height: 300,
  xLabel: 'time t (the sampler runs from t = 1 on the right down to t = 0 on the left)',
  yLabel: 'x',
  legendLabel: 'p_t(x)',
};

/**
 * Figure 1: the exact p_t(x) over (t, x) with the tracked particles' paths on top. Every sampler starts from the
 * same draws for a seed, so switching sampler redraws paths from the same points at t = 1.
 */
export function TrajectoryMap({ mixture, spec }: { mixture: Mixture; spec: ProcessSpec }) {
  const specKey = JSON.stringify(spec);
  const map = useMemo(() => marginalMap(mixture, JSON.parse(specKey) as ProcessSpec), [mixture, specKey]);
  const resultPaths = useDiffusionSession((s) => s.result?.paths ?? null);
  // While playback holds a run, its tracked particles up to the frame shown replace the full-speed paths.
  const frames = usePlayback((s) => s.frames);
  const view = usePlayback((s) => s.view);
  const played = useMemo(() => playbackPaths(frames, view), [frames, view]);
  const paths = played ?? resultPaths;
  const standIn = useDiffusionSession((s) => s.needsModel && s.result?.score === 'exact');
  const data = useMemo<HeatmapData>(() => {
    const lines: HeatmapData['paths'] = [];
    if (paths && paths.tracks > 0) {
      const records = paths.times.length;
      for (let j = 0; j < paths.tracks; j++) {
        const y = new Float64Array(records);
        for (let r = 0; r < records; r++) y[r] = paths.positions[r * paths.tracks + j];
        lines.push({ x: paths.times, y, colour: 'c-target' });
      }
    }
    return {
      xs: map.xs,
      ys: map.ys,
      values: map.values,
      max: map.max,
      xDomain: [0, 1],
      yDomain: map.range,
      paths: lines,
    };
  }, [map, paths]);
  return (
    <FigureHost
      create={createHeatmap}
      options={OPTIONS}
      data={data}
      testId="figure-paths"
      className="diff-map"
      caption={
        <>
          Colour: the exact density p<sub>t</sub>(x) of the noised mixture. Lines: {paths?.tracks ?? 0}{' '}
          particles {played ? 'of the playback run, up to the t shown' : 'from t = 1 (right) to t = 0 (left)'}
          {standIn && <strong> following the exact score until the ε-model is trained</strong>}. ODE paths are
          smooth curves; ancestral and SDE paths jitter, because every step adds fresh noise.
        </>
      }
    />
  );
}
