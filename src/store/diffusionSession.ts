/**
 * The diffusion page's run state: one union for what is happening (idle, sampling, training, failed), the last
 * result, the comparison table and the ε-model the training worker holds. Figures subscribe to it; the probe and
 * the controls call the two actions, sample() and train(), through pages/diffusion/diffusionActions.ts, which
 * turns the page's URL values into the plain DiffusionSettings taken here (store/ never imports a page).
 *
 * Exact-score jobs go to the page's own worker (worker/diffusionClient); learned-score jobs to the sampler worker,
 * the one home of learned-score sampling, after the training worker's ε-model is copied there (learnedModel.ts).
 * Both answer with the same JobResult.
 */
import { create } from 'zustand';
import type { DiffusionJob, JobProgress, JobResult } from '../engine/diffusion/job';
import type { LossCurve } from '../engine/training/lossHistory';
import { cleanConfig, type TrainConfig } from '../engine/training/config';
import { useAppStore } from './appStore';
import { trainerClient } from './trainSession';
import { copyModelToSampler } from './learnedModel';
import { samplerClient } from './samplerSession';
import type { BackendRequest } from '../worker/protocol';
import { diffusionClient } from '../worker/diffusionClient';
import type { ScoreSource } from '../worker/samplerProtocol';
import { readerMessage } from './readerMessage';
import { lowerFirst } from './readerMessage';

/** What one run of the page asks for, derived from its URL values by the page (diffusionActions.ts). */
export interface DiffusionSettings {
  job: DiffusionJob;
  score: ScoreSource;
  /** The training configuration of the ε-model these settings sample with. */
  config: TrainConfig;
  /** The comparison table's words for the job's process and sampler. */
  labels: { process: string; sampler: string };
  /** The tensor backend a learned-score run uses. */
  backend: BackendRequest;
}

/** A comparison-table row's identity: everything that changes the samples. */
export function rowKey(job: DiffusionJob, score: ScoreSource): string {
  return JSON.stringify([job.process, job.sampler, job.steps, job.n, job.seed, job.mixture, score]);
}

export type DiffusionMode =
  | { kind: 'idle' }
  | { kind: 'sampling'; score: ScoreSource; step: number; totalSteps: number }
  | { kind: 'training'; step: number; total: number }
  | { kind: 'failed'; message: string };

export interface ShownResult extends JobResult {
  key: string;
  score: ScoreSource;
  job: DiffusionJob;
  labels: DiffusionSettings['labels'];
}

export interface TableRow {
  key: string;
  process: string;
  sampler: string;
  steps: number;
  n: number;
  score: ScoreSource;
  w1: number | null;
  ks: number | null;
  modeWeights: number[] | null;
  diverged: boolean;
}

export interface ModelInfo {
  /** The training configuration, as JSON (equal configs hold the same model). */
  key: string;
  step: number;
}

interface DiffusionState {
  mode: DiffusionMode;
  result: ShownResult | null;
  table: TableRow[];
  model: ModelInfo | null;
  /**
   * Set when score=learned but there is no ε-model for the current settings; the result shown is then the
   * exact-score run of the same settings (its `score` says so).
   */
  needsModel: boolean;
  loss: number | null;
  lossHistory: LossCurve | null;
}

export const useDiffusionSession = create<DiffusionState>(() => ({
  mode: { kind: 'idle' },
  result: null,
  table: [],
  model: null,
  needsModel: false,
  loss: null,
  lossHistory: null,
}));

const set = useDiffusionSession.setState;
const get = useDiffusionSession.getState;

/** The cleaned config (key order, normalised weights) as JSON: the worker reports its config cleaned too. */
export function modelKey(config: TrainConfig): string {
  return JSON.stringify(cleanConfig(config));
}

/** Whether the training worker's model is the ε-model trained with this configuration. */
export function hasModelFor(config: TrainConfig): boolean {
  return get().model?.key === modelKey(config) && (get().model?.step ?? 0) > 0;
}

function tableRow(r: ShownResult): TableRow {
  return {
    key: r.key,
    process: r.labels.process,
    sampler: r.labels.sampler,
    steps: r.totalSteps,
    n: r.n,
    score: r.score,
    w1: r.summary?.w1 ?? null,
    ks: r.summary?.ks ?? null,
    modeWeights: r.summary?.modeWeights ?? null,
    diverged: r.diverged !== null,
  };
}

