import { useEffect, useMemo } from 'react';
import { PageLayout } from '../../components/PageLayout';
import { usePageProbe } from '../../components/usePageProbe';
import { blurGap, coverageShare, targetNoise } from '../../engine/dsm';
import { plotRange } from '../../engine/mixture';
import { useParam } from '../../store/appStore';
import { AverageFigure } from './AverageFigure';
import { DsmControls } from './DsmControls';
import { dsmState, tradeoffFor } from './dsmData';
import { dsmProbe } from './dsmProbe';
import { DsmProse } from './DsmProse';
import { DsmTransport } from './DsmTransport';
import { useDsmRun } from './dsmRun';
import { PairsFigure } from './PairsFigure';
import { TradeoffFigure } from './TradeoffFigure';
import { TweedieFigure } from './TweedieFigure';
import { usePlayLoop } from './usePlayLoop';
import '../../styles/dsm-play.css';

export default function DsmPage() {
  const mixture = useParam('dsm', 'mix');
  const sigma = useParam('dsm', 'sigma');
  const n = useParam('dsm', 'n');
  const seed = useParam('dsm', 'seed');
  usePageProbe(dsmProbe);
  usePlayLoop();
  // Leaving the page stops the animation.
  useEffect(() => () => useDsmRun.getState().pause(), []);

  const state = useMemo(() => dsmState(mixture, sigma, n, seed), [mixture, sigma, n, seed]);
  const curves = useMemo(() => tradeoffFor(mixture), [mixture]);
  const dataRange = useMemo(() => plotRange(mixture, 5), [mixture]);
  const now = useMemo(
    () => ({
      blurGap: blurGap(mixture, sigma),
      targetNoise: targetNoise(mixture, sigma),
      coverage: coverageShare(mixture, sigma, dataRange),
    }),
    [mixture, sigma, dataRange],
  );

  return (
    <PageLayout
      title="Denoising score matching"
      lede="Add noise to each clean sample and point an arrow back from the noisy copy to where it came from. Each arrow is mostly noise; averaged over everything that lands at the same spot, the arrows give exactly the score of the blurred density. Press play to keep adding samples."
      controls={<DsmControls />}
      transport={<DsmTransport />}
      prose={
        <DsmProse
          sigma={sigma}
          n={n}
          bins={state.binned.count.length}
          gap={state.gap}
          now={now}
          curves={curves}
        />
      }
    >
      <PairsFigure state={state} mixture={mixture} seed={seed} />
      <AverageFigure state={state} />
      <TradeoffFigure curves={curves} sigma={sigma} now={now} range={dataRange} />
      <TweedieFigure mixture={mixture} state={state} seed={seed} />
    </PageLayout>
  );
}
