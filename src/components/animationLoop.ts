/**
 * The app's one animation loop: a requestAnimationFrame chain with a cancel token, in seconds.
 *
 * `startAnimationLoop(onFrame)` calls onFrame once per display frame with the frame's time and the time since the
 * previous frame (or since the loop started), both in seconds, until onFrame returns false or the returned cancel
 * function is called. Cancelling is final and immediate: a frame already requested never runs its callback, and
 * a callback that cancels its own loop is not rescheduled, so a pause, an unmount or a restart never leaves a
 * second loop running behind the first.
 */

/** A frame's clock: `now` is the frame's start time and `dt` the time since the previous frame, in seconds. */
export interface FrameTime {
  now: number;
  dt: number;
}

/** Return false to stop the loop after this frame. */
export type FrameCallback = (time: FrameTime) => boolean | void;

/** Where frames come from: the browser's requestAnimationFrame by default, a fake one in tests. */
export interface FrameSource {
  /** Calls back at the next frame with its start time in milliseconds (as requestAnimationFrame does). */
  request(callback: (ms: number) => void): number;
  cancel(id: number): void;
  /** The current time in milliseconds, on the same clock as the callbacks' times. */
  now(): number;
}

const browserFrames: FrameSource = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (id) => cancelAnimationFrame(id),
  now: () => performance.now(),
};

export function startAnimationLoop(onFrame: FrameCallback, frames: FrameSource = browserFrames): () => void {
  const token = { cancelled: false };
  let id = 0;
  let last = frames.now() / 1000;
  const tick = (ms: number) => {
    if (token.cancelled) return;
    const now = ms / 1000;
    // A frame's start time can precede the moment the loop was started (it is the frame's, not the call's).
    const dt = Math.max(0, now - last);
    last = now;
    if (onFrame({ now, dt }) === false || token.cancelled) return;
    id = frames.request(tick);
  };
  id = frames.request(tick);
  return () => {
    token.cancelled = true;
    frames.cancel(id);
  };
}
