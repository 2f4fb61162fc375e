import { useMemo, useState } from 'react';
import { ParamSlider } from '../../components/ParamSlider';
import { PageLayout } from '../../components/PageLayout';
import { useNarrowScreen } from '../../components/useNarrowScreen';
import { usePageProbe } from '../../components/usePageProbe';
import { DEFAULT_LANGEVIN, WRONG_WEIGHTS_LANGEVIN } from '../../engine/sampling';
import { usePageValues } from '../../store/appStore';
import { HistogramFigure } from '../sampling-shared/HistogramFigure';
import { ModeWeights } from '../sampling-shared/ModeWeights';
import { Presets } from '../sampling-shared/Presets';
import { RunPanels } from '../sampling-shared/RunPanels';
import { RunReadout } from '../sampling-shared/RunReadout';
import { SamplerControls } from '../sampling-shared/SamplerControls';
import { SamplerTransport } from '../sampling-shared/SamplerTransport';
import { langevinPresetValues, otherPageHref, samplerConfigFrom } from '../sampling-shared/samplerConfig';
import { langevinProbe } from '../sampling-shared/samplerProbe';
import { TrackFigure } from '../sampling-shared/TrackFigure';
import { useSampler } from '../sampling-shared/useSampler';
import { useSamplerLoop, type Speed } from '../sampling-shared/useSamplerLoop';
import { LangevinProse } from './LangevinProse';

const PRESETS = [
  {
    id: 'lecture',
    label: 'Lecture example',
    hint: 'The default mixture, 10,000 particles uniform on [−3, 3], 100 steps of ε = 0.02.',
    values: langevinPresetValues(DEFAULT_LANGEVIN),
  },
  {
    id: 'wrong-weights',
    label: 'Two separated modes',
    hint: 'Weights 0.2 and 0.8 at −5 and +5: plain Langevin keeps the wrong weights.',
    values: langevinPresetValues(WRONG_WEIGHTS_LANGEVIN),
  },
];

export default function LangevinPage() {
  useSampler('langevin');
  usePageProbe(langevinProbe);
  const [speed, setSpeed] = useState<Speed>('auto');
  useSamplerLoop(speed);
  const values = usePageValues('langevin');
  const mixture = values.mix;
  const { histogramRange } = useMemo(() => samplerConfigFrom('langevin', values).config, [values]);
  const range = useMemo<[number, number]>(
    () => [histogramRange.lo, histogramRange.hi],
    [histogramRange.lo, histogramRange.hi],
  );

  // On a phone the read-out follows the primary figure: its lines come and go with the run (time left, the
  // level, the network), and above the figure they pushed it off the first screen.
  const narrow = useNarrowScreen();
  const readout = <RunReadout mixture={mixture} />;
  return (
    <PageLayout
      title="Langevin dynamics"
      lede="Give every particle a small step along the score and a small random kick, over and over: the cloud settles onto the data distribution. Watch it happen — and watch it fail to share particles between modes that are far apart."
      controls={
        <SamplerControls kind="langevin" presets={<Presets kind="langevin" presets={PRESETS} />}>
          <ParamSlider page="langevin" name="steps" label="Steps" />
        </SamplerControls>
      }
      transport={
        <SamplerTransport speed={speed} onSpeed={setSpeed}>
          <ParamSlider page="langevin" name="eps" label="Step size ε" hint="x ← x + (ε/2) s(x) + √ε z" />
        </SamplerTransport>
      }
      prose={<LangevinProse />}
    >
      <RunPanels divergedHint="Lower ε: a step must stay well below four times the variance of the widest component." />
      {!narrow && readout}
      <HistogramFigure
        mixture={mixture}
        range={range}
        caption="Bars: where the particles are now, as a density. Line: the target p(x) they should settle on."
      />
      {narrow && readout}
      <div className="figure-row">
        <TrackFigure
          range={range}
          caption="A few dozen particles followed step by step: each drifts into the mode whose basin it started in and jiggles there, bar the rare one that the noise carries across the gap early on."
        />
        <div className="samp-weights-column">
          <ModeWeights
            mixture={mixture}
            failureNote="Plain Langevin keeps roughly the split of the initial draw: particles almost never cross the empty gap between modes."
          />
          <a
            className="samp-crosslink"
            href={otherPageHref('langevin', values)}
            data-testid="weights-annealed-link"
          >
            The same particles with annealing →
          </a>
        </div>
      </div>
    </PageLayout>
  );
}
