/**
 * The page's handle on the training worker: typed requests that return promises of their replies, and a
 * subscription to every event (progress, evaluations, divergence, backend notices).
 *
 * The worker keeps its model between pages, so one shared client (sharedTrainerClient) serves the whole app: the
 * train page trains, and the sampling pages later ask the same worker for learned scores (scoreAt).
 */
import type {
  BackendRequest,
  DiffusionJob,
  EventType,
  ReplyMap,
  RequestBody,
  RequestType,
  TrainConfig,
  WorkerEvent,
  WorkerRequest,
} from './protocol';

/** What the client needs of a Worker (tests pass an in-process stand-in). */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerEvent>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent | Event) => void): void;
  terminate(): void;
}

type Listener = (event: WorkerEvent) => void;

interface Pending {
  resolve: (event: WorkerEvent) => void;
  reject: (error: Error) => void;
}

export function createTrainerWorker(): Worker {
  return new Worker(new URL('./trainer.worker.ts', import.meta.url), {
    type: 'module',
    name: 'score-lab-trainer',
  });
}

export class TrainerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly worker: WorkerLike = createTrainerWorker()) {
    worker.addEventListener('message', (event: MessageEvent<WorkerEvent>) => this.receive(event.data));
    worker.addEventListener('error', (event: ErrorEvent | Event) => {
      const text =
        'message' in event && event.message ? event.message : 'the training worker failed to start';
      const error = new Error(`Training worker error: ${text}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      this.emit({ type: 'error', message: error.message });
    });
  }

  private receive(event: WorkerEvent): void {
    if (event.replyTo !== undefined) {
      const waiting = this.pending.get(event.replyTo);
      if (waiting) {
        this.pending.delete(event.replyTo);
        if (event.type === 'error') waiting.reject(new Error(event.message));
        else waiting.resolve(event);
      }
    }
    this.emit(event);
  }

  private emit(event: WorkerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Sends a request; resolves with its reply event, rejects with the worker's error message. */
  request<T extends RequestType>(body: RequestBody<T>, transfer: Transferable[] = []): Promise<ReplyMap[T]> {
    const id = this.nextId++;
    return new Promise<ReplyMap[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (event: WorkerEvent) => void, reject });
      this.worker.postMessage({ ...body, id } as WorkerRequest, transfer);
    });
  }

  /** Every event the worker sends (replies included). Returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events of one type only. */
  on<T extends EventType>(type: T, listener: (event: Extract<WorkerEvent, { type: T }>) => void): () => void {
    return this.subscribe((event) => {
      if (event.type === type) listener(event as Extract<WorkerEvent, { type: T }>);
    });
  }

  init(backend: BackendRequest) {
    return this.request<'init'>({ type: 'init', backend });
  }
  configure(config: TrainConfig) {
    return this.request<'configure'>({ type: 'configure', config });
  }
  play() {
    return this.request<'play'>({ type: 'play' });
  }
  pause() {
    return this.request<'pause'>({ type: 'pause' });
  }
  step(count = 1) {
    return this.request<'step'>({ type: 'step', count });
  }
  reset() {
    return this.request<'reset'>({ type: 'reset' });
  }
  setSpeed(stepsPerSec: number | null, evalEveryMs?: number) {
    return this.request<'setSpeed'>({ type: 'setSpeed', stepsPerSec, evalEveryMs });
  }
  regenerateData() {
    return this.request<'regenerateData'>({ type: 'regenerateData' });
  }
  evaluate(options: { level?: number; points?: number } = {}) {
    return this.request<'evaluate'>({ type: 'evaluate', ...options });
  }
  runToEnd(steps: number, fromScratch = true) {
    return this.request<'runToEnd'>({ type: 'runToEnd', steps, fromScratch });
  }
  save() {
    return this.request<'save'>({ type: 'save' });
  }
  load(json: string) {
    return this.request<'load'>({ type: 'load', json });
  }
  /**
   * s_θ(x, σ) at the points (the reply's scores are transferred, not copied). Pass transfer = true to hand the
   * xs buffer over too (it is then empty here), which saves a copy for large particle sets.
   */
  scoreAt(xs: Float32Array, sigma?: number, transfer = false) {
    return this.request<'scoreAt'>(
      { type: 'scoreAt', xs, sigma },
      transfer ? [xs.buffer as ArrayBuffer] : [],
    );
  }
  /** ε_θ(x, t) of a time-conditional ε-model. */
  epsAt(xs: Float32Array, t: number) {
    return this.request<'epsAt'>({ type: 'epsAt', xs, t });
  }
  /** A diffusion sampler on the learned ε-model, to its end (progress arrives as diffusionProgress events). */
  sampleDiffusion(job: DiffusionJob) {
    return this.request<'sampleDiffusion'>({ type: 'sampleDiffusion', job });
  }
  status() {
    return this.request<'status'>({ type: 'status' });
  }

  terminate(): void {
    for (const p of this.pending.values()) p.reject(new Error('The training worker was stopped.'));
    this.pending.clear();
    this.worker.terminate();
  }
}

let shared: TrainerClient | null = null;

/** The app's one training worker, started on first use. */
export function sharedTrainerClient(): TrainerClient {
  shared ??= new TrainerClient();
  return shared;
}
