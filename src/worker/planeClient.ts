/** The field2d page's handle on the plane training worker (the engine worker in its plane role). */
import type { BackendRequest } from '../engine/tf/backend';
import type { Mixture2 } from '../engine/plane/mixture2';
import type { PlaneTrainConfig } from '../engine/plane/trainConfig2';
import type { PlaneApi, PlaneView } from './planeProtocol';
import { RpcClient } from './rpc';
import { PLANE_WORKER_NAME } from './workerNames';

export class PlaneClient extends RpcClient<PlaneApi> {
  constructor() {
    super(
      new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: PLANE_WORKER_NAME }),
      'plane training worker',
    );
  }

  init(backend: BackendRequest) {
    return this.request<'init'>({ type: 'init', backend });
  }

  configure(config: PlaneTrainConfig, mixture: Mixture2, view: PlaneView) {
    return this.request<'configure'>({ type: 'configure', config, mixture, view });
  }

  view(view: PlaneView) {
    return this.request<'view'>({ type: 'view', view });
  }

  play() {
    return this.request<'play'>({ type: 'play' });
  }

  pause() {
    return this.request<'pause'>({ type: 'pause' });
  }

  step(steps: number, target?: number) {
    return this.request<'step'>({ type: 'step', steps, target });
  }

  reset() {
    return this.request<'reset'>({ type: 'reset' });
  }

  /** Starts a timing job; its `dimCost` events carry `job` = the returned id. */
  dimCost(dims: number[]) {
    return this.send<'dimCost'>({ type: 'dimCost', dims });
  }
}
