/**
 * What the sampling pages' buttons do: start a run for the URL's setting, play/pause/step/reset, run to the end,
 * and — for the learned score — fetch the trained model from the training worker or train one with the train
 * page's defaults.
 */
import { commonValues, defaultValues, useAppStore } from '../../store/appStore';
import {
  applyFrame,
  samplerClient,
  setSamplerMode,
  useSamplerSession,
  type UntrainedModel,
} from '../../store/samplerSession';
import { trainerClient, useTrainSession } from '../../store/trainSession';
import { copyModelToSampler } from '../../store/learnedModel';
import type { ResultEvent, SamplerConfig } from '../../worker/samplerProtocol';
import { trainConfigFrom } from '../../store/trainConfig';
import { modelNotices } from './modelNotices';
import { readerMessage } from '../../store/readerMessage';

/**
 * Training with the defaults stops once the mean Fisher divergence is below TRAIN_TARGET of its start and at
 * least TRAIN_MIN_STEPS steps are done, or at TRAIN_STEP_CAP. The minimum is there because 5% alone comes far
 * too early: the start is dominated by the smallest levels' huge errors, and the benchmark sees 5% at step ≈ 80,
 * where a learned plain-Langevin run of the lecture example ends at W1 ≈ 0.6. After 1,000 steps (≈ 10–15 s on
 * wasm) it ends at W1 ≈ 0.12–0.14 plain and annealed (measured on the 2-core machine, n = 10⁴).
 */
export const TRAIN_TARGET = 0.05;
export const TRAIN_MIN_STEPS = 1000;
export const TRAIN_STEP_CAP = 2000;
/** run() with no model trains exactly this many steps, so a URL gives one answer. */
export const RUN_TRAIN_STEPS = TRAIN_MIN_STEPS;
/**
 * The learned score is used only from a model that has trained at least this many steps (the same minimum as
 * above: before it the network's own error, not the sampler's, decides where the particles go), unless the
 * reader asks to sample with an undertrained one anyway.
 */
export const SAMPLE_MIN_STEPS = TRAIN_MIN_STEPS;

const notify = (text: string, tone: 'info' | 'warning' | 'error' = 'error') =>
  useAppStore.getState().addNotice(text, 'runtime', tone);

/** Reader-facing text for a failure (store/readerMessage.ts: engine checks are explained, not quoted bare). */
const messageOf = readerMessage;

/** Bumped by every start; a start that finds it moved on has been replaced and drops its result. */
let sequence = 0;
/** Set while run() runs: the page's own (re)starts wait, so they cannot interrupt it. */
let runningToEnd = false;
/** The undertrained model (config and step) the reader chose to sample with anyway. */
let acceptedModelKey: string | null = null;

/**
 * A run of `config` at step 0, playing when `autoplay`. The run already on screen is kept when its setting is the
 * same, unless `force` (coming back to a page: the trained model may have moved on).
 */
export async function startRun(
  config: SamplerConfig,
  options: { autoplay: boolean; force?: boolean; fromRun?: boolean },
): Promise<void> {
  if (runningToEnd && !options.fromRun) return;
  const s = useSamplerSession.getState();
  const same = s.config !== null && JSON.stringify(s.config) === JSON.stringify(config);
  if (same && !options.force && !['failed', 'needsModel'].includes(s.mode.kind)) return;
  const mine = ++sequence;
  useSamplerSession.setState({ config, mode: { kind: 'starting' } });
  try {
    if (config.score === 'learned') {
      const missing = await ensureModel(config);
      if (missing !== 'ready') {
        if (mine === sequence)
          useSamplerSession.setState({
            mode: { kind: 'needsModel', model: missing },
            engine: null,
            frame: null,
            metrics: null,
          });
        return;
      }
    }
    const reply = await samplerClient().configure(config);
    if (mine !== sequence) return;
    applyFrame(reply.frame);
    const mode = useSamplerSession.getState().mode.kind;
    if (mode === 'starting') setSamplerMode(options.autoplay ? { kind: 'playing' } : { kind: 'paused' });
  } catch (error) {
    if (mine !== sequence) return;
    setSamplerMode({ kind: 'failed', message: messageOf(error) });
    notify(messageOf(error));
  }
}

/**
 * Loads the training worker's current model into the sampler: 'ready', or what is missing — null when there is
 * no model, its step and Fisher divergence when it has trained fewer than SAMPLE_MIN_STEPS steps.
 */
async function ensureModel(config: SamplerConfig): Promise<'ready' | UntrainedModel | null> {
  const trainer = trainerClient();
  const status = await trainer.status();
  if (status.status === 'empty' || !status.config) return null;
  const key = `${JSON.stringify(status.config)}@${status.step}`;
  if (status.step < SAMPLE_MIN_STEPS && key !== acceptedModelKey) {
    const e = await trainer.evaluate();
    const start = e.fisherAtStart
      ? e.fisherAtStart.reduce((a, b) => a + b, 0) / e.fisherAtStart.length
      : null;
    return { step: status.step, meanFisher: e.meanFisher, startFisher: start };
  }
  await copyModelToSampler(status);
  for (const text of modelNotices(status.config, status.step, config)) notify(text, 'warning');
  return 'ready';
}

