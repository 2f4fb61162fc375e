/**
 * The typed messages between a sampling page and the sampler worker (samplerEntry.ts).
 *
 * The worker is driven by requests: it never steps on its own. The page asks for `advance` (a bounded number of
 * steps within a time budget) whenever it wants a new frame, so pausing is simply not asking, and the page's
 * animation loop decides the pace. Every reply carries only what the page draws (histogram counts, a few
 * tracked paths, mode weights, per-level snapshots, metrics): never the particles themselves.
 *
 * As in protocol.ts, requests carry an `id` and the event answering one carries `replyTo`; an `error` with that
 * `replyTo` rejects the request. Frames carry the `runId` of the configure that made their run, so the page can
 * drop a late frame of a run it has replaced.
 */
import type { BackendName, BackendRequest } from '../engine/tf/backend';
import type { TrainConfig } from '../engine/training/config';
import type {
  EngineName,
  SamplerKind,
  SamplingSpec,
  TrackRecords,
  WeightRecord,
} from '../engine/tf/sampling';
import type { HistogramRange, HistogramView, RunMetrics, SamplerState } from '../engine/sampling';
import type { DiffusionJob, JobProgress, JobResult } from '../engine/diffusion/job';
import type { StepsCurve } from '../engine/flow/learnedSteps';
import type { Component } from '../engine/mixture';
import type { ReflowOutcome } from './reflow';

export type {
  BackendName,
  BackendRequest,
  EngineName,
  HistogramView,
  SamplerKind,
  SamplingSpec,
  TrackRecords,
  WeightRecord,
};

export type ScoreSource = 'exact' | 'learned';

/** A run as the page asks for it: the engine's spec (plain or annealed) and where the score comes from. */
export type SamplerConfig = SamplingSpec & {
  score: ScoreSource;
  backend: BackendRequest;
  /** Range and bins of the main histogram. */
  histogramRange: HistogramRange;
};

// ---------------------------------------------------------------------------------------------------------------
// Requests

export type SamplerRequest =
  /** A new run at step 0 (learned: needs loadModel first). Replies `frame` (fresh). */
  | { type: 'configure'; id: number; config: SamplerConfig }
  /** The trained model to use for learned runs (a model file's JSON). Replies `model`. */
  | { type: 'loadModel'; id: number; json: string }
  /**
   * Up to `steps` more steps, stopping after about `budgetMs` of stepping. Replies `frame`.
   * At the end of the run (or after a divergence) it takes no steps and replies the final frame again.
   */
  | { type: 'advance'; id: number; steps: number; budgetMs: number }
  /** Back to step 0 of the same run. Replies `frame` (fresh). */
  | { type: 'reset'; id: number }
  /** From step 0 to the end at full speed. Replies `result`. */
  | { type: 'runToEnd'; id: number }
  /**
   * A diffusion sampler on the loaded ε-model (s = −ε_θ/s(t)), on `backend`, to its end; broadcasts
   * `diffusionProgress` (with `job` = this id) on the way and replies `diffusionResult` (result null when a newer
   * job replaced it). The learned-score sampling of every page happens here, on the model loadModel copied in.
   */
  | { type: 'sampleDiffusion'; id: number; job: DiffusionJob; backend: BackendRequest }
  /**
   * W1 against the number of steps on the learned fields (engine/flow/learnedSteps.ts): flow matching's ODE on
   * the loaded velocity model, and the VP probability-flow ODE on the last VP ε-model loaded (kept when a model
   * of another kind is loaded after it), each only when that model was trained on `mixture`. Replies
   * `learnedSteps` (curves null when a newer request of this type replaced it).
   */
  | { type: 'learnedSteps'; id: number; request: LearnedStepsRequest; backend: BackendRequest }
  /**
   * One round of reflow on the loaded velocity model (worker/reflow.ts): broadcasts `reflowProgress` (with `job` =
   * this id) and replies `reflow` (outcome null when a newer reflow request replaced it).
   */
  | { type: 'reflow'; id: number; request: ReflowRequest; backend: BackendRequest };

export interface ReflowRequest extends LearnedStepsRequest {
  /** (noise, sample) pairs integrated on the learned ODE, and the Heun steps that integrate them. */
  pairs: number;
  pairSteps: number;
  /** Adam steps of the copy on those pairs. */
  trainSteps: number;
}

