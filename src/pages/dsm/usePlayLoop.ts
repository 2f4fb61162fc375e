import { useEffect } from 'react';
import { pageValues } from '../../store/appStore';
import { prefetchPairs } from './dsmData';
import { growOnce, nextN, playFrames, STEP_SECONDS, useDsmRun } from './dsmRun';

/**
 * The page's one animation loop: a requestAnimationFrame chain that runs while the mode is 'playing', with a
 * cancel token so that a pause, an unmount or a new play never leaves a second loop behind. Growth steps run
 * on simulated time (every STEP_SECONDS), not per frame, so a slow frame never speeds up or skips the story.
 */
export function usePlayLoop(): void {
  const playing = useDsmRun((s) => s.mode.kind === 'playing');
  useEffect(() => {
    if (!playing) return;
    const token = { cancelled: false };
    let frame = 0;
    let last = performance.now();
    let elapsed = 0;
    playFrames.reset();
    const start = pageValues('dsm');
    prefetchPairs(start.mix, start.seed, nextN(start.n));
    const step = (now: number) => {
      if (token.cancelled) return;
      playFrames.tick(now);
      elapsed += Math.min(0.5, (now - last) / 1000);
      last = now;
      if (elapsed >= STEP_SECONDS) {
        elapsed -= STEP_SECONDS;
        if (!growOnce()) {
          useDsmRun.getState().finish();
          return;
        }
        const values = pageValues('dsm');
        prefetchPairs(values.mix, values.seed, nextN(values.n));
      }
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => {
      token.cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, [playing]);
}
