/**
 * Messages between the field2d page and the plane's training worker (the engine worker in its plane role,
 * planeEntry.ts), in rpc.ts's shape. One run at a time: a 2D mixture, a PlaneTrainConfig, and the grid on which
 * the page draws the learned field.
 */
import type { BackendName, BackendRequest } from '../engine/tf/backend';
import type { Mixture2 } from '../engine/plane/mixture2';
import type { PlaneParam } from '../engine/plane/planeModel';
import type { PlaneTrainConfig } from '../engine/plane/trainConfig2';
import type { DimCost } from '../engine/tf/plane/dimCost';
import type { GridSpec2 } from '../engine/tf/plane/field2';

/** The learned field's grid and the σ it is evaluated at (the page's σ). */
export interface PlaneView {
  grid: GridSpec2;
  sigma: number;
}

export type PlaneRequest =
  /** Starts a tensor backend (auto: WebGPU on a hardware adapter, else wasm). Replies `backend`. */
  | { type: 'init'; id: number; backend: BackendRequest }
  /**
   * The run to train. The same network shape and seed keep the weights and the step (Adam starts afresh);
   * anything else starts a new network at step 0. Replies `status` (`kept` says which happened).
   */
  | { type: 'configure'; id: number; config: PlaneTrainConfig; mixture: Mixture2; view: PlaneView }
  /** Where the learned field is drawn; replies `progress` with the field there. */
  | { type: 'view'; id: number; view: PlaneView }
  /** Train until paused. Replies `status`. */
  | { type: 'play'; id: number }
  | { type: 'pause'; id: number }
  /** Train `steps` more steps (at most `target` in all when given), then reply `status`. */
  | { type: 'step'; id: number; steps: number; target?: number }
  /** Back to step 0 with the seed's initial weights. Replies `status`. */
  | { type: 'reset'; id: number }
  /** Times ISM and SSM steps in each dimension: a `dimCost` event per D, the last one the reply. */
  | { type: 'dimCost'; id: number; dims: number[] };

export type PlaneRunStatus = 'empty' | 'idle' | 'playing' | 'running';

export interface PlaneStatusEvent {
  type: 'status';
  replyTo?: number;
  status: PlaneRunStatus;
  step: number;
  /** On a configure reply: whether the weights were kept (false: a new network at step 0). */
  kept?: boolean;
  /** The step the previous run had reached when a configure replaced it. */
  previousStep?: number;
}

export interface PlaneProgressEvent {
  type: 'progress';
  replyTo?: number;
  step: number;
  /** The losses of the steps since the last progress, at steps `fromStep + 1 …`. */
  fromStep: number;
  losses: Float32Array;
  stepsPerSec: number;
  /** s_θ on the view's grid at its σ (row-major, as the hook's grid). */
  learned: { scoreX: Float32Array; scoreY: Float32Array; sigma: number };
  /** The Fisher divergence per trained level, when it was measured with this progress. */
  fisher?: { sigmas: number[]; fisher: number[]; stderr: number[] };
  /** The averaged weights (what field2d publishes for sampling2d). */
  params: PlaneParam[];
}

export type PlaneEvent =
  | { type: 'backend'; replyTo?: number; name: BackendName; reason: string; fallbacks: string[] }
  | PlaneStatusEvent
  | PlaneProgressEvent
  | ({ type: 'dimCost'; replyTo?: number; job: number } & DimCost)
  | { type: 'error'; replyTo?: number; message: string };

type EventOf<T extends PlaneEvent['type']> = Extract<PlaneEvent, { type: T }>;

export interface PlaneApi {
  request: PlaneRequest;
  event: PlaneEvent;
  replies: {
    init: EventOf<'backend'>;
    configure: PlaneStatusEvent;
    view: PlaneProgressEvent;
    play: PlaneStatusEvent;
    pause: PlaneStatusEvent;
    step: PlaneStatusEvent;
    reset: PlaneStatusEvent;
    dimCost: EventOf<'dimCost'>;
  };
}
