/** Messages between the sampling2d page and its plane sampler worker (planeSampler.worker.ts). */
import type { PlaneCloudMetrics, PlaneRunConfig, PlaneStage, PlaneTracks } from '../engine/plane';

/**
 * Requests in rpc.ts's shape. A `start` request's id names the run it starts; `advance` takes up to `steps` more
 * steps of run `run`, stopping early once `budgetMs` of stepping is spent, and measures the read-outs when
 * `metrics` is set (sliced W1 costs about a quarter second: too dear for every frame).
 */
export type PlaneSamplerRequest =
  | { type: 'start'; id: number; config: PlaneRunConfig }
  | { type: 'advance'; id: number; run: number; steps: number; budgetMs: number; metrics: boolean };

export interface PlaneSamplerFrame {
  /** The run this frame belongs to (the id of its `start`). */
  run: number;
  /** Interleaved positions [x₀, y₀, x₁, y₁, …] as Float32 (transferred, not copied, to the page). */
  positions: Float32Array;
  stage: PlaneStage;
  tracks: PlaneTracks;
  metrics: PlaneCloudMetrics | null;
  /**
   * How the learned run's network is evaluated (e.g. "TensorFlow.js on wasm with SIMD, 1 thread", or plain
   * JavaScript and why); null on the exact score.
   */
  scoreEngine: string | null;
  /** Particle updates per second of stepping over the run so far (one particle, one step = one update). */
  particleStepsPerSec: number;
  /** Milliseconds the worker spent on this request. */
  ms: number;
}

export type PlaneSamplerEvent =
  | ({ type: 'frame'; replyTo: number } & PlaneSamplerFrame)
  | { type: 'error'; replyTo?: number; message: string };

export interface PlaneSamplerApi {
  request: PlaneSamplerRequest;
  event: PlaneSamplerEvent;
  replies: {
    start: Extract<PlaneSamplerEvent, { type: 'frame' }>;
    advance: Extract<PlaneSamplerEvent, { type: 'frame' }>;
  };
}
