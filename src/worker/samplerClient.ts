/**
 * The page's handle on the sampler worker: typed requests that return promises of their replies, and a
 * subscription to every event (engine changes, frames, results).
 *
 * One sampler worker serves both sampling pages (sharedSamplerClient); it keeps the loaded model between them.
 */
import type {
  SamplerConfig,
  SamplerEvent,
  SamplerEventType,
  SamplerReplyMap,
  SamplerRequest,
  SamplerRequestBody,
  SamplerRequestType,
} from './samplerProtocol';

/** What the client needs of a Worker (tests pass an in-process stand-in). */
export interface SamplerWorkerLike {
  postMessage(message: SamplerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SamplerEvent>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent | Event) => void): void;
  terminate(): void;
}

type Listener = (event: SamplerEvent) => void;

interface Pending {
  resolve: (event: SamplerEvent) => void;
  reject: (error: Error) => void;
}

export function createSamplerWorker(): Worker {
  return new Worker(new URL('./sampler.worker.ts', import.meta.url), {
    type: 'module',
    name: 'score-lab-sampler',
  });
}

export class SamplerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly worker: SamplerWorkerLike = createSamplerWorker()) {
    worker.addEventListener('message', (event: MessageEvent<SamplerEvent>) => this.receive(event.data));
    worker.addEventListener('error', (event: ErrorEvent | Event) => {
      const text = 'message' in event && event.message ? event.message : 'the sampler worker failed to start';
      const error = new Error(`Sampler worker error: ${text}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      this.emit({ type: 'error', message: error.message });
    });
  }

  private receive(event: SamplerEvent): void {
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

  private emit(event: SamplerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  request<T extends SamplerRequestType>(body: SamplerRequestBody<T>): Promise<SamplerReplyMap[T]> {
    const id = this.nextId++;
    return new Promise<SamplerReplyMap[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (event: SamplerEvent) => void, reject });
      this.worker.postMessage({ ...body, id } as SamplerRequest);
    });
  }

  /** Every event the worker sends (replies included). Returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<T extends SamplerEventType>(
    type: T,
    listener: (event: Extract<SamplerEvent, { type: T }>) => void,
  ): () => void {
    return this.subscribe((event) => {
      if (event.type === type) listener(event as Extract<SamplerEvent, { type: T }>);
    });
  }

  configure(config: SamplerConfig) {
    return this.request<'configure'>({ type: 'configure', config });
  }
  loadModel(json: string) {
    return this.request<'loadModel'>({ type: 'loadModel', json });
  }
  advance(steps: number, budgetMs: number) {
    return this.request<'advance'>({ type: 'advance', steps, budgetMs });
  }
  reset() {
    return this.request<'reset'>({ type: 'reset' });
  }
  runToEnd() {
    return this.request<'runToEnd'>({ type: 'runToEnd' });
  }

  terminate(): void {
    for (const p of this.pending.values()) p.reject(new Error('The sampler worker was stopped.'));
    this.pending.clear();
    this.worker.terminate();
  }
}

let shared: SamplerClient | null = null;

/** The app's one sampler worker, started on first use. */
export function sharedSamplerClient(): SamplerClient {
  shared ??= new SamplerClient();
  return shared;
}
