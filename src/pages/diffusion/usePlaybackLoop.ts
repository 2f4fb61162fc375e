/**
 * The playback's play loop: the app's animation loop (startAnimationLoop) while the mode is 'playing', with one
 * request to the playback worker in flight at a time; the effect's cleanup cancels both, so a pause, an unmount
 * or a new speed never leaves a second loop behind.
 *
 * Steps are earned from wall time at the chosen speed by the engine's Pacer (a quarter second's worth banked at
 * most, so a slow frame does not fast-forward; one step granted at Play, so the first frame moves). At 'max' the
 * next request goes out as soon as a reply arrives, so the worker never waits for a paint. Replies are merged as
 * they come and committed to the store once per paint, so React renders the figures at most once per frame. If
 * the worker cannot keep the pace (the W1 and KS of each frame cost a sort and n CDF evaluations), the run takes
 * longer than the speed asks.
 */
import { useEffect } from 'react';
import { startAnimationLoop } from '../../components/animationLoop';
import { createFrameStats } from '../../components/frameStats';
import { monotonicClock } from '../../engine/clock';
import { Pacer } from '../../engine/pacer';
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
    // null: as fast as the worker goes.
    const pacer = rate === null ? null : new Pacer(rate, monotonicClock);
    pacer?.grant(1);
    let inFlight = false;
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
          if (pacer === null && usePlayback.getState().mode === 'playing') request(Number.MAX_SAFE_INTEGER);
        })
        .catch((error: Error) => {
          inFlight = false;
          useAppStore.getState().addNotice(`Playback stopped: ${error.message}`, 'runtime', 'error');
          usePlayback.setState({ mode: 'paused' });
        });
    };

    const stopLoop = startAnimationLoop((frame) => {
      commit();
      if (usePlayback.getState().mode !== 'playing') return false;
      playbackFrameStats.tick(1000 * frame.now);
      if (!inFlight) {
        if (pacer === null) request(Number.MAX_SAFE_INTEGER);
        else {
          const steps = pacer.takeEarned();
          if (steps >= 1) request(steps);
        }
      }
      return true;
    });
    return () => {
      token.cancelled = true;
      stopLoop();
      commit();
    };
  }, [playing, speed]);
}
