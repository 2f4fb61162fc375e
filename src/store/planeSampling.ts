/**
 * The sampling2d page's run: one PlaneRun in the plane sampler worker, and the transport that drives it.
 *
 * Per-frame positions never enter React: they go to the subscribers of `onPlaneFrame` (the figure's painter).
 * What the controls and read-outs show (mode, step, the last measured read-outs) is a small zustand state, written
 * at most every 100 ms while playing and on every change of mode.
 *
 * The page's play loop (pages/sampling2d/planeTransport.ts) asks for steps through `advancePlane`.
 */
import { create } from 'zustand';
import type { PlaneCloudMetrics, PlaneRunConfig, PlaneStage } from '../engine/plane';
import { planeSamplerClient, type PlaneSamplerClient } from '../worker/planeSamplerClient';
import type { PlaneSamplerFrame } from '../worker/planeSamplerProtocol';

export type PlaneMode = 'idle' | 'starting' | 'paused' | 'playing' | 'done' | 'error';

/** The trained network a run samples with (its snapshot's step and Fisher divergence), or null on the exact score. */
export interface PlaneRunModel {
  step: number;
  fisher: number | null;
}

interface PlaneSamplingState {
  mode: PlaneMode;
  stage: PlaneStage | null;
  metrics: PlaneCloudMetrics | null;
  particleStepsPerSec: number;
  error: string | null;
  /** The network the current run samples with; null when it runs on the exact score (or no run). */
  model: PlaneRunModel | null;
  /** How that network is evaluated (the worker's words); null on the exact score. */
  scoreEngine: string | null;
}

export const usePlaneSampling = create<PlaneSamplingState>(() => ({
  mode: 'idle',
  stage: null,
  metrics: null,
  particleStepsPerSec: 0,
  error: null,
  model: null,
  scoreEngine: null,
}));

const painters = new Set<(frame: PlaneSamplerFrame) => void>();
let latest: PlaneSamplerFrame | null = null;
let runId = 0;
/** The worker the current run lives in: the exact-score one or the learned one (planeSamplerClient.ts). */
let runClient: PlaneSamplerClient | null = null;
let generation = 0;
let inFlight = false;
let lastPublishAt = 0;
/** Stops the page's play loop (the page registers it; the store cannot import the animation loop). */
let stopPlaying: () => void = () => {};

/** Registers a painter for every new frame (and paints the latest one now). Returns the unsubscribe. */
export function onPlaneFrame(paint: (frame: PlaneSamplerFrame) => void): () => void {
  painters.add(paint);
  if (latest) paint(latest);
  return () => painters.delete(paint);
}

function publish(frame: PlaneSamplerFrame, force: boolean): void {
  const now = performance.now();
  const state = usePlaneSampling.getState();
  const mode: PlaneMode = frame.stage.done ? 'done' : state.mode === 'playing' ? 'playing' : 'paused';
  if (!force && mode === state.mode && !frame.metrics && now - lastPublishAt < 100) return;
  lastPublishAt = now;
  usePlaneSampling.setState({
    mode,
    stage: frame.stage,
    metrics: frame.metrics ?? state.metrics,
    particleStepsPerSec: frame.particleStepsPerSec,
    scoreEngine: frame.scoreEngine,
    error: null,
  });
}

function apply(frame: PlaneSamplerFrame, force = false): void {
  if (frame.run !== runId) return;
  latest = frame;
  for (const paint of painters) paint(frame);
  publish(frame, force);
}

export function failPlane(error: unknown): void {
  stopPlaying();
  usePlaneSampling.setState({ mode: 'error', error: error instanceof Error ? error.message : String(error) });
}

/** The page's play loop registers how to stop it, so that a restart or a full-speed run can. */
export function setPlaneStopper(stopper: () => void): void {
  stopPlaying = stopper;
}

/** Whether a request to the worker is waiting for its reply. */
export function planeBusy(): boolean {
  return inFlight;
}

/** The latest frame's stage, or null before the first frame. */
export function latestPlaneStage(): PlaneStage | null {
  return latest?.stage ?? null;
}

/**
 * Starts a fresh run (paused at step 0). A newer call supersedes an older one still starting. `model` says which
 * trained network `config.learned` is (for the read-outs); null on the exact score.
 */
export async function startPlaneRun(
  config: PlaneRunConfig,
  model: PlaneRunModel | null = null,
): Promise<void> {
  stopPlaying();
  const mine = ++generation;
  usePlaneSampling.setState({
    mode: 'starting',
    stage: null,
    metrics: null,
    particleStepsPerSec: 0,
    model,
    scoreEngine: null,
  });
  try {
    const client = planeSamplerClient(config.learned !== undefined);
    const reply = await client.start(config);
    if (mine !== generation) return;
    runId = reply.run;
    runClient = client;
    inFlight = false;
    apply(reply, true);
  } catch (error) {
    if (mine === generation) failPlane(error);
  }
}

/** Forgets the run (the page unmounted or cannot sample). */
export function clearPlaneRun(): void {
  stopPlaying();
  generation++;
  latest = null;
  runClient = null;
  usePlaneSampling.setState({
    mode: 'idle',
    stage: null,
    metrics: null,
    particleStepsPerSec: 0,
    error: null,
    model: null,
    scoreEngine: null,
  });
}

/**
 * Up to `steps` more steps within `budgetMs` of the worker's time (read-outs measured when `metrics`); resolves
 * with the frame, or null when a newer run replaced this one meanwhile.
 */
export async function advancePlane(
  steps: number,
  budgetMs: number,
  metrics: boolean,
): Promise<PlaneSamplerFrame | null> {
  const mine = generation;
  const client = runClient;
  if (!client) return null;
  inFlight = true;
  try {
    const reply = await client.advance(runId, steps, budgetMs, metrics);
    if (mine !== generation) return null;
    apply(reply, metrics);
    return reply;
  } finally {
    if (mine === generation) inFlight = false;
  }
}

/** Runs to the end at full speed (no painting in between) and returns once the final read-outs are in. */
export async function runPlaneToEnd(): Promise<void> {
  stopPlaying();
  if (usePlaneSampling.getState().mode === 'playing') usePlaneSampling.setState({ mode: 'paused' });
  while (inFlight) await new Promise((resolve) => setTimeout(resolve, 10));
  for (;;) {
    const frame = await advancePlane(1_000_000, 250, false);
    if (!frame) return;
    if (frame.stage.done) break;
  }
  await advancePlane(0, 0, true);
}
