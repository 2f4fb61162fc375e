/**
 * The training session as the UI sees it: the run mode (one union, never a bag of booleans), the latest
 * progress and evaluation from the worker, and the backend in use. The worker pushes events; this store only
 * mirrors them, so figures re-render at the worker's pace, never the other way round.
 */
import { create } from 'zustand';
import type {
  EvaluationEvent,
  ProgressEvent,
  RunStatus,
  TrainConfig,
  TrainMetrics,
} from '../worker/protocol';
import { sharedTrainerClient, type TrainerClient } from '../worker/client';
import { useAppStore } from './appStore';
import { lowerFirst } from './readerMessage';

export type TrainMode =
  | { kind: 'starting' }
  | { kind: 'ready'; status: Exclude<RunStatus, 'diverged'> }
  | { kind: 'diverged'; reason: string; step: number }
  | { kind: 'failed'; message: string };

interface TrainSessionState {
  mode: TrainMode;
  step: number;
  progress: ProgressEvent | null;
  evaluation: EvaluationEvent | null;
  /** The config the worker is training, as it last reported. */
  config: TrainConfig | null;
  lastRun: TrainMetrics | null;
}

export const useTrainSession = create<TrainSessionState>(() => ({
  mode: { kind: 'starting' },
  step: 0,
  progress: null,
  evaluation: null,
  config: null,
  lastRun: null,
}));

let connected: TrainerClient | null = null;

/** Subscribes the store to the shared worker's events (once per app). Returns the client. */
export function trainerClient(): TrainerClient {
  const client = sharedTrainerClient();
  if (connected === client) return client;
  connected = client;
  const set = useTrainSession.setState;
  client.subscribe((event) => {
    switch (event.type) {
      case 'backend':
        useAppStore.getState().setBackend({ name: event.name, reason: event.reason });
        for (const text of event.fallbacks) useAppStore.getState().addNotice(text, 'runtime', 'warning');
        break;
      case 'status': {
        const previous = useTrainSession.getState().mode;
        set({
          step: event.step,
          config: event.config,
          mode:
            event.status === 'diverged'
              ? previous.kind === 'diverged'
                ? previous
                : { kind: 'diverged', reason: 'the loss stopped being finite', step: event.step }
              : { kind: 'ready', status: event.status },
        });
        break;
      }
      case 'progress':
        set({ progress: event, step: event.step });
        break;
      case 'evaluation':
        set({ evaluation: event });
        break;
      case 'diverged':
        set({ mode: { kind: 'diverged', reason: event.reason, step: event.step }, step: event.step });
        // As on the sampling pages: the panel explains, the notice list records it (and notices() reports it).
        useAppStore.getState().addNotice(`Training stopped: ${lowerFirst(event.reason)}`, 'runtime', 'error');
        break;
      case 'runResult':
        set({ lastRun: event.metrics, step: event.metrics.step });
        break;
      case 'error':
        if (event.replyTo === undefined) useAppStore.getState().addNotice(event.message, 'runtime', 'error');
        break;
      default:
        break;
    }
  });
  return client;
}
