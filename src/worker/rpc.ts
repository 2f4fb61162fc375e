/**
 * The app's one way to talk to a worker: RpcClient on the page side, serve() on the worker side. Each worker is described by a
 * WorkerApi: its requests (a union tagged by `type`), the event that answers each request type, and every event it
 * sends. Each request carries an id; the event that answers it carries `replyTo` = that id (an `error` event
 * rejects instead); every event, replies included, also goes to the subscribers. The concrete clients
 * (TrainerClient, SamplerClient, DiffusionClient) only add named methods over `request`.
 *
 * Why this and not comlink: the workers are state machines whose replies are also broadcasts (a `status` answers
 * `pause` and tells every subscriber), some requests are answered long after later ones (`step` replies when its
 * target is reached; a newer `run` supersedes an older one), and Node tests drive the services in process through
 * the same client. Plain tagged messages keep all of that typed and visible, in ~100 lines and no new package.
 */

/** A worker as the page sees it (`replies` is keyed by request type). */
export interface WorkerApi {
  request: { type: string; id: number };
  event: { type: string; replyTo?: number };
  replies: object;
}

/** A request as the caller writes it: the client adds the id. */
export type RequestBody<Api extends WorkerApi, T extends Api['request']['type']> = T extends unknown
  ? Omit<Extract<Api['request'], { type: T }>, 'id'>
  : never;

type ReplyOf<Api extends WorkerApi, T> = T extends keyof Api['replies'] ? Api['replies'][T] : never;

/** What a client needs of a Worker (tests pass an in-process stand-in). */
export interface RpcWorker<Request, Event> {
  postMessage(message: Request, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Event>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent | globalThis.Event) => void): void;
  terminate(): void;
}

interface Pending<Event> {
  resolve: (event: Event) => void;
  reject: (error: Error) => void;
}

export class RpcClient<Api extends WorkerApi> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Api['event']>>();
  private readonly listeners = new Set<(event: Api['event']) => void>();

  /** `name` appears in error messages, e.g. "training worker". */
  constructor(
    private readonly worker: RpcWorker<Api['request'], Api['event']>,
    private readonly name: string,
  ) {
    worker.addEventListener('message', (event: MessageEvent<Api['event']>) => this.receive(event.data));
    worker.addEventListener('error', (event: ErrorEvent | globalThis.Event) => {
      const text = 'message' in event && event.message ? event.message : `the ${name} failed to start`;
      const message = `${name[0].toUpperCase()}${name.slice(1)} error: ${text}`;
      this.rejectAll(new Error(message));
      this.emit({ type: 'error', message } as unknown as Api['event']);
    });
  }

  private receive(event: Api['event']): void {
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

  private emit(event: Api['event']): void {
    for (const listener of this.listeners) listener(event);
  }

  private rejectAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  /** Sends a request (the id is added here); resolves with the event that answers it. */
  request<T extends Api['request']['type']>(
    body: RequestBody<Api, T>,
    transfer: Transferable[] = [],
  ): Promise<ReplyOf<Api, T>> {
    return this.send<T>(body, transfer).reply;
  }

  /** request() that also tells the id it sent, for events that name their request (e.g. a job's progress). */
  protected send<T extends Api['request']['type']>(
    body: RequestBody<Api, T>,
    transfer: Transferable[] = [],
  ): { id: number; reply: Promise<ReplyOf<Api, T>> } {
    const id = this.nextId++;
    const reply = new Promise<ReplyOf<Api, T>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (event: Api['event']) => void, reject });
      this.worker.postMessage({ ...body, id } as unknown as Api['request'], transfer);
    });
    return { id, reply };
  }

  /** Every event the worker sends (replies included). Returns the unsubscribe. */
  subscribe(listener: (event: Api['event']) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events of one type only. */
  on<T extends Api['event']['type']>(
    type: T,
    listener: (event: Extract<Api['event'], { type: T }>) => void,
  ): () => void {
    return this.subscribe((event) => {
      if (event.type === type) listener(event as Extract<Api['event'], { type: T }>);
    });
  }

  terminate(): void {
    this.rejectAll(new Error(`The ${this.name} was stopped.`));
    this.worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Worker side

/** What serve() gives a worker's service: a way to send events, and task turns. */
export interface ServiceHost<Event> {
  post(event: Event, transfer?: Transferable[]): void;
  /** Calls fn in a new task, after the messages already waiting. */
  yieldThen(fn: () => void): void;
  /** The same as a promise. */
  yieldTurn(): Promise<void>;
}

/** The error event every worker API includes: it rejects the request it answers. */
export interface ErrorReply {
  type: 'error';
  replyTo?: number;
  message: string;
}

/** Runs `answer` for request `id`; anything it throws is sent as the `error` event answering that request. */
export function answerOrError<Event>(
  host: ServiceHost<Event | ErrorReply>,
  id: number,
  answer: () => void,
): void {
  try {
    answer();
  } catch (error) {
    host.post({
      type: 'error',
      replyTo: id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** A worker's logic: a plain object with no Worker API in it, so Node tests drive it directly. */
export interface Service<Request> {
  handle(request: Request): void;
}

/**
 * Wires a worker's messages to a service made by `start`. A task turn is a MessageChannel message: it runs as a new
 * task after the messages already queued, without the ≥ 4 ms clamp that nested setTimeout(0) gets, so a long job
 * that yields between chunks sees a newer request at once.
 */
export function serve<Api extends WorkerApi>(
  scope: DedicatedWorkerGlobalScope,
  start: (host: ServiceHost<Api['event']>) => Service<Api['request']>,
): void {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  const yieldThen = (fn: () => void): void => {
    waiting.push(fn);
    channel.port2.postMessage(null);
  };
  const service = start({
    post: (event, transfer) => scope.postMessage(event, transfer ?? []),
    yieldThen,
    yieldTurn: () => new Promise<void>((resolve) => yieldThen(resolve)),
  });
  scope.onmessage = (event: MessageEvent<Api['request']>) => service.handle(event.data);
}
