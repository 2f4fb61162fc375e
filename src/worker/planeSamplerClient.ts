/**
 * The page's handles on the plane sampler workers, each started on first use:
 * - on the exact score, planeSampler.worker.ts: no tensor library, so an exact run loads none;
 * - with a trained network, the engine worker's learned-sampler role (planeSamplerEntry.ts), which evaluates the
 *   network with TensorFlow.js on wasm and shares the one bundled copy of it with the other tensor workers.
 * Both serve the same PlaneSamplerService, so the page drives either the same way.
 */
import type { PlaneRunConfig } from '../engine/plane';
import type { PlaneSamplerApi } from './planeSamplerProtocol';
import { RpcClient, type RpcWorker } from './rpc';
import { PLANE_SAMPLER_WORKER_NAME } from './workerNames';

export class PlaneSamplerClient extends RpcClient<PlaneSamplerApi> {
  constructor(worker: RpcWorker<PlaneSamplerApi['request'], PlaneSamplerApi['event']>, name: string) {
    super(worker, name);
  }

  /** Starts a new run; the reply (its first frame, with read-outs) names the run by this request's id. */
  start(config: PlaneRunConfig) {
    return this.request<'start'>({ type: 'start', config });
  }

  advance(run: number, steps: number, budgetMs: number, metrics: boolean) {
    return this.request<'advance'>({ type: 'advance', run, steps, budgetMs, metrics });
  }
}

let exact: PlaneSamplerClient | null = null;
let learned: PlaneSamplerClient | null = null;

/** The worker for a run on the exact score (`learned` false) or on a trained network (`learned` true). */
export function planeSamplerClient(forLearned: boolean): PlaneSamplerClient {
  if (forLearned) {
    learned ??= new PlaneSamplerClient(
      new Worker(new URL('./engine.worker.ts', import.meta.url), {
        type: 'module',
        name: PLANE_SAMPLER_WORKER_NAME,
      }),
      'learned plane sampler worker',
    );
    return learned;
  }
  exact ??= new PlaneSamplerClient(
    new Worker(new URL('./planeSampler.worker.ts', import.meta.url), {
      type: 'module',
      name: 'score-lab-plane',
    }),
    'plane sampler worker',
  );
  return exact;
}
