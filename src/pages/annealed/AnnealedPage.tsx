import { useMemo, useState } from 'react';
import { PageLayout } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { useNarrowScreen } from '../../components/useNarrowScreen';
import { usePageProbe } from '../../components/usePageProbe';
import {
  annealedLevels,
  DEFAULT_ANNEALED,
  geometricSigmas,
  WRONG_WEIGHTS_ANNEALED,
} from '../../engine/sampling';
import { usePageValues } from '../../store/appStore';
import { useSamplerSession } from '../../store/samplerSession';
import { HistogramFigure } from '../sampling-shared/HistogramFigure';
import { ModeWeights } from '../sampling-shared/ModeWeights';
import { Presets } from '../sampling-shared/Presets';
import { RunPanels } from '../sampling-shared/RunPanels';
import { RunReadout } from '../sampling-shared/RunReadout';
import { SamplerControls } from '../sampling-shared/SamplerControls';
import { SamplerTransport } from '../sampling-shared/SamplerTransport';
import { annealedPresetValues, samplerConfigFrom } from '../sampling-shared/samplerConfig';
import { annealedProbe } from '../sampling-shared/samplerProbe';
import { TrackFigure } from '../sampling-shared/TrackFigure';
import { useSampler } from '../sampling-shared/useSampler';
import { useSamplerLoop, type Speed } from '../sampling-shared/useSamplerLoop';
import { AnnealedProse } from './AnnealedProse';
import { StepSizeFigure, WeightHistoryFigure } from './LevelFigures';
import { LevelStrip } from './LevelStrip';

const PRESETS = [
  {
    id: 'lecture',
    label: 'Lecture example',
    hint: 'The default mixture from uniform on [−3, 3]: σ from 4 to 0.05 in 10 levels of 100 steps.',
    values: annealedPresetValues(DEFAULT_ANNEALED),
  },
  {
    id: 'wrong-weights',
    label: 'Two separated modes',
    hint: 'Weights 0.2 and 0.8 at −5 and +5: σ from 10 to 0.1 in 20 levels recovers them.',
    values: annealedPresetValues(WRONG_WEIGHTS_ANNEALED),
  },
];

export default function AnnealedPage() {
  useSampler('annealed');
  usePageProbe(annealedProbe);
  const [speed, setSpeed] = useState<Speed>('auto');
  useSamplerLoop(speed);
  const values = usePageValues('annealed');
  const mixture = values.mix;
  const config = useMemo(() => samplerConfigFrom('annealed', values).config, [values]);
  const { lo, hi } = config.histogramRange;
  const range = useMemo<[number, number]>(() => [lo, hi], [lo, hi]);
  const { smin, smax, levels: count, eps, steps } = config;
  const sigmas = useMemo(() => Array.from(geometricSigmas(smax, smin, count)), [smax, smin, count]);
  const levels = useMemo(() => annealedLevels(eps, sigmas, steps), [eps, sigmas, steps]);
  const levelEnds = useMemo(() => levels.map((_, i) => (i + 1) * steps), [levels, steps]);
  const sigma = useSamplerSession((s) => s.frame?.state.sigma);

  // On a phone the read-out follows the primary figure: its lines come and go with the run (time left, the
  // level, the network), and above the figure they pushed it off the first screen.
  const narrow = useNarrowScreen();
  const readout = <RunReadout mixture={mixture} />;
  return (
    <PageLayout
      title="Annealed Langevin dynamics"
      lede="Run Langevin first on the data blurred by a lot of noise, then on less and less: while the blur is large the modes overlap and particles move between them freely, so by the time the modes part each holds the right share."
      controls={
        <SamplerControls kind="annealed" presets={<Presets kind="annealed" presets={PRESETS} />}>
          <ParamSlider page="annealed" name="smax" label="σ_max" hint="first level" />
          <ParamSlider page="annealed" name="smin" label="σ_min" hint="last level" />
          <ParamSlider page="annealed" name="levels" label="Levels L" hint="geometric" />
          <ParamSlider page="annealed" name="T" label="Steps per level T" />
        </SamplerControls>
      }
      transport={
        <SamplerTransport speed={speed} onSpeed={setSpeed}>
          <ParamSlider
            page="annealed"
            name="eps"
            label="Step size ε"
            hint="at the last level; α_i = ε σ_i²/σ_L²"
          />
        </SamplerTransport>
      }
      prose={<AnnealedProse />}
    >
      <RunPanels divergedHint="Lower ε: the first level's step α₁ = ε (σ_max/σ_min)² is the largest." />
      {!narrow && readout}
      <HistogramFigure
        mixture={mixture}
        range={range}
        sigma={sigma}
        caption="Bars: the particles now. Orange: q_σ of the current level, what the particles are following; dashed blue: the data density p, where the last level ends."
      />
      {narrow && readout}
      <LevelStrip mixture={mixture} sigmas={sigmas} range={range} />
      <div className="figure-row">
        <StepSizeFigure levels={levels} />
        <WeightHistoryFigure mixture={mixture} levelEnds={levelEnds} />
      </div>
      <div className="figure-row">
        <TrackFigure
          range={range}
          levelEnds={levelEnds}
          caption="A few dozen particles step by step, levels marked: wide excursions while σ is large, settling into one mode as it shrinks."
        />
        <ModeWeights
          mixture={mixture}
          failureNote="The levels may be too few, σ_max too small to blur the modes together, or the run too short per level."
        />
      </div>
    </PageLayout>
  );
}