/** "Sample with it anyway": the reader accepts the undertrained model the training worker holds now. */
export async function acceptUntrainedModel(): Promise<void> {
  const status = await trainerClient().status();
  if (!status.config) return;
  acceptedModelKey = `${JSON.stringify(status.config)}@${status.step}`;
  const { config } = useSamplerSession.getState();
  if (config) await startRun(config, { autoplay: true, force: true });
}

export function play(): void {
  const { mode } = useSamplerSession.getState();
  if (mode.kind === 'paused') setSamplerMode({ kind: 'playing' });
  else if (mode.kind === 'done') void resetRun().then(() => setSamplerMode({ kind: 'playing' }));
}

export function pause(): void {
  if (useSamplerSession.getState().mode.kind === 'playing') setSamplerMode({ kind: 'paused' });
}

export async function stepOnce(): Promise<void> {
  pause();
  const { mode } = useSamplerSession.getState();
  if (mode.kind !== 'paused') return;
  try {
    applyFrame((await samplerClient().advance(1, Infinity)).frame);
  } catch (error) {
    notify(messageOf(error));
  }
}

export async function resetRun(): Promise<void> {
  const { config, mode } = useSamplerSession.getState();
  if (!config || ['starting', 'needsModel', 'training'].includes(mode.kind)) return;
  if (mode.kind === 'failed') return startRun(config, { autoplay: false, force: true });
  setSamplerMode({ kind: 'paused' });
  try {
    applyFrame((await samplerClient().reset()).frame);
    if (useSamplerSession.getState().mode.kind !== 'playing') setSamplerMode({ kind: 'paused' });
  } catch (error) {
    notify(messageOf(error));
  }
}

/**
 * The whole run from step 0 at full speed (the automation hook's run()): the URL's setting, a model trained
 * deterministically first if the learned score has none.
 */
export async function runToEnd(config: SamplerConfig): Promise<ResultEvent> {
  pause();
  runningToEnd = true;
  try {
    if (config.score === 'learned') {
      const status = await trainerClient().status();
      const key = `${JSON.stringify(status.config)}@${status.step}`;
      if (status.status === 'empty' || (status.step < SAMPLE_MIN_STEPS && key !== acceptedModelKey))
        await trainForRun();
    }
    await startRun(config, { autoplay: false, force: true, fromRun: true });
    const { mode } = useSamplerSession.getState();
    if (mode.kind === 'failed') throw new Error(mode.message);
    if (mode.kind === 'needsModel') throw new Error('No trained model is available for the learned score.');
    const result = await samplerClient().runToEnd();
    applyFrame(result.frame);
    useSamplerSession.setState({ metrics: result.metrics });
    return result;
  } finally {
    runningToEnd = false;
  }
}

function defaultTrainConfig() {
  return trainConfigFrom({ ...defaultValues('train'), mix: commonValues().mix }).config;
}

async function trainForRun(): Promise<void> {
  const trainer = trainerClient();
  await trainer.configure(defaultTrainConfig());
  await trainer.runToEnd(RUN_TRAIN_STEPS);
}

let trainingToken: { cancelled: boolean } | null = null;

/**
 * "Train a score model with the defaults": the train page's defaults for this mixture, trained at full speed
 * with its progress shown until the stopping rule above; then the page's run starts with it.
 */
export async function trainDefaults(): Promise<void> {
  const token = { cancelled: false };
  trainingToken = token;
  const trainer = trainerClient();
  setSamplerMode({ kind: 'training', step: 0, meanFisher: null, startFisher: null });
  try {
    await trainer.configure(defaultTrainConfig());
    await trainer.setSpeed(null);
    await trainer.play();
    await new Promise<void>((resolve) => {
      const check = () => {
        const t = useTrainSession.getState();
        const e = t.evaluation;
        const start = e?.fisherAtStart
          ? e.fisherAtStart.reduce((a, b) => a + b, 0) / e.fisherAtStart.length
          : null;
        if (!token.cancelled)
          setSamplerMode({
            kind: 'training',
            step: t.step,
            meanFisher: e?.meanFisher ?? null,
            startFisher: start,
          });
        const reached =
          start !== null && e !== null && e.step >= TRAIN_MIN_STEPS && e.meanFisher < TRAIN_TARGET * start;
        const stopped = t.mode.kind === 'diverged' || t.mode.kind === 'failed';
        if (token.cancelled || reached || stopped || t.step >= TRAIN_STEP_CAP) {
          unsubscribe();
          resolve();
        }
      };
      const unsubscribe = useTrainSession.subscribe(check);
      check();
    });
    await trainer.pause();
  } catch (error) {
    notify(messageOf(error));
  }
  if (token.cancelled) return;
  trainingToken = null;
  const { config } = useSamplerSession.getState();
  if (config) await startRun(config, { autoplay: true, force: true });
}

/** Leaving the page stops a training started from it (the model so far is kept by the training worker). */
export function cancelTraining(): void {
  if (!trainingToken) return;
  trainingToken.cancelled = true;
  trainingToken = null;
  void trainerClient()
    .pause()
    .catch(() => undefined);
}
