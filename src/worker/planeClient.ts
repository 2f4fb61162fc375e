/** The page's handle on the plane sampler worker (plane.worker.ts). One worker for the app, started on first use. */
import type { PlaneRunConfig } from '../engine/plane';
import type { PlaneApi } from './planeProtocol';
import { RpcClient } from './rpc';

export class PlaneClient extends RpcClient<PlaneApi> {
  constructor() {
    super(
      new Worker(new URL('./plane.worker.ts', import.meta.url), { type: 'module', name: 'score-lab-plane' }),
      'plane sampler worker',
    );
  }

  /** Starts a new run; the reply (its first frame, with read-outs) names the run by this request's id. */
  start(config: PlaneRunConfig) {
    return this.request<'start'>({ type: 'start', config });
  }

  advance(run: number, steps: number, budgetMs: number, metrics: boolean) {
    return this.request<'advance'>({ type: 'advance', run, steps, budgetMs, metrics });
  }
}

let shared: PlaneClient | null = null;

export function planeClient(): PlaneClient {
  shared ??= new PlaneClient();
  return shared;
}
