/**
 * A worker stand-in for Node tests: it runs a service in process and passes messages as a worker would, each
 * structured-cloned and delivered as a separate task (setImmediate). rpc.ts's RpcClient drives it unchanged.
 */
import type { RpcWorker, Service, ServiceHost } from '../../src/worker/rpc';

export class InProcessWorker<Request, Event> implements RpcWorker<Request, Event> {
  private readonly listeners: ((event: MessageEvent<Event>) => void)[] = [];
  private readonly service: Service<Request> & { dispose?(): void };

  constructor(start: (host: ServiceHost<Event>) => Service<Request> & { dispose?(): void }) {
    this.service = start({
      post: (event) => {
        const copy = structuredClone(event);
        setImmediate(() => this.listeners.forEach((l) => l({ data: copy } as MessageEvent<Event>)));
      },
      yieldThen: (fn) => setImmediate(fn),
      yieldTurn: () => new Promise((resolve) => setImmediate(resolve)),
    });
  }

  postMessage(message: Request): void {
    const copy = structuredClone(message);
    setImmediate(() => this.service.handle(copy));
  }

  addEventListener(type: 'message' | 'error', listener: (event: never) => void): void {
    if (type === 'message') this.listeners.push(listener as (event: MessageEvent<Event>) => void);
  }

  terminate(): void {
    this.service.dispose?.();
  }
}
