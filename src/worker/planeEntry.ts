/**
 * The plane role of the engine worker (engine.worker.ts starts it when the worker is named PLANE_WORKER_NAME):
 * serve() wires messages to a PlaneService; all logic lives there. A role of the one tensor worker script rather
 * than a script of its own, so the bundle keeps one copy of TensorFlow.js.
 */
import type { PlaneApi } from './planeProtocol';
import { PlaneService } from './planeService';
import { serve } from './rpc';

export function startPlane(scope: DedicatedWorkerGlobalScope): void {
  serve<PlaneApi>(scope, (host) => new PlaneService(host));
}
