/**
 * The plane's training session as the field2d page sees it: the run's mode, its step, loss and rate, the latest
 * learned field and Fisher divergences, their histories, and the cost-of-dimension measurements. The plane worker
 * pushes events; this store only mirrors them. After each progress event the trained model is published to
 * usePlaneModel (planeModel.ts), where sampling2d finds it.
 */
import { create } from 'zustand';
import type { PlaneTrainConfig } from '../engine/plane/trainConfig2';
import type { DimCost } from '../engine/tf/plane/dimCost';
import { PlaneClient } from '../worker/planeClient';
import type { PlaneProgressEvent, PlaneRunStatus } from '../worker/planeProtocol';
import { useAppStore } from './appStore';
import { usePlaneModel } from './planeModel';

export type PlaneMode = 'starting' | PlaneRunStatus | 'failed';

export interface PlaneFisherPoint {
  step: number;
  /** Mean of D(σ_i) over the trained levels. */
  mean: number;
  fisher: number[];
}

/** What the last setting change did to a trained run (RunChange on the train page, without undo). */
export interface PlaneRunChange {
  kind: 'kept' | 'reset';
  step: number;
  what: string;
}

interface PlaneSessionState {
  mode: PlaneMode;
  step: number;
  /** Mean loss of the last reported chunk. */
  loss: number | null;
  /** Chunk means of the loss against the step they end at. */
  lossHistory: { steps: number[]; losses: number[] };
  stepsPerSec: number;
  learned: PlaneProgressEvent['learned'] | null;
  fisher: NonNullable<PlaneProgressEvent['fisher']> | null;
  fisherHistory: PlaneFisherPoint[];
  /** The config the worker trains (as last sent). */
  config: PlaneTrainConfig | null;
  dimCost: DimCost[];
  measuring: boolean;
  change: PlaneRunChange | null;
}

const INITIAL: PlaneSessionState = {
  mode: 'starting',
  step: 0,
  loss: null,
  lossHistory: { steps: [], losses: [] },
  stepsPerSec: 0,
  learned: null,
  fisher: null,
  fisherHistory: [],
  config: null,
  dimCost: [],
  measuring: false,
  change: null,
};

export const usePlaneSession = create<PlaneSessionState>(() => ({ ...INITIAL }));

/** Histories are thinned to every other point once they pass this length. */
const HISTORY_MAX = 600;

function thin<T>(values: T[]): T[] {
  return values.length > HISTORY_MAX
    ? values.filter((_, i) => i % 2 === 1 || i === values.length - 1)
    : values;
}

function onProgress(event: PlaneProgressEvent): void {
  const state = usePlaneSession.getState();
  // A step that went back is a new run: its histories start afresh.
  const fresh = event.step < state.step || (event.step === 0 && event.losses.length === 0);
  let { steps, losses } = fresh ? { steps: [], losses: [] } : state.lossHistory;
  let loss = state.loss;
  if (event.losses.length > 0) {
    loss = event.losses.reduce((a, b) => a + b, 0) / event.losses.length;
    const kept = thin([...steps.map((s, i) => [s, losses[i]] as const), [event.step, loss] as const]);
    steps = kept.map(([s]) => s);
    losses = kept.map(([, l]) => l);
  }
  let fisherHistory = fresh ? [] : state.fisherHistory;
  if (event.fisher) {
    const mean = event.fisher.fisher.reduce((a, b) => a + b, 0) / event.fisher.fisher.length;
    fisherHistory = thin([...fisherHistory, { step: event.step, mean, fisher: event.fisher.fisher }]);
  }
  const fisher = event.fisher ?? state.fisher;
  usePlaneSession.setState({
    step: event.step,
    loss: fresh ? null : loss,
    lossHistory: { steps, losses },
    stepsPerSec: event.stepsPerSec,
    learned: event.learned,
    fisher,
    fisherHistory,
  });
  const config = usePlaneSession.getState().config;
  const last = fisherHistory[fisherHistory.length - 1];
  // Only a network that has taken a step is published: an untrained one is nothing to sample with (issue 12).
  if (config && event.step > 0)
    usePlaneModel
      .getState()
      .publish({ config, step: event.step, fisher: last?.mean ?? null, params: event.params });
}

/**
 * Progress events are applied in batches, at most one batch per APPLY_MS or per four times the last batch's
 * main-thread time, whichever is longer: each batch redraws the page's figures, and on a slow machine a redraw
 * can take longer than the worker's reports come, which would queue events faster than the page handles them.
 */
const APPLY_MS = 400;
let queued: PlaneProgressEvent[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
let lastApplyMs = 0;

function applyQueued(): void {
  const start = performance.now();
  const events = queued;
  queued = [];
  for (const event of events) onProgress(event);
  // The redraw the batch caused runs before the next task: measure up to it.
  setTimeout(() => {
    lastApplyMs = performance.now() - start;
    timer = null;
    if (queued.length > 0) schedule();
  }, 0);
}

function schedule(): void {
  if (timer !== null) return;
  timer = setTimeout(applyQueued, Math.max(APPLY_MS, 4 * lastApplyMs));
}

function enqueueProgress(event: PlaneProgressEvent): void {
  queued.push(event);
  // A reply (e.g. to a view change) and the first report of a run are shown at once.
  if (timer === null && (event.replyTo !== undefined || event.step === 0)) {
    timer = setTimeout(applyQueued, 0);
    return;
  }
  schedule();
}

/**
 * Applies the progress events that are waiting for their batch now. The worker posts a run's last report before it
 * answers the `step` request, so after that answer this brings the page (and the hook's step, rate and model) to
 * the run's end at once rather than up to APPLY_MS later.
 */
export function flushPlaneProgress(): void {
  if (queued.length === 0) return;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  applyQueued();
}

let shared: PlaneClient | null = null;

/** The one plane worker of the app, started on first use; its events feed usePlaneSession. */
export function planeClient(): PlaneClient {
  if (shared) return shared;
  const client = new PlaneClient();
  shared = client;
  client.subscribe((event) => {
    switch (event.type) {
      case 'backend':
        useAppStore.getState().setBackend({ name: event.name, reason: event.reason });
        for (const text of event.fallbacks) useAppStore.getState().addNotice(text, 'runtime', 'warning');
        break;
      case 'status':
        usePlaneSession.setState({ mode: event.status, step: event.step });
        break;
      case 'progress':
        enqueueProgress(event);
        break;
      case 'dimCost': {
        const rest = usePlaneSession.getState().dimCost.filter((d) => d.D !== event.D);
        const point = { D: event.D, ismMs: event.ismMs, ssmMs: event.ssmMs };
        usePlaneSession.setState({
          dimCost: [...rest, point].sort((a, b) => a.D - b.D),
          measuring: event.replyTo === undefined,
        });
        break;
      }
      case 'error':
        if (event.replyTo === undefined) useAppStore.getState().addNotice(event.message, 'runtime', 'error');
        break;
    }
  });
  return client;
}
