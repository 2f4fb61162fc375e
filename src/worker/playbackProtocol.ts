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

/**
 * Requests in rpc.ts's shape. A `start` request's id names the run it starts; `advance` takes up to `steps` more
 * steps of run `run`, stopping once `budgetMs` of stepping is spent.
 */
export type PlaybackRequest =
  | { type: 'start'; id: number; setup: PlaybackSetup }
  | { type: 'advance'; id: number; run: number; steps: number; budgetMs: number };

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
  | ({ type: 'frames'; replyTo: number } & PlaybackReply)
  | { type: 'error'; replyTo?: number; message: string };

/** The playback worker as rpc.ts describes a worker: both requests are answered by a `frames` event. */
export interface PlaybackApi {
  request: PlaybackRequest;
  event: PlaybackEvent;
  replies: {
    start: Extract<PlaybackEvent, { type: 'frames' }>;
    advance: Extract<PlaybackEvent, { type: 'frames' }>;
  };
}
