import { describe, expect, it } from 'vitest';
import { startAnimationLoop, type FrameSource, type FrameTime } from '../../src/components/animationLoop';

/** A hand-driven frame source: `advance(ms)` moves the clock and runs the one requested frame. */
function fakeFrames(startMs = 1000) {
  let clock = startMs;
  let nextId = 1;
  const queued = new Map<number, (ms: number) => void>();
  const source: FrameSource = {
    request(callback) {
      queued.set(nextId, callback);
      return nextId++;
    },
    cancel(id) {
      queued.delete(id);
    },
    now: () => clock,
  };
  return {
    source,
    pending: () => queued.size,
    advance(ms: number) {
      clock += ms;
      const callbacks = [...queued.values()];
      queued.clear();
      for (const cb of callbacks) cb(clock);
    },
  };
}

describe('startAnimationLoop', () => {
  it('reports each frame time and the gap since the previous frame, in seconds', () => {
    const frames = fakeFrames(2000);
    const seen: FrameTime[] = [];
    startAnimationLoop((t) => void seen.push(t), frames.source);
    frames.advance(16);
    frames.advance(50);
    frames.advance(250);
    expect(seen.map((t) => t.now)).toEqual([2.016, 2.066, 2.316]);
    expect(seen.map((t) => t.dt)).toEqual([0.016, 0.05, 0.25].map((v) => expect.closeTo(v, 12)));
  });

  it('a frame stamped before the start counts as no time, not negative time', () => {
    const frames = fakeFrames(5000);
    const seen: number[] = [];
    startAnimationLoop(({ dt }) => void seen.push(dt), frames.source);
    frames.advance(-4);
    expect(seen).toEqual([0]);
  });

  it('stops when the callback returns false, and requests nothing more', () => {
    const frames = fakeFrames();
    let calls = 0;
    startAnimationLoop(() => ++calls < 3, frames.source);
    for (let i = 0; i < 10; i++) frames.advance(16);
    expect(calls).toBe(3);
    expect(frames.pending()).toBe(0);
  });

  it('cancel is immediate: the frame already requested never runs', () => {
    const frames = fakeFrames();
    let calls = 0;
    const cancel = startAnimationLoop(() => void calls++, frames.source);
    frames.advance(16);
    cancel();
    frames.advance(16);
    frames.advance(16);
    expect(calls).toBe(1);
    expect(frames.pending()).toBe(0);
  });

  it('a callback that cancels its own loop is not rescheduled', () => {
    const frames = fakeFrames();
    let calls = 0;
    const cancel: () => void = startAnimationLoop(() => {
      calls++;
      cancel();
    }, frames.source);
    frames.advance(16);
    frames.advance(16);
    expect(calls).toBe(1);
    expect(frames.pending()).toBe(0);
  });

  it('a restart after cancel leaves exactly one loop running', () => {
    const frames = fakeFrames();
    const calls = { first: 0, second: 0 };
    const cancel = startAnimationLoop(() => void calls.first++, frames.source);
    cancel();
    startAnimationLoop(() => void calls.second++, frames.source);
    for (let i = 0; i < 5; i++) frames.advance(16);
    expect(calls).toEqual({ first: 0, second: 5 });
    expect(frames.pending()).toBe(1);
  });
});
