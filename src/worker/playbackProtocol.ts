/** Messages between the diffusion page and its playback worker (playback.worker.ts). */
import type { Mixture } from '../engine/mixture';
import type { SamplerSpec } from '../engine/diffusion';
import type { Direction, PlaybackFrame } from '../engine/diffusion/playback';
import type { ProcessSpec } from '../engine/diffusion/processSpec';

export interface PlaybackSetup {
  direction: Direction;
  process: ProcessSpec;
  sampler: SamplerSpec;
  steps: number;
  n: number;
  seed: number;
  mixture: Mixture;
  /** The histogram's range and bins, and how many particles' tracks come back. */
  range: [number, number];
  bins: number;
  tracks: number;
}

export type PlaybackRequest =
  | { type: 'start'; id: number; setup: PlaybackSetup }
  /** Up to `steps` more steps of run `id`, stopping once `budgetMs` of stepping is spent. */
  | { type: 'advance'; id: number; steps: number; budgetMs: number };

export interface PlaybackReply {
  /** The frames kept since the last reply (the first reply holds the run's starting frame). */
  frames: PlaybackFrame[];
  step: number;
  totalSteps: number;
  done: boolean;
  /** Milliseconds the worker spent on this reply (steps and frames). */
  ms: number;
}

export type PlaybackEvent =
  ({ type: 'reply'; id: number } & PlaybackReply) | { type: 'error'; id: number; message: string };
