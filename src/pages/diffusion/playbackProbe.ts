/**
 * The playback's part of the diffusion page's hook metrics (CONTRACT.md): `mode` (idle, playing, paused, done),
 * and for the frame shown `t`, `w1ToPt` and `ksToPt` (the particles against the exact p_t at t); plus the step,
 * the learned run's W1 and KS at the same step (`learnedToPt`, when a learned result is on screen), the kept frames, the direction, the loop's fps and frameMs, and the worker's time for its latest reply.
 */
import { playbackFrameStats } from './usePlaybackLoop';
import { shownFrame, usePlayback } from '../../store/playbackSession';
import { pageValues } from '../../store/appStore';
import { useDiffusionSession } from '../../store/diffusionSession';
import { learnedFrameAt } from './learnedFrames';

export function playbackMetrics(): Record<string, unknown> {
  const s = usePlayback.getState();
  const frame = shownFrame(s);
  return {
    mode: s.mode,
    direction: pageValues('diffusion').direction,
    t: frame?.t ?? null,
    w1ToPt: frame?.w1 ?? null,
    ksToPt: frame?.ks ?? null,
    // The learned ε-model's run at the same step (same start, same noise), when it is the result on screen.
    learnedToPt: (() => {
      const l = learnedFrameAt(
        useDiffusionSession.getState().result,
        pageValues('diffusion'),
        frame?.step ?? null,
      );
      return l ? { t: l.t, w1: l.w1, ks: l.ks } : null;
    })(),
    playback: {
      step: frame?.step ?? null,
      liveStep: s.step,
      totalSteps: s.totalSteps,
      frames: s.frames.length,
      view: s.view,
      n: s.n,
      workerMs: s.workMs,
      ...playbackFrameStats.summary(),
    },
  };
}
