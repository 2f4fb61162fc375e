/**
 * The diffusion page's run state: one union for what is happening (idle, sampling, training, failed), the last
 * result, the comparison table and the ε-model the training worker holds. Figures subscribe to it; the probe and
 * the controls call the two actions, sample() and train().
 *
 * Exact-score jobs go to the page's own worker (exactClient), learned-score jobs to the training worker, which
 * holds the ε-model (sampleDiffusion). Both answer with the same JobResult.
 */
import { create } from 'zustand';
import type { DiffusionJob, JobProgress, JobResult } from '../../engine/diffusion/job';
import type { LossCurve } from '../../engine/training/lossHistory';
import { cleanConfig, type TrainConfig } from '../../engine/training/config';
import { useAppStore } from '../../store/appStore';
import type { ParamValues } from '../../store/paramSpec';
import { trainerClient } from '../../store/trainSession';
import { exactClient } from './exactClient';
import { jobOf, processLabel, rowKey, samplerLabel, trainConfigOf, type ScoreKind } from './diffusionModel';
import { readerMessage } from '../../store/readerMessage';
import { lowerFirst } from '../../store/readerMessage';

export type DiffusionMode =
  | { kind: 'idle' }
  | { kind: 'sampling'; score: ScoreKind; step: number; totalSteps: number }
  | { kind: 'training'; step: number; total: number }
  | { kind: 'failed'; message: string };

export interface ShownResult extends JobResult {
  key: string;
  score: ScoreKind;
  job: DiffusionJob;
}

export interface TableRow {
  key: string;
  process: string;
  sampler: string;
  steps: number;
  n: number;
  score: ScoreKind;
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

/** Whether the training worker's model is the ε-model for these settings. */
export function hasModelFor(values: ParamValues): boolean {
  return get().model?.key === modelKey(trainConfigOf(values)) && (get().model?.step ?? 0) > 0;
}

function tableRow(r: ShownResult): TableRow {
  return {
    key: r.key,
    process: processLabel(r.job.process),
    sampler: samplerLabel(r.job.sampler, r.job.process.sde),
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
export function sample(values: ParamValues): Promise<ShownResult | null> {
  const key = `${rowKey(jobOf(values), values.score as ScoreKind)}|${get().model?.step ?? 0}`;
  if (inflight?.key === key) return inflight.promise;
  const promise = sampleNow(values);
  inflight = { key, promise };
  void promise.finally(() => {
    if (inflight?.promise === promise) inflight = null;
  });
  return promise;
}

async function sampleNow(values: ParamValues): Promise<ShownResult | null> {
  const token = ++sampleToken;
  const job = jobOf(values);
  const wanted = values.score as ScoreKind;
  // Without an ε-model the learned run cannot exist yet: the figures keep (or draw) the exact-score run of the
  // same settings meanwhile, labelled as such, instead of going blank.
  const standIn = wanted === 'learned' && !hasModelFor(values);
  const score: ScoreKind = standIn ? 'true' : wanted;
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
    if (score === 'true') {
      result = await exactClient().run(job, onProgress);
    } else {
      const client = trainerClient();
      const off = client.on('diffusionProgress', (e) => onProgress(e));
      try {
        result = (await client.sampleDiffusion(job)).result;
      } finally {
        off();
      }
    }
    if (!result || token !== sampleToken) return null;
    const shown: ShownResult = { ...result, key, score, job };
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

/** Trains the ε-model for the current settings from scratch, `values.train` steps, with live progress. */
export async function train(values: ParamValues): Promise<boolean> {
  const config = trainConfigOf(values);
  const total = values.train as number;
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

/** Picks up an ε-model the worker already holds for these settings (e.g. after moving between pages). */
export async function adoptWorkerModel(values: ParamValues): Promise<void> {
  const status = await trainerClient().status();
  const config = trainConfigOf(values);
  if (status.config && modelKey(status.config) === modelKey(config) && status.step > 0)
    set({ model: { key: modelKey(config), step: status.step } });
}

export function clearTable(): void {
  set({ table: [] });
}
