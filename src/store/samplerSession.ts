/**
 * A sampling page's run as the UI sees it: the run mode (one union), the latest frame from the sampler worker,
 * and what accumulates over a run (tracked paths, mode-weight records, end-of-level snapshots). The worker only
 * answers requests; this store mirrors its replies, and the page's animation loop (pages/sampling-shared)
 * decides when to ask for the next frame.
 *
 * Frames of a run that has been replaced (an older runId) are dropped; a `fresh` frame starts a run's
 * accumulations afresh.
 */
import { create } from 'zustand';
import type { WeightRecord } from '../engine/tf/sampling';
import { sharedSamplerClient, type SamplerClient } from '../worker/samplerClient';
import type {
  EngineEvent,
  ModelSummary,
  SamplerConfig,
  SamplerFrame,
  SamplerMetrics,
  SnapshotView,
  TrackRecords,
} from '../worker/samplerProtocol';
import { useAppStore } from './appStore';

export type SamplerMode =
  | { kind: 'starting' }
  | { kind: 'paused' }
  | { kind: 'playing' }
  | { kind: 'done' }
  | { kind: 'diverged'; reason: string; step: number }
  /**
   * The learned score was asked for and no model is trained enough yet: `model` is the one the training worker
   * holds (null: none), with its step and mean Fisher divergence (and that at its step 0, when known).
   */
  | { kind: 'needsModel'; model: UntrainedModel | null }
  | { kind: 'training'; step: number; meanFisher: number | null; startFisher: number | null }
  | { kind: 'failed'; message: string };

/** A model that exists but has not trained long enough to sample with. */
export interface UntrainedModel {
  step: number;
  meanFisher: number | null;
  startFisher: number | null;
}

export interface SamplerSessionState {
  mode: SamplerMode;
  /** The configuration of the run on screen (its JSON is the run's key). */
  config: SamplerConfig | null;
  runId: number;
  frame: SamplerFrame | null;
  /** The latest metrics (frames recompute them only now and then). */
  metrics: SamplerMetrics | null;
  tracks: TrackRecords;
  weights: WeightRecord[];
  snapshots: SnapshotView[];
  engine: EngineEvent | null;
  /** The model the sampler worker holds (learned score). */
  model: ModelSummary | null;
}

const emptyTracks = (): TrackRecords => ({ steps: [], positions: [], tracks: 0 });

export const useSamplerSession = create<SamplerSessionState>(() => ({
  mode: { kind: 'starting' },
  config: null,
  runId: 0,
  frame: null,
  metrics: null,
  tracks: emptyTracks(),
  weights: [],
  snapshots: [],
  engine: null,
  model: null,
}));

/** Two frames as one: the later state and histogram, both frames' records (for frames that arrive between paints). */
export function mergeFrames(a: SamplerFrame, b: SamplerFrame): SamplerFrame {
  if (b.fresh || b.runId !== a.runId) return b;
  return {
    ...b,
    fresh: a.fresh,
    tracks: {
      steps: [...a.tracks.steps, ...b.tracks.steps],
      positions: [...a.tracks.positions, ...b.tracks.positions],
      tracks: b.tracks.tracks,
    },
    weights: [...a.weights, ...b.weights],
    snapshots: [...a.snapshots, ...b.snapshots],
    metrics: b.metrics ?? a.metrics,
  };
}

/**
 * Mirrors one frame into the store: the latest state, the accumulations, and the mode when the run has ended.
 * A divergence becomes the `diverged` mode and a notice naming its cause.
 */
export function applyFrame(frame: SamplerFrame): void {
  const s = useSamplerSession.getState();
  if (!frame.fresh && frame.runId !== s.runId) return;
  const base = frame.fresh
    ? { tracks: emptyTracks(), weights: [], snapshots: [] as SnapshotView[] }
    : { tracks: s.tracks, weights: s.weights, snapshots: s.snapshots };
  const next: Partial<SamplerSessionState> = {
    runId: frame.runId,
    frame,
    metrics: frame.metrics ?? (frame.fresh ? null : s.metrics),
    tracks:
      frame.tracks.steps.length === 0
        ? base.tracks
        : {
            steps: [...base.tracks.steps, ...frame.tracks.steps],
            positions: [...base.tracks.positions, ...frame.tracks.positions],
            tracks: frame.tracks.tracks,
          },
    weights: frame.weights.length === 0 ? base.weights : [...base.weights, ...frame.weights],
    snapshots: frame.snapshots.length === 0 ? base.snapshots : [...base.snapshots, ...frame.snapshots],
  };
  const d = frame.state.divergence;
  if (d) {
    if (s.mode.kind !== 'diverged') {
      const where = d.level === undefined ? '' : ` (level ${d.level + 1})`;
      // The panel above the figures gives the whole explanation; the notice names the cause in brief.
      const cause = d.reason.split(':')[0];
      useAppStore
        .getState()
        .addNotice(`The run stopped at step ${d.step}${where}: ${cause}.`, 'runtime', 'error');
    }
    next.mode = { kind: 'diverged', reason: d.reason, step: d.step };
  } else if (frame.state.done) next.mode = { kind: 'done' };
  useSamplerSession.setState(next);
}

let connected: SamplerClient | null = null;

/** Subscribes the store to the shared sampler worker's broadcasts (once per app). Returns the client. */
export function samplerClient(): SamplerClient {
  const client = sharedSamplerClient();
  if (connected === client) return client;
  connected = client;
  client.subscribe((event) => {
    switch (event.type) {
      case 'engine': {
        const app = useAppStore.getState();
        app.setBackend({
          name: event.backend ?? 'none',
          reason: `${event.backendReason}. Sampling: ${event.engineReason}.`,
        });
        for (const text of event.fallbacks) app.addNotice(text, 'runtime', 'warning');
        useSamplerSession.setState({ engine: event });
        break;
      }
      case 'model':
        useSamplerSession.setState({ model: event.model });
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

/** Forgets the run on screen (a page of the other kind is coming up: its figures must not show this one). */
export function clearSamplerRun(): void {
  useSamplerSession.setState({
    mode: { kind: 'starting' },
    engine: null,
    config: null,
    frame: null,
    metrics: null,
    tracks: emptyTracks(),
    weights: [],
    snapshots: [],
  });
}

export function setSamplerMode(mode: SamplerMode): void {
  useSamplerSession.setState({ mode });
}
