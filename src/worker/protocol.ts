/**
 * The typed messages between the page and the training worker.
 *
 * Requests go page → worker and carry an `id`. Everything the worker sends is a WorkerEvent; an event that
 * answers a request carries `replyTo` = that id (the client resolves the request's promise with it, or rejects it
 * on an `error` event with that `replyTo`). Events without `replyTo` are broadcasts (progress while training,
 * periodic evaluations, divergence, a backend fallback after a lost GPU device).
 *
 * Everything is structured-clone data; arrays the page reads in bulk are plain number[] (JSON-ready for the
 * automation hook), except scoreAt's Float32Arrays, which are transferred.
 */
import type { BackendName, BackendRequest } from '../engine/tf/backend';
import type { TrainConfig } from '../engine/training/config';
import type { Evaluation } from '../engine/tf/evaluate';
import type { LossCurve } from '../engine/training/lossHistory';
import type { ProcessSpec } from '../engine/diffusion/processSpec';
import type { OdeSolver } from '../engine/diffusion';

export type { BackendName, BackendRequest, TrainConfig, Evaluation, LossCurve };

// ---------------------------------------------------------------------------------------------------------------
// Requests

export type WorkerRequest =
  /**
   * Start a tensor backend (auto or forced). Replies `backend`. Training requests before init start 'auto'.
   * remeasure (auto only): time the candidates again instead of using this browser's cached verdict.
   */
  | { type: 'init'; id: number; backend: BackendRequest; remeasure?: boolean }
  /**
   * A new run: builds the network from the seed (step 0) and evaluates it. With `keep`, a config that only
   * changes what keepsWeights allows (learning rate, batch, objective, levels) carries the current run on instead:
   * same weights and step. With `undoable`, a run that is replaced is set aside for `undo`. A playing run (or a
   * Play sent while this request waits) goes on playing. Replies `status`.
   */
  | { type: 'configure'; id: number; config: TrainConfig; keep?: boolean; undoable?: boolean }
  /** Brings back the run that the latest undoable configure replaced (weights, step, curves). Replies `status`. */
  | { type: 'undo'; id: number }
  /** Train continuously (at the speed set by setSpeed). Replies `status` at once. */
  | { type: 'play'; id: number }
  /** Stop training after the current chunk (≤ ~30 ms). Replies `status`. */
  | { type: 'pause'; id: number }
  /** Exactly `count` more steps, then stop. Replies `status` when they are done. */
  | { type: 'step'; id: number; count: number }
  /** Back to step 0 with the seed's initial weights (same config and training set). Replies `status`. */
  | { type: 'reset'; id: number }
  /**
   * Speed: null = as fast as possible, else at most this many steps per second (slow motion for reading).
   * evalEveryMs: how often a playing run broadcasts an evaluation (default 300). Replies `status`.
   */
  | { type: 'setSpeed'; id: number; stepsPerSec: number | null; evalEveryMs?: number }
  /** The next training set of this seed (data > 0); the model carries on. Replies `status`. */
  | { type: 'regenerateData'; id: number }
  /**
   * Evaluate now; `level` (index into sigmas, 0 = largest σ) becomes the level whose curves periodic
   * evaluations carry; `points` is the grid size per level (default 401). Replies `evaluation`.
   */
  | { type: 'evaluate'; id: number; level?: number; points?: number }
  /**
   * Train `steps` steps as fast as possible (from step 0 with the seed's initial weights unless
   * fromScratch is false, so a URL gives the same numbers every time), then reply `runResult`.
   */
  | { type: 'runToEnd'; id: number; steps: number; fromScratch?: boolean }
  /** Replies `saved` with the model file's JSON. */
  | { type: 'save'; id: number }
  /** Replace the model by a saved one; a bad file replies `error` and changes nothing. Replies `loaded`. */
  | { type: 'load'; id: number; json: string }
  /**
   * The learned score s_θ(x, σ) at the given points (for the sampling pages). A noise-conditional model (ncsn)
   * uses `sigma`; a single-level model always uses its own σ input (the reply says which σ was used).
   * Replies `scores`.
   */
  | { type: 'scoreAt'; id: number; xs: Float32Array; sigma?: number }
  /** ε_θ(x, t) of a time-conditional ε-model (objective eps) at one time t ∈ (0, 1]. Replies `eps`. */
  | { type: 'epsAt'; id: number; xs: Float32Array; t: number }
  /**
   * log p_θ(x) at the points by the probability-flow ODE on the learned ε-model's score, for the model's own
   * process (`process` must be it). Replies `likelihood`.
   */
  | {
      type: 'likelihood';
      id: number;
      process: ProcessSpec;
      xs: number[];
      steps: number;
      solver: OdeSolver;
    }
  /** Replies `status`. */
  | { type: 'status'; id: number };

