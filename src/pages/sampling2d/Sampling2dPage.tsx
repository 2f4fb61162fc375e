import { useEffect, useMemo, useState } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { PageLayout } from '../../components/PageLayout';
import { PlayControls } from '../../components/PlayControls';
import { useNarrowScreen } from '../../components/useNarrowScreen';
import { usePageProbe } from '../../components/usePageProbe';
import { usePageValues } from '../../store/appStore';
import { usePlaneModel } from '../../store/planeModel';
import { clearPlaneRun, onPlaneFrame, usePlaneSampling } from '../../store/planeSampling';
import {
  createPlaneParticles,
  type PlaneParticlesData,
  type PlaneParticlesOptions,
} from '../../viz/planeParticles';
import { LearnedGate } from './LearnedGate';
import { startSampling } from './learnedRun';
import { densityGrid, planeRunConfig, samplingBox } from './planeConfig';
import {
  PLANE_SPEEDS,
  pausePlane,
  planeSpeed,
  playPlane,
  recordPaint,
  setPlaneSpeed,
  stepPlane,
  type PlaneSpeed,
} from './planeTransport';
import { Sampling2dControls } from './Sampling2dControls';
import { Sampling2dProse } from './Sampling2dProse';
import { Sampling2dReadout } from './Sampling2dReadout';
import { sampling2dProbe } from './sampling2dProbe';
import '../../styles/plane.css';
import '../../styles/sampling2d.css';

/** Paints each frame the worker sends: positions and tracked paths, never through React state. */
const subscribeFrames: PlaneParticlesOptions['subscribe'] = (paint) =>
  onPlaneFrame((frame) => paint({ positions: frame.positions, paths: frame.tracks.paths }));

export default function Sampling2dPage() {
  const values = usePageValues('sampling2d');
  const narrow = useNarrowScreen();
  usePageProbe(sampling2dProbe);
  const mode = usePlaneSampling((s) => s.mode);
  const [speed, setSpeed] = useState<PlaneSpeed>(planeSpeed());

  const config = useMemo(() => planeRunConfig(values), [values]);
  const key = JSON.stringify(config);
  const learned = values.score === 'learned';
  // A learned run samples the model as it is when the run starts; a newer snapshot is taken up by Reset or by
  // any change of setting (not mid-run, so a run never mixes two networks). A model appearing starts one.
  const hasModel = usePlaneModel((s) => s.model !== null);
  useEffect(() => startSampling(JSON.parse(key), learned), [key, learned, hasModel]);
  useEffect(() => clearPlaneRun, []);

  const box = useMemo(() => samplingBox(config.mixture, config, learned), [config, learned]);
  const data = useMemo<PlaneParticlesData>(() => {
    const grid = densityGrid(config.mixture, box);
    let max = 0;
    for (const v of grid.pdf) max = Math.max(max, v);
    return { box, density: { nx: grid.nx, ny: grid.ny, values: grid.pdf, max } };
  }, [config.mixture, box]);
  const options = useMemo<PlaneParticlesOptions>(
    () => ({
      title: 'Particles in the plane over the exact density of the data',
      height: narrow ? 360 : 560,
      subscribe: subscribeFrames,
      onPainted: recordPaint,
    }),
    [narrow],
  );

  const ready = mode === 'paused' || mode === 'playing';
  const transport = (
    <PlayControls
      playing={mode === 'playing'}
      disabled={!ready && mode !== 'done'}
      onPlay={playPlane}
      onPause={pausePlane}
      onStep={stepPlane}
      onReset={() => startSampling(config, learned)}
      speeds={PLANE_SPEEDS}
      speed={speed}
      onSpeed={(v) => {
        setPlaneSpeed(v as PlaneSpeed);
        setSpeed(v as PlaneSpeed);
      }}
      titles={{
        play: 'Run the sampler, painting the cloud as it moves (space)',
        step: 'One step of the sampler (→)',
        reset: 'Back to the start: the same seed gives the same run (r)',
      }}
    />
  );

  return (
    <PageLayout
      title="Sampling in the plane"
      lede="Langevin, annealed Langevin, DDPM, the reverse SDE, the probability-flow ODE, predictor–corrector and flow matching move a cloud of particles on the exact score of a 2D mixture (flow matching on its exact velocity); Langevin, annealed Langevin and, where the trained noise range covers them, the reverse SDE, the ODE and predictor–corrector can also use a score network trained on the field page. The read-outs compare the cloud with the truth."
      transport={transport}
      controls={<Sampling2dControls sampler={values.sampler} init={values.init} />}
      prose={<Sampling2dProse />}
    >
      <section className="figure sampling2d-figure">
        {learned && <LearnedGate sampler={values.sampler} />}
        <FigureHost
          key={narrow ? 'narrow' : 'wide'}
          create={createPlaneParticles}
          options={options}
          data={data}
          testId="figure-sampling2d"
          className="plane-figure"
          caption={
            <>
              Shading: the exact density p of the data (square-root scale). Dots: the{' '}
              {values.n.toLocaleString('en')} particles (
              {values.n > 20_000 ? 'blended into a density raster' : 'one dot each'}). Lines: the recent paths
              of twelve of them (their last 30 recorded positions).
            </>
          }
        />
        <Sampling2dReadout weights={config.mixture.map((c) => c.weight)} />
      </section>
    </PageLayout>
  );
}
