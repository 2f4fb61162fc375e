import { useMemo } from 'react';
import { PageLayout } from '../../components/PageLayout';
import { usePageProbe } from '../../components/usePageProbe';
import { useNarrowScreen } from '../../components/useNarrowScreen';
import { normalizeWeights } from '../../engine/mixture';
import { usePageValues } from '../../store/appStore';
import { ComparisonTable } from './ComparisonTable';
import { DiffusionControls } from './DiffusionControls';
import { processSpecOf } from './diffusionModel';
import { diffusionProbe } from './diffusionProbe';
import { DiffusionProse } from './DiffusionProse';
import { DiffusionTransport } from './DiffusionTransport';
import { FinalHistogram } from './FinalHistogram';
import { FlowFigures } from './FlowFigures';
import { LikelihoodFigure } from './LikelihoodFigure';
import { ReverseVarianceFigure } from './ReverseVarianceFigure';
import { LearnedPrompt } from './LearnedPrompt';
import { PlaybackHistogram } from './PlaybackHistogram';
import { PlaybackTransport } from './PlaybackTransport';
import { RunStatus } from './RunStatus';
import { TrajectoryMap } from './TrajectoryMap';
import { useDiffusion } from './useDiffusion';

export default function DiffusionPage() {
  const values = usePageValues('diffusion');
  const mixture = values.mix;
  usePageProbe(diffusionProbe);
  useDiffusion();
  const spec = processSpecOf(values);
  // On a phone the playback transport alone sits above figure 1 (both fit the first screen); the sampler
  // choices follow the figure.
  const narrow = useNarrowScreen();
  const weights = useMemo(() => normalizeWeights(mixture).map((c) => c.weight), [mixture]);
  return (
    <PageLayout
      title="DDPM and SDE samplers"
      lede="Run the noising backwards with four samplers, first on the exact score of every noisy marginal, then on a network trained with DDPM's ε-prediction loss — and see how much of the error is the sampler's and how much the network's."
      controls={<DiffusionControls />}
      transport={
        narrow ? (
          <PlaybackTransport />
        ) : (
          <>
            <PlaybackTransport />
            <DiffusionTransport />
          </>
        )
      }
      prose={<DiffusionProse />}
    >
      <LearnedPrompt />
      <h2 className="figure-title">1 · From noise back to data</h2>
      <TrajectoryMap mixture={mixture} spec={spec} />
      {narrow && (
        <div className="transport" role="group" aria-label="Sampler choices" data-testid="sampler-choices">
          <DiffusionTransport />
        </div>
      )}
      <PlaybackHistogram mixture={mixture} spec={spec} />
      <h2 className="figure-title">2 · Where the samples land</h2>
      <FinalHistogram mixture={mixture} />
      <RunStatus weights={weights} />
      <ComparisonTable weights={weights} />
      {values.sde === 'fm' && <FlowFigures mixture={mixture} seed={values.seed} />}
      <LikelihoodFigure />
      <ReverseVarianceFigure />
    </PageLayout>
  );
}
