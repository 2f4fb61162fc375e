/**
 * The playback's animation loop: a requestAnimationFrame chain while the mode is 'playing', with one request to
 * the playback worker in flight at a time and a cancel token, so a pause, an unmount or a new speed never leaves
 * a second loop behind. Steps are earned from wall time at the chosen speed (never more than a quarter second's
 * worth banked, so a slow frame does not fast-forward); at 'max' the next request goes out as soon as a reply
 * arrives, so the worker never waits for a paint. Replies are merged as they come and committed to the store once
 * per paint, so React renders the figures at most once per frame. If the worker cannot keep the pace (the W1 and KS of each frame cost a sort and n CDF evaluations), the run
 * takes longer than the speed asks.
 */
import { useEffect } from 'react';
import { createFrameStats } from '../../components/frameStats';
import { stepsPerSecond, type Speed } from '../sampling-shared/useSamplerLoop';
import { advanceRun, applyReply, usePlayback } from '../../store/playbackSession';
import { useAppStore } from '../../store/appStore';
import type { PlaybackReply } from '../../worker/playbackProtocol';

/** Two consecutive replies as one: the frames of both, the state of the later. */
function merge(a: PlaybackReply, b: PlaybackReply): PlaybackReply {
  return { ...b, frames: [...a.frames, ...b.frames], ms: a.ms + b.ms };
}

/** Frame timing of the loop, for the hook's fps and frameMs. */
export const playbackFrameStats = createFrameStats();

/** Worker time per request: about one display frame. */
const BUDGET_MS = 14;

export function usePlaybackLoop(speed: Speed): void {
  const playing = usePlayback((s) => s.mode === 'playing');
  useEffect(() => {
    if (!playing) return;
    const token = { cancelled: false };
    const { runId, totalSteps } = usePlayback.getState();
    const rate = stepsPerSecond(speed, totalSteps);
    let raf = 0;
    let inFlight = false;
    let credit = 1;
    let last = performance.now();
    let pending: PlaybackReply | null = null;
    const commit = () => {
      if (pending) applyReply(runId, pending);
      pending = null;
    };
    playbackFrameStats.reset();

    const request = (steps: number) => {
      inFlight = true;
      advanceRun(runId, steps, BUDGET_MS)
        .then((reply) => {
          inFlight = false;
          pending = pending ? merge(pending, reply) : reply;
          if (token.cancelled || reply.done) return commit();
          if (rate === null && usePlayback.getState().mode === 'playing') request(Number.MAX_SAFE_INTEGER);
        })
        .catch((error: Error) => {
          inFlight = false;
          useAppStore.getState().addNotice(`Playback stopped: ${error.message}`, 'runtime', 'error');
          usePlayback.setState({ mode: 'paused' });
        });
    };

    const tick = (now: number) => {
      if (token.cancelled) return;
      commit();
      if (usePlayback.getState().mode !== 'playing') return;
      playbackFrameStats.tick(now);
      const dt = Math.min(0.25, (now - last) / 1000);
      last = now;
      if (rate !== null) credit = Math.min(credit + rate * dt, Math.max(1, 0.25 * rate));
      if (!inFlight) {
        if (rate === null) request(Number.MAX_SAFE_INTEGER);
        else if (credit >= 1) {
          const steps = Math.floor(credit);
          credit -= steps;
          request(steps);
        }
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => {
      token.cancelled = true;
      cancelAnimationFrame(raf);
      commit();
    };
  }, [playing, speed]);
}