let sampleToken = 0;
/** The request in flight: a second request for the same settings joins it instead of starting over. */
let inflight: { key: string; promise: Promise<ShownResult | null> } | null = null;

/**
 * Samples the current settings to the end. Resolves with the result, or null when a newer request replaced
 * this one or when score=learned has no model (needsModel is then set).
 */
export function sample(settings: DiffusionSettings): Promise<ShownResult | null> {
  const key = `${rowKey(settings.job, settings.score)}|${get().model?.step ?? 0}`;
  if (inflight?.key === key) return inflight.promise;
  const promise = sampleNow(settings);
  inflight = { key, promise };
  void promise.finally(() => {
    if (inflight?.promise === promise) inflight = null;
  });
  return promise;
}

async function sampleNow(settings: DiffusionSettings): Promise<ShownResult | null> {
  const token = ++sampleToken;
  const { job, score: wanted, labels } = settings;
  // Without an ε-model the learned run cannot exist yet: the figures keep (or draw) the exact-score run of the
  // same settings meanwhile, labelled as such, instead of going blank.
  const standIn = wanted === 'learned' && !hasModelFor(settings.config);
  const score: ScoreSource = standIn ? 'exact' : wanted;
  const key = rowKey(job, score);
  if (standIn) {
    const training = get().mode.kind === 'training';
    set({ needsModel: true, mode: training ? get().mode : { kind: 'idle' } });
    if (training || get().result?.key === key) return null;
  }
  set({ needsModel: standIn, mode: { kind: 'sampling', score, step: 0, totalSteps: 0 } });
  const onProgress = (p: JobProgress) => {
    if (token === sampleToken)
      set({ mode: { kind: 'sampling', score, step: p.step, totalSteps: p.totalSteps } });
  };
  try {
    let result: JobResult | null;
    if (score === 'exact') {
      result = await diffusionClient().run(job, onProgress);
    } else {
      await copyModelToSampler(await trainerClient().status());
      // With its playback frames, so Play can show the learned run beside the exact one (same start, same noise).
      result = await samplerClient().sampleDiffusion({ ...job, frames: true }, settings.backend, onProgress);
    }
    if (!result || token !== sampleToken) return null;
    const shown: ShownResult = { ...result, key, score, job, labels };
    const table = get().table.filter((row) => row.key !== key);
    set({ result: shown, table: [...table, tableRow(shown)], mode: { kind: 'idle' } });
    // As on the other sampling pages, an unstable run is also a notice (the panel above the figure explains it).
    if (shown.diverged)
      useAppStore.getState().addNotice(`Sampling stopped: ${lowerFirst(shown.diverged)}`, 'runtime', 'error');
    return standIn ? null : shown;
  } catch (error) {
    if (token !== sampleToken) return null;
    const message = readerMessage(error);
    set({ mode: { kind: 'failed', message } });
    useAppStore.getState().addNotice(message, 'runtime', 'error');
    return null;
  }
}

/** Trains the ε-model of `config` from scratch, `total` steps, with live progress. */
export async function train(config: TrainConfig, total: number): Promise<boolean> {
  const client = trainerClient();
  set({ mode: { kind: 'training', step: 0, total }, loss: null, lossHistory: null });
  const off = client.on('progress', (e) => {
    if (get().mode.kind === 'training')
      set({ mode: { kind: 'training', step: e.step, total }, loss: e.loss, lossHistory: e.lossHistory });
  });
  try {
    await client.configure(config);
    const { metrics } = await client.runToEnd(total);
    if (metrics.diverged) throw new Error(metrics.diverged);
    set({
      model: { key: modelKey(config), step: metrics.step },
      loss: metrics.loss,
      lossHistory: metrics.lossHistory,
      mode: { kind: 'idle' },
    });
    return true;
  } catch (error) {
    const message = readerMessage(error);
    set({ mode: { kind: 'failed', message } });
    useAppStore.getState().addNotice(`Training failed: ${message}`, 'runtime', 'error');
    return false;
  } finally {
    off();
  }
}

/** Picks up an ε-model the worker already holds for this configuration (e.g. after moving between pages). */
export async function adoptWorkerModel(config: TrainConfig): Promise<void> {
  const status = await trainerClient().status();
  if (status.config && modelKey(status.config) === modelKey(config) && status.step > 0)
    set({ model: { key: modelKey(config), step: status.step } });
}

export function clearTable(): void {
  set({ table: [] });
}
