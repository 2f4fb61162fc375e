/**
 * The training role of the engine worker (engine.worker.ts starts it when the worker is named TRAINER_WORKER_NAME):
 * serve() wires messages to a TrainingSession; all logic lives there.
 */
import type { TrainerApi } from './protocol';
import { serve } from './rpc';
import { TrainingSession } from './session';

export function startTrainer(scope: DedicatedWorkerGlobalScope): void {
  serve<TrainerApi>(scope, (host) => new TrainingSession(host));
}