export interface LearnedStepsRequest {
  mixture: Component[];
  seed: number;
  n: number;
  stepCounts: number[];
}

export type SamplerRequestType = SamplerRequest['type'];

// ---------------------------------------------------------------------------------------------------------------
// Frames

export interface SnapshotView {
  /** 0-based level. */
  level: number;
  sigma: number;
  stepSize: number;
  step: number;
  histogram: HistogramView;
}

/** CONTRACT.md's sampling fields (`level` 1-based, annealed only) and how they were computed. */
export interface SamplerMetrics extends RunMetrics {
  /** Particles the figures were computed on: all (final) or a strided subsample (live, while running). */
  sample: number;
  final: boolean;
}

export interface SamplerFrame {
  runId: number;
  /** The first frame of a run (after configure or reset): the page starts its accumulations afresh. */
  fresh: boolean;
  state: SamplerState;
  /** The σ the score was evaluated at in the current level (a learned plain-Langevin run: the model's σ_min). */
  sigmaUsed: number | null;
  histogram: HistogramView;
  /** Tracked paths since the previous frame. */
  tracks: TrackRecords;
  /** Mode weights since the previous frame. */
  weights: WeightRecord[];
  /** End-of-level histograms since the previous frame. */
  snapshots: SnapshotView[];
  /** Recomputed at most every ~200 ms while running, and once in full at the end; null when not recomputed. */
  metrics: SamplerMetrics | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Events

export interface EngineEvent {
  type: 'engine';
  replyTo?: number;
  /** The tensor backend in use, or null when none is needed (the exact score in plain JavaScript). */
  backend: BackendName | null;
  backendReason: string;
  /** Sentences for notices: backends passed over or failed. */
  fallbacks: string[];
  engine: EngineName;
  engineReason: string;
}

export interface FrameEvent {
  type: 'frame';
  replyTo?: number;
  frame: SamplerFrame;
}

export interface ResultEvent {
  type: 'result';
  replyTo?: number;
  frame: SamplerFrame;
  metrics: SamplerMetrics;
  /** Particle updates per second of stepping over the whole run. */
  particleStepsPerSec: number;
  /** Wall time of the run, metrics included. */
  seconds: number;
}

/** What the worker knows about the model it holds. */
export interface ModelSummary {
  config: TrainConfig;
  step: number;
}

export interface ModelEvent {
  type: 'model';
  replyTo?: number;
  model: ModelSummary;
}

export interface SamplerErrorEvent {
  type: 'error';
  replyTo?: number;
  message: string;
}

/** Progress of a sampleDiffusion job (a broadcast: it carries the job's id, not replyTo). */
export interface DiffusionProgressEvent extends JobProgress {
  type: 'diffusionProgress';
  replyTo?: undefined;
  job: number;
}

export interface DiffusionResultEvent {
  type: 'diffusionResult';
  replyTo?: number;
  result: JobResult | null;
}

export interface LearnedStepsEvent {
  type: 'learnedSteps';
  replyTo?: number;
  curves: StepsCurve[] | null;
  /** Which learned fields the worker held for the mixture (their curves are in `curves`). */
  models: { fm: boolean; vp: boolean };
}

export interface ReflowProgressEvent {
  type: 'reflowProgress';
  replyTo?: undefined;
  job: number;
  step: number;
  total: number;
}

export interface ReflowEvent {
  type: 'reflow';
  replyTo?: number;
  outcome: ReflowOutcome | null;
}

export type SamplerEvent =
  | EngineEvent
  | FrameEvent
  | ResultEvent
  | ModelEvent
  | SamplerErrorEvent
  | DiffusionProgressEvent
  | DiffusionResultEvent
  | LearnedStepsEvent
  | ReflowProgressEvent
  | ReflowEvent;
export type SamplerEventType = SamplerEvent['type'];

export interface SamplerReplyMap {
  configure: FrameEvent;
  loadModel: ModelEvent;
  advance: FrameEvent;
  reset: FrameEvent;
  runToEnd: ResultEvent;
  sampleDiffusion: DiffusionResultEvent;
  learnedSteps: LearnedStepsEvent;
  reflow: ReflowEvent;
}

/** The sampler worker as rpc.ts describes a worker: its requests, their replies and its events. */
export interface SamplerApi {
  request: SamplerRequest;
  event: SamplerEvent;
  replies: SamplerReplyMap;
}
