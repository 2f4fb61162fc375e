import { useEffect } from 'react';
import type { Mixture } from '../../engine/mixture';
import { startAnimationLoop } from '../../components/animationLoop';
import { useAppStore } from '../../store/appStore';
import { prefetchPairs } from './dsmData';
import { growOnce, nextN, playFrames, STEP_SECONDS, useDsmRun } from './dsmRun';

/**
 * The page's play loop: the app's animation loop (startAnimationLoop) while the mode is 'playing'; the effect's
 * cleanup cancels it, so a pause, an unmount or a new play never leaves a second loop behind. Growth steps run
 * on simulated time (every STEP_SECONDS), not per frame, so a slow frame never speeds up or skips the story.
 */
export function usePlayLoop(): void {
  const playing = useDsmRun((s) => s.mode.kind === 'playing');
  useEffect(() => {
    if (!playing) return;
    let elapsed = 0;
    playFrames.reset();
    const start = useAppStore.getState().values;
    prefetchPairs(start.mix as Mixture, start.seed as number, nextN(start.n as number));
    return startAnimationLoop(({ now, dt }) => {
      playFrames.tick(1000 * now);
      // A frame after a long stall (a background tab) counts as half a second at most.
      elapsed += Math.min(0.5, dt);
      if (elapsed < STEP_SECONDS) return true;
      elapsed -= STEP_SECONDS;
      if (!growOnce()) {
        useDsmRun.getState().finish();
        return false;
      }
      const { values } = useAppStore.getState();
      prefetchPairs(values.mix as Mixture, values.seed as number, nextN(values.n as number));
      return true;
    });
  }, [playing]);
}