export type RequestType = WorkerRequest['type'];

// ---------------------------------------------------------------------------------------------------------------
// Events

/**
 * empty: no model yet; idle: a model, not training; playing: training continuously; running: training towards a
 * target (step or runToEnd); diverged: stopped by a NaN or exploding loss until reset/configure/load.
 */
export type RunStatus = 'empty' | 'idle' | 'playing' | 'running' | 'diverged';

export interface BackendEvent {
  type: 'backend';
  replyTo?: number;
  name: BackendName;
  reason: string;
  /** Sentences for notices: every backend that was passed over or failed (or a lost GPU device). */
  fallbacks: string[];
}

export interface StatusEvent {
  type: 'status';
  replyTo?: number;
  status: RunStatus;
  step: number;
  config: TrainConfig | null;
  /** Which training set of the seed is in use (0 = first; regenerateData counts up). */
  dataGeneration: number;
  /** The speed set by setSpeed: at most this many steps per second, or null for as fast as possible. */
  speedLimit: number | null;
  /** How often a playing run broadcasts an evaluation. */
  evalEveryMs: number;
  /** The backend in use, or null before init. */
  backend: BackendName | null;
}

export interface ProgressEvent {
  type: 'progress';
  replyTo?: number;
  step: number;
  /** Mean loss over the last 50 steps (null before the first step). */
  loss: number | null;
  /** The whole run's loss curve, at most 500 evenly spaced points. */
  lossHistory: LossCurve;
  /** Training speed over the last ~2 s of training (0 when not training). */
  stepsPerSec: number;
}

export interface EvaluationEvent extends Evaluation {
  type: 'evaluation';
  replyTo?: number;
  step: number;
  /** Fisher divergence per level at step 0 of this run (null for a loaded model). */
  fisherAtStart: number[] | null;
  /** The objective's loss of the trained weights on a fixed held-out batch of fresh samples (null: ε-model). */
  heldOutLoss: number | null;
  /** The objective of the evaluated run (losses of different objectives are different quantities). */
  objective: TrainConfig['objective'];
}

export interface DivergedEvent {
  type: 'diverged';
  replyTo?: number;
  step: number;
  reason: string;
}

export interface ErrorEvent {
  type: 'error';
  replyTo?: number;
  message: string;
}

export interface SavedEvent {
  type: 'saved';
  replyTo?: number;
  json: string;
}

export interface LoadedEvent {
  type: 'loaded';
  replyTo?: number;
  config: TrainConfig;
  step: number;
}

export interface ScoresEvent {
  type: 'scores';
  replyTo?: number;
  scores: Float32Array;
  /** The σ the network was evaluated at. */
  sigma: number;
}

export interface EpsEvent {
  type: 'eps';
  replyTo?: number;
  eps: Float32Array;
  t: number;
}

export interface LikelihoodEvent {
  type: 'likelihood';
  replyTo?: number;
  /** log p_θ at each point, in nats. */
  logp: number[];
}

/** The train page's figures (CONTRACT.md), as runToEnd reports them. */
export interface TrainMetrics {
  step: number;
  loss: number | null;
  lossHistory: LossCurve;
  sigmas: number[];
  fisher: number[];
  meanFisher: number;
  fisherAtStart: number[] | null;
  /** Steps per second over the whole run. */
  stepsPerSec: number;
  /** Wall time of the run in seconds. */
  seconds: number;
  backend: BackendName | null;
  /** Set when the run stopped early because it diverged: the reason. */
  diverged?: string;
}

export interface RunResultEvent {
  type: 'runResult';
  replyTo?: number;
  metrics: TrainMetrics;
}

export type WorkerEvent =
  | BackendEvent
  | StatusEvent
  | ProgressEvent
  | EvaluationEvent
  | DivergedEvent
  | ErrorEvent
  | SavedEvent
  | LoadedEvent
  | ScoresEvent
  | EpsEvent
  | LikelihoodEvent
  | RunResultEvent;

export type EventType = WorkerEvent['type'];

/** The event that answers each request. */
export interface ReplyMap {
  init: BackendEvent;
  configure: StatusEvent;
  undo: StatusEvent;
  play: StatusEvent;
  pause: StatusEvent;
  step: StatusEvent;
  reset: StatusEvent;
  setSpeed: StatusEvent;
  regenerateData: StatusEvent;
  evaluate: EvaluationEvent;
  runToEnd: RunResultEvent;
  save: SavedEvent;
  load: LoadedEvent;
  scoreAt: ScoresEvent;
  epsAt: EpsEvent;
  likelihood: LikelihoodEvent;
  status: StatusEvent;
}

/** The training worker as rpc.ts describes a worker: its requests, their replies and its events. */
export interface TrainerApi {
  request: WorkerRequest;
  event: WorkerEvent;
  replies: ReplyMap;
}
