/**
 * The dsm page's run mode as one union, and the growth rule of "play".
 * Playing keeps adding pairs: n grows by a constant factor every STEP_SECONDS until the schema's maximum, and
 * every step writes n into the link, so pausing anywhere leaves a link that reproduces the view.
 */
import { create } from 'zustand';
import { pageValues, useAppStore } from '../../store/appStore';
import type { NumberSpec } from '../../store/paramSpec';
import { pageSchemas } from '../../store/schemas';
import { createFrameStats } from '../../components/frameStats';

/**
 * idle: nothing running; playing: adding pairs; finished: play reached the most pairs the page draws (nSpec.max)
 * and stopped by itself, which the page says out loud.
 */
export type RunMode = { kind: 'idle' } | { kind: 'playing'; since: number } | { kind: 'finished'; n: number };

/** Seconds between growth steps (simulation time, independent of the frame rate). */
export const STEP_SECONDS = 0.25;
/** Each step multiplies n by this: from 50 to 200,000 in about 8 seconds. */
export const GROWTH = 1.3;
/** Where "reset" (and play from the maximum) starts again. */
export const RESET_N = 50;

const nSpec: NumberSpec = pageSchemas.dsm.n;
/** The most pairs play adds before it stops (the n slider's maximum). */
export const MAX_PAIRS = nSpec.max;

interface RunState {
  mode: RunMode;
  play(): void;
  pause(): void;
  /** Play ran into the maximum number of pairs. */
  finish(): void;
}

export const useDsmRun = create<RunState>((set, get) => ({
  mode: { kind: 'idle' },
  play() {
    if (get().mode.kind === 'playing') return;
    if (pageValues('dsm').n >= nSpec.max) useAppStore.getState().setParam('n', RESET_N);
    set({ mode: { kind: 'playing', since: performance.now() } });
  },
  pause() {
    if (get().mode.kind !== 'idle') set({ mode: { kind: 'idle' } });
  },
  finish() {
    set({ mode: { kind: 'finished', n: nSpec.max } });
  },
}));

/** Frame timing of the play loop (kept out of React state: it changes every frame). */
export const playFrames = createFrameStats();

/** The n after one growth step: ⌈GROWTH·n⌉ (at least n + 1), capped at the maximum. */
export function nextN(n: number): number {
  return Math.min(nSpec.max, Math.max(n + 1, Math.ceil(GROWTH * n)));
}

/** One growth step: n ← nextN(n). Returns false when the maximum is reached. */
export function growOnce(): boolean {
  const next = nextN(pageValues('dsm').n);
  useAppStore.getState().setParam('n', next);
  return next < nSpec.max;
}

/** Step: pause, then one growth step (the Step button and the → key). */
export function stepOnce(): void {
  useDsmRun.getState().pause();
  growOnce();
}

export function resetSamples(): void {
  useDsmRun.getState().pause();
  useAppStore.getState().setParam('n', RESET_N);
}
