/**
 * The playback's part of the diffusion page's hook metrics (CONTRACT.md): `mode` (idle, playing, paused, done),
 * and for the frame shown `t`, `w1ToPt` and `ksToPt` (the particles against the exact p_t at t); plus the step,
 * the kept frames, the direction, the loop's fps and frameMs, and the worker's time for its latest reply.
 */
import { playbackFrameStats } from './usePlaybackLoop';
import { shownFrame, usePlayback } from './playbackSession';

export function playbackMetrics(): Record<string, unknown> {
  const s = usePlayback.getState();
  const frame = shownFrame(s);
  return {
    mode: s.mode,
    direction: s.direction,
    t: frame?.t ?? null,
    w1ToPt: frame?.w1 ?? null,
    ksToPt: frame?.ks ?? null,
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
