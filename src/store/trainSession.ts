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
import type { ParamValues } from './paramSpec';

export type TrainMode =
  | { kind: 'starting' }
  | { kind: 'ready'; status: Exclude<RunStatus, 'diverged'> }
  | { kind: 'diverged'; reason: string; step: number }
  | { kind: 'failed'; message: string };

/** One evaluation's Fisher divergences, for the curve over training time. */
export interface FisherPoint {
  step: number;
  /** Mean of D(σ_i) over the levels (what the run-status line shows). */
  mean: number;
  /** D(σ_i) per level. */
  fisher: number[];
  /** The held-out loss at that step (null for the ε-model). */
  heldOut: number | null;
}

/** At most this many points of Fisher history are kept (older ones are thinned to every other one). */
export const FISHER_HISTORY_MAX = 400;

/**
 * The last setting change that reached the worker: `kept` when the run carried on with its weights, `reset` when
 * a new network started at step 0 and the old run was set aside (with the URL values to restore on undo).
 */
export type RunChange =
  | { kind: 'kept'; step: number; what: string }
  | {
      kind: 'reset';
      step: number;
      what: string;
      values: ParamValues;
      fisherHistory: FisherPoint[];
    };

interface TrainSessionState {
  mode: TrainMode;
  step: number;
  progress: ProgressEvent | null;
  evaluation: EvaluationEvent | null;
  /** The config the worker is training, as it last reported. */
  config: TrainConfig | null;
  lastRun: TrainMetrics | null;
  /** Fisher divergence over training time, one point per evaluation of this run's levels. */
  fisherHistory: FisherPoint[];
  change: RunChange | null;
}

export const useTrainSession = create<TrainSessionState>(() => ({
  mode: { kind: 'starting' },
  step: 0,
  progress: null,
  evaluation: null,
  config: null,
  lastRun: null,
  fisherHistory: [],
  change: null,
}));

/**
 * The history with one more evaluation: started afresh when the step went back (a new run) or the levels changed
 * (their divergences are another quantity), thinned when it grows past FISHER_HISTORY_MAX.
 */
export function withFisherPoint(
  history: FisherPoint[],
  e: EvaluationEvent,
  previous: EvaluationEvent | null,
): FisherPoint[] {
  const last = history[history.length - 1];
  const sameLevels =
    previous !== null &&
    previous.objective === e.objective &&
    JSON.stringify(previous.sigmas) === JSON.stringify(e.sigmas);
  const base = last && sameLevels && e.step >= last.step ? history : [];
  if (base.length > 0 && base[base.length - 1].step === e.step) return base;
  const next = [...base, { step: e.step, mean: e.meanFisher, fisher: [...e.fisher], heldOut: e.heldOutLoss }];
  return next.length > FISHER_HISTORY_MAX
    ? next.filter((_, i) => i % 2 === 0 || i === next.length - 1)
    : next;
}

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
      case 'evaluation': {
        const { evaluation, fisherHistory } = useTrainSession.getState();
        set({
          evaluation: event,
          fisherHistory: withFisherPoint(fisherHistory, event, evaluation),
        });
        break;
      }
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
