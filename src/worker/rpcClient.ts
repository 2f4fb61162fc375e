/**
 * Request/reply plumbing shared by the app's worker clients: each request carries an id, the worker's event that
 * answers it carries `replyTo` = that id (an `error` event rejects instead), and every event also goes to the
 * subscribers. The concrete clients add typed methods for their own protocol.
 */

/** What a client needs of a Worker (tests pass an in-process stand-in). */
export interface RpcWorker<Request, Event> {
  postMessage(message: Request, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Event>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent | globalThis.Event) => void): void;
  terminate(): void;
}

interface RpcEvent {
  type: string;
  replyTo?: number;
}

interface Pending<Event> {
  resolve: (event: Event) => void;
  reject: (error: Error) => void;
}

export class RpcClient<Request extends { id: number }, Event extends RpcEvent> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Event>>();
  private readonly listeners = new Set<(event: Event) => void>();

  /** `name` appears in error messages, e.g. "training worker". */
  constructor(
    private readonly worker: RpcWorker<Request, Event>,
    private readonly name: string,
  ) {
    worker.addEventListener('message', (event: MessageEvent<Event>) => this.receive(event.data));
    worker.addEventListener('error', (event: ErrorEvent | globalThis.Event) => {
      const text = 'message' in event && event.message ? event.message : `the ${name} failed to start`;
      const message = `${name[0].toUpperCase()}${name.slice(1)} error: ${text}`;
      this.rejectAll(new Error(message));
      this.emit({ type: 'error', message } as unknown as Event);
    });
  }

  private receive(event: Event): void {
    if (event.replyTo !== undefined) {
      const waiting = this.pending.get(event.replyTo);
      if (waiting) {
        this.pending.delete(event.replyTo);
        if (event.type === 'error')
          waiting.reject(new Error((event as unknown as { message: string }).message));
        else waiting.resolve(event);
      }
    }
    this.emit(event);
  }

  private emit(event: Event): void {
    for (const listener of this.listeners) listener(event);
  }

  private rejectAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  /** Sends a request (the id is added here); resolves with the event that answers it. */
  protected send<Reply>(body: Omit<Request, 'id'>, transfer: Transferable[] = []): Promise<Reply> {
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as unknown as (event: Event) => void, reject });
      this.worker.postMessage({ ...body, id } as Request, transfer);
    });
  }

  /** Every event the worker sends (replies included). Returns the unsubscribe. */
  subscribe(listener: (event: Event) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events of one type only. */
  on<T extends Event['type']>(type: T, listener: (event: Extract<Event, { type: T }>) => void): () => void {
    return this.subscribe((event) => {
      if (event.type === type) listener(event as Extract<Event, { type: T }>);
    });
  }

  terminate(): void {
    this.rejectAll(new Error(`The ${this.name} was stopped.`));
    this.worker.terminate();
  }
}
