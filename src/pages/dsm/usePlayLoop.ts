import { useEffect } from 'react';
import { startAnimationLoop } from '../../components/animationLoop';
import { pageValues } from '../../store/appStore';
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
    const start = pageValues('dsm');
    prefetchPairs(start.mix, start.seed, nextN(start.n));
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
      const values = pageValues('dsm');
      prefetchPairs(values.mix, values.seed, nextN(values.n));
      return true;
    });
  }, [playing]);
}
