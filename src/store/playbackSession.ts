/**
 * The diffusion page's playback: one run in the playback worker that Play advances step by step, the frames it
 * kept (at most MAX_FRAMES + 1, engine/diffusion/playback.ts), and which frame the figures show (the latest, or
 * the one the scrubber picked). `mode` is the hook's: idle (no run), playing, paused, done.
 *
 * Playback follows the exact score (reverse) or the exact noising (forward); run() and the comparison table keep
 * sampling at full speed as before (diffusionSession.ts). The page says what to run: a setup and the key of the
 * settings it belongs to (pages/diffusion/playbackSetup.ts maps the link's values to both).
 */
import { create } from 'zustand';
import type { PlaybackFrame } from '../engine/diffusion/playback';
import { playbackClient } from '../worker/playbackClient';
import type { PlaybackReply, PlaybackSetup } from '../worker/playbackProtocol';
import { useAppStore } from './appStore';
import { readerMessage } from './readerMessage';

export type PlaybackMode = 'idle' | 'playing' | 'paused' | 'done';

interface PlaybackState {
  mode: PlaybackMode;
  /** The settings the frames belong to (null: no run). */
  key: string | null;
  /** The worker's id of the run (0: none). */
  runId: number;
  frames: PlaybackFrame[];
  /** The frame the scrubber picked; null follows the latest. */
  view: number | null;
  step: number;
  totalSteps: number;
  n: number;
  /** Worker milliseconds of the latest reply. */
  workMs: number;
}

const IDLE = {
  mode: 'idle',
  key: null,
  runId: 0,
  frames: [],
  view: null,
  step: 0,
  totalSteps: 0,
  workMs: 0,
} as const satisfies Partial<PlaybackState>;

export const usePlayback = create<PlaybackState>(() => ({ ...IDLE, n: 0 }));

const set = usePlayback.setState;
const get = usePlayback.getState;

/** The frame the figures show, or null when there is no run. */
export function shownFrame(s: PlaybackState): PlaybackFrame | null {
  if (s.frames.length === 0) return null;
  return s.frames[Math.min(s.view ?? s.frames.length - 1, s.frames.length - 1)];
}

function fail(error: unknown): void {
  useAppStore.getState().addNotice(`Playback stopped: ${readerMessage(error)}`, 'runtime', 'error');
  if (get().mode === 'playing') set({ mode: 'paused' });
}

/** Adds a reply's frames to run `runId` (ignored when a newer run replaced it). */
export function applyReply(runId: number, reply: PlaybackReply): void {
  if (get().runId !== runId) return;
  const mode = reply.done ? 'done' : get().mode;
  set({
    frames: reply.frames.length ? [...get().frames, ...reply.frames] : get().frames,
    step: reply.step,
    totalSteps: reply.totalSteps,
    workMs: reply.ms,
    mode,
  });
}

let starting: Promise<number> | null = null;

/** What the page asks playback to run, and the key of the settings it belongs to. */
export interface PlaybackOrder {
  setup: PlaybackSetup;
  key: string;
}

/** The run for these settings, started when there is none; resolves with its id. */
function ensureRun({ setup, key }: PlaybackOrder): Promise<number> {
  if (get().key === key && get().runId) return Promise.resolve(get().runId);
  if (starting && get().key === key) return starting;
  const { id, reply } = playbackClient().start(setup);
  set({ ...IDLE, mode: 'paused', key, runId: id, n: setup.n });
  starting = reply.then((r) => {
    applyReply(id, r);
    return id;
  });
  const mine = starting;
  void mine.finally(() => {
    if (starting === mine) starting = null;
  });
  return mine;
}

export async function play(order: PlaybackOrder): Promise<void> {
  try {
    if (get().mode === 'done') resetPlayback();
    await ensureRun(order);
    if (get().mode !== 'done') set({ mode: 'playing', view: null });
  } catch (error) {
    fail(error);
  }
}

export function pause(): void {
  if (get().mode === 'playing') set({ mode: 'paused' });
}

/** One step (from a paused or idle run; a finished run stays finished). */
export async function stepOnce(order: PlaybackOrder): Promise<void> {
  try {
    if (get().mode === 'playing' || get().mode === 'done') return;
    const id = await ensureRun(order);
    set({ view: null });
    applyReply(id, await playbackClient().advance(id, 1, Infinity));
  } catch (error) {
    fail(error);
  }
}

/** Back to no run: the figures show the full-speed result again. */
export function resetPlayback(): void {
  set({ ...IDLE });
}

/** Shows kept frame i (pausing a playing run: the reader has taken over the clock). */
export function scrubTo(i: number): void {
  const frames = get().frames;
  if (frames.length === 0) return;
  const view = Math.max(0, Math.min(frames.length - 1, Math.round(i)));
  set({
    view: view === frames.length - 1 ? null : view,
    mode: get().mode === 'playing' ? 'paused' : get().mode,
  });
}

/** Up to `steps` more steps of run `runId` within `budgetMs` of worker time (the play loop's request). */
export function advanceRun(runId: number, steps: number, budgetMs: number): Promise<PlaybackReply> {
  return playbackClient().advance(runId, steps, budgetMs);
}
