/** The page's handle on the plane sampler worker (planeSampler.worker.ts). One worker for the app, started on first use. */
import type { PlaneRunConfig } from '../engine/plane';
import type { PlaneSamplerApi } from './planeSamplerProtocol';
import { RpcClient } from './rpc';

export class PlaneSamplerClient extends RpcClient<PlaneSamplerApi> {
  constructor() {
    super(
      new Worker(new URL('./planeSampler.worker.ts', import.meta.url), {
        type: 'module',
        name: 'score-lab-plane',
      }),
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

let shared: PlaneSamplerClient | null = null;

export function planeSamplerClient(): PlaneSamplerClient {
  shared ??= new PlaneSamplerClient();
  return shared;
}
