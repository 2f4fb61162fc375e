/**
 * The training session behind the worker: it answers protocol requests and runs the training loop. A plain
 * class with no Worker API in it (the host passes messages in and out), so Node tests drive it directly.
 *
 * The loop trains in chunks sized to take ~20 ms, reads the chunk's mean loss back once (which also paces GPU
 * backends), then yields a task turn so that pause, step, reset and configure are seen within one chunk.
 * All tensor work — chunks, evaluations, saves, resets — runs through one SerialQueue, so nothing replaces the
 * model while a chunk is in flight. Requests that change the run mode (pause, reset, configure, …) take effect
 * synchronously: the next chunk is simply never started.
 */
import {
  backendLabel,
  initBackend,
  onBackendLost,
  type BackendChoice,
  type BackendName,
} from '../engine/tf/backend';
import {
  configProblem,
  DEFAULT_TRAIN_CONFIG,
  keepsWeights,
  trainingSigmas,
  type TrainConfig,
} from '../engine/training/config';
import { DEFAULT_POINTS, MAX_POINTS, MIN_POINTS, type Evaluation } from '../engine/tf/evaluate';
import { LossHistory } from '../engine/training/lossHistory';
import { parseModelFile } from '../engine/tf/modelFile';
import type { ParamArray } from '../engine/tf/net';
import { Trainer } from '../engine/tf/trainer';
import { trainingWorkload } from '../engine/tf/trainWorkload';
import { runLearnedJob } from '../engine/tf/eps/learnedJob';
import type {
  EvaluationEvent,
  ProgressEvent,
  RunStatus,
  StatusEvent,
  TrainMetrics,
  WorkerEvent,
  WorkerRequest,
} from './protocol';
import { RateMeter } from './rateMeter';
import { SerialQueue } from './serialQueue';

export interface SessionHost {
  post(event: WorkerEvent, transfer?: Transferable[]): void;
  /** Calls fn in a new task, after messages already waiting (MessageChannel in a worker, setImmediate in Node). */
  yieldThen(fn: () => void): void;
}

/** Wall time one chunk of steps aims at: short enough to pause at once, long enough to amortise the readback. */
export const CHUNK_TARGET_MS = 20;
export const MAX_CHUNK_STEPS = 4096;
export const PROGRESS_EVERY_MS = 100;
export const DEFAULT_EVAL_EVERY_MS = 300;
/** The reported loss is the mean over this many latest steps (smooth, and independent of chunking). */
export const LOSS_WINDOW = 50;
/** How long a failed WebGPU chunk waits for a device-lost report before it reports the error itself. */
export const LOST_GRACE_MS = 500;

type Mode = Exclude<RunStatus, 'empty'>;

/** Training towards a step count: `step` requests, and runToEnd (which replies with metrics). */
type Target =
  | { kind: 'step'; step: number; replyTo: number }
  | { kind: 'run'; step: number; replyTo: number; startStep: number; startedAt: number };

/** A run set aside by an undoable configure: its trainer (kept alive) and its curves. */
interface SetAside {
  trainer: Trainer;
  history: LossHistory;
  fisherAtStart: number[] | null;
  lastLoss: number | null;
  recent: number[];
}

interface Snapshot {
  config: TrainConfig;
  params: ParamArray[];
  step: number;
  dataGeneration: number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const now = (): number => performance.now();

export class TrainingSession {
  private readonly queue = new SerialQueue();
  private trainer: Trainer | null = null;
  private backend: BackendChoice | null = null;
  private mode: Mode = 'idle';
  private target: Target | null = null;
  /** Counts stops (pause, reset, …); a chunk that started before one does not schedule another. */
  private epoch = 0;
  private chunkSteps = 1;
  private scheduled = false;
  /** A slow-motion wait for the next step, cancelled by any stop. */
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stepsPerSecLimit: number | null = null;
  /** The time from which a speed-limited run earns steps. */
  private creditFrom = 0;
  private evalEveryMs = DEFAULT_EVAL_EVERY_MS;
  private history = new LossHistory(500);
  /** The run replaced by the latest undoable configure, until `undo` brings it back or another run replaces it. */
  private setAside: SetAside | null = null;
  /** Configure requests queued and not yet done: a Play that arrives meanwhile waits for the model they make. */
  private pendingConfigures = 0;
  /** Counts Play requests, and the epoch the latest one began (a stop after it moves the epoch on). */
  private plays = 0;
  private playEpoch = -1;
  private readonly rate = new RateMeter();
  /** Mean loss of the last LOSS_WINDOW steps (null before the first step). */
  private lastLoss: number | null = null;
  private recent: number[] = [];
  private fisherAtStart: number[] | null = null;
  private watchLevel = 0;
  private points = DEFAULT_POINTS;
  private lastProgressAt = -Infinity;
  private lastEvalAt = -Infinity;
  /** The weights as of the last evaluation on a GPU backend, to carry on elsewhere if the GPU is lost. */
  private snapshot: Snapshot | null = null;
  private readonly stopListening: () => void;
  /** When the backend last reported a lost device. */
  private lastLostAt = -Infinity;
  /** Counts sampleDiffusion requests: only the latest job keeps running. */
  private samplingJob = 0;

  constructor(private readonly host: SessionHost) {
    this.stopListening = onBackendLost((why, lost) => this.onBackendLost(why, lost));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Requests

  handle(request: WorkerRequest): void {
    const id = request.id;
    switch (request.type) {
      case 'init':
        this.stop('the backend changed');
        this.task(id, () => this.switchBackend(request.backend, id, request.remeasure ?? false));
        return;
      case 'configure': {
        const problem = configProblem(request.config);
        if (problem)
          return this.post({ type: 'error', replyTo: id, message: `Bad configuration: ${problem}.` });
        // A Play pressed before this request, or after it while it waits in the queue, survives it: the new run
        // plays. A pause after it (which bumps the epoch) wins.
        const wasPlaying = this.mode === 'playing';
        this.stop('a new configuration');
        const epoch = this.epoch;
        const playsBefore = this.plays;
        this.pendingConfigures++;
        this.task(id, async () => {
          try {
            await this.ensureBackend(request.config);
            const old = this.trainer;
            if (
              request.keep &&
              old &&
              old.step > 0 &&
              this.mode !== 'diverged' &&
              keepsWeights(old.config, request.config)
            )
              await this.carryOn(old, request.config);
            else {
              this.setRunAside(request.undoable && old && old.step > 0 ? old : null);
              this.replaceTrainer(new Trainer(request.config));
              await this.startFresh();
            }
            // Checked only now: a Play may also arrive while this task awaits its evaluations.
            const playPressed = this.plays > playsBefore && this.playEpoch === this.epoch;
            if (playPressed || (wasPlaying && epoch === this.epoch)) this.resumePlaying();
            this.post(this.status(id));
          } finally {
            this.pendingConfigures--;
          }
        });
        return;
      }
      case 'undo':
        this.stop('undo');
        this.task(id, async () => {
          const back = this.setAside;
          if (!back) throw new Error('There is no earlier run to go back to.');
          this.setAside = null;
          this.replaceTrainer(back.trainer);
          this.resetRunState();
          this.history = back.history;
          this.fisherAtStart = back.fisherAtStart;
          this.lastLoss = back.lastLoss;
          this.recent = back.recent;
          this.post(this.progress());
          await this.broadcastEvaluation();
          this.post(this.status(id));
        });
        return;
      case 'reset':
        this.stop('reset');
        this.task(id, async () => {
          const old = this.need();
          this.replaceTrainer(new Trainer(old.config, { dataGeneration: old.dataGeneration }));
          await this.startFresh();
          this.post(this.status(id));
        });
        return;
      case 'play':
        if (!this.trainer && this.pendingConfigures > 0) {
          // The model is on its way: the configure that makes it starts playing when it is done.
          this.mode = 'playing';
          this.plays++;
          this.playEpoch = this.epoch;
          this.post(this.status(id));
          return;
        }
        if (!this.startable(id)) return;
        this.stop('play');
        this.mode = 'playing';
        this.plays++;
        this.playEpoch = this.epoch;
        this.creditFrom = now();
        this.rate.clear();
        this.scheduleChunk();
        this.post(this.status(id));
        return;
      case 'pause':
        this.stop('paused');
        // Replies once the chunk in flight has finished, so the reply's step is final.
        this.task(id, () => {
          this.postProgress();
          this.post(this.status(id));
        });
        return;
      case 'step': {
        if (!this.startable(id)) return;
        this.stop('step');
        const count = Math.max(1, Math.floor(request.count));
        this.task(id, () => {
          this.mode = 'running';
          this.target = { kind: 'step', step: this.need().step + count, replyTo: id };
          this.rate.clear();
          this.scheduleChunk();
        });
        return;
      }
      case 'runToEnd': {
        this.stop('a new run');
        const steps = Math.max(0, Math.floor(request.steps));
        this.task(id, async () => {
          const current = this.need();
          if (request.fromScratch !== false) {
            this.replaceTrainer(new Trainer(current.config, { dataGeneration: current.dataGeneration }));
            await this.startFresh();
          } else if (this.mode === 'diverged') {
            throw new Error('The run has diverged; reset it first.');
          }
          const trainer = this.need();
          this.mode = 'running';
          this.target = {
            kind: 'run',
            step: trainer.step + steps,
            replyTo: id,
            startStep: trainer.step,
            startedAt: now(),
          };
          this.rate.clear();
          this.scheduleChunk();
        });
        return;
      }
      case 'setSpeed': {
        const limit = request.stepsPerSec;
        this.stepsPerSecLimit = limit !== null && Number.isFinite(limit) && limit > 0 ? limit : null;
        if (request.evalEveryMs !== undefined && Number.isFinite(request.evalEveryMs))
          this.evalEveryMs = Math.max(50, request.evalEveryMs);
        this.creditFrom = now();
        this.post(this.status(id));
        return;
      }
      case 'regenerateData':
        this.task(id, async () => {
          this.need().regenerateData();
          await this.broadcastEvaluation();
          this.post(this.status(id));
        });
        return;
      case 'evaluate':
        if (request.level !== undefined) this.watchLevel = Math.max(0, Math.floor(request.level));
        if (request.points !== undefined)
          this.points = Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.round(request.points)));
        this.task(id, async () => {
          this.post({ ...(await this.evaluation()), replyTo: id });
        });
        return;
      case 'save':
        this.task(id, async () => this.post({ type: 'saved', replyTo: id, json: await this.need().save() }));
        return;
      case 'load': {
        // Checked in full before anything changes: a bad file leaves the current model and run untouched.
        const parsed = parseModelFile(request.json);
        if (!parsed.ok) return this.post({ type: 'error', replyTo: id, message: parsed.error });
        this.stop('a model was loaded');
        this.task(id, async () => {
          await this.ensureBackend(parsed.model.config);
          const { config, params, step, dataGeneration } = parsed.model;
          this.replaceTrainer(new Trainer(config, { params, step, dataGeneration }));
          this.resetRunState();
          this.fisherAtStart = null;
          this.post(this.progress());
          await this.broadcastEvaluation();
          this.post({ type: 'loaded', replyTo: id, config, step });
          this.post(this.status());
        });
        return;
      }
      case 'scoreAt':
        this.task(id, async () => {
          const { scores, sigma } = await this.need().scoreAt(request.xs, request.sigma);
          this.post({ type: 'scores', replyTo: id, scores, sigma }, [scores.buffer as ArrayBuffer]);
        });
        return;
      case 'epsAt':
        this.task(id, async () => {
          const eps = await this.need().epsAt(request.xs, request.t);
          this.post({ type: 'eps', replyTo: id, eps, t: request.t }, [eps.buffer as ArrayBuffer]);
        });
        return;
      case 'sampleDiffusion': {
        // A newer job replaces an older one: the older stops at its next chunk and replies with null.
        const job = ++this.samplingJob;
        this.task(id, async () => {
          const result = await runLearnedJob(this.need(), request.job, {
            cancelled: () => job !== this.samplingJob,
            onProgress: (p) => this.post({ type: 'diffusionProgress', job: id, ...p }),
            yieldTurn: () => new Promise((resolve) => this.host.yieldThen(() => resolve())),
          });
          this.post({ type: 'diffusionResult', replyTo: id, result });
        });
        return;
      }
      case 'likelihood':
        this.task(id, async () => {
          const logp = await this.need().logLikelihood(request.xs, request.process, {
            steps: request.steps,
            solver: request.solver,
          });
          this.post({ type: 'likelihood', replyTo: id, logp: Array.from(logp) });
        });
        return;
      case 'status':
        this.post(this.status(id));
        return;
    }
  }

  dispose(): void {
    this.stop('the session ended');
    this.stopListening();
    void this.queue.run(() => {
      this.trainer?.dispose();
      this.trainer = null;
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // The loop

  private scheduleChunk(delayMs = 0): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const go = (): void => {
      this.scheduled = false;
      this.timer = null;
      const trainer = this.trainer;
      // A chunk that fails after its model was replaced (a lost GPU, moved elsewhere) has nothing left to stop.
      this.queue
        .run(() => this.chunk())
        .catch((error: unknown) => {
          if (this.trainer === trainer) this.fail(error);
        });
    };
    if (delayMs > 0) this.timer = setTimeout(go, delayMs);
    else this.host.yieldThen(go);
  }

  private async chunk(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || (this.mode !== 'playing' && this.mode !== 'running')) return;
    const epoch = this.epoch;
    let n = this.chunkSteps;
    if (this.mode === 'running' && this.target) n = Math.min(n, this.target.step - trainer.step);
    if (this.mode === 'playing' && this.stepsPerSecLimit !== null) {
      // Slow motion: a step is earned every 1/limit seconds; never bank more than a quarter second of them.
      const perStepMs = 1000 / this.stepsPerSecLimit;
      const t = now();
      this.creditFrom = Math.max(this.creditFrom, t - 250);
      const earned = Math.floor((t - this.creditFrom) / perStepMs);
      if (earned < 1) return this.scheduleChunk(Math.max(1, Math.ceil(this.creditFrom + perStepMs - t)));
      n = Math.min(n, earned);
      this.creditFrom += n * perStepMs;
    }

    if (n > 0) {
      const start = now();
      const losses = await trainer.train(n);
      const end = now();
      if (n === this.chunkSteps) this.adaptChunk(n, end - start);
      this.recordLosses(losses, trainer.step);
      this.rate.add(n, end, start);
      const reason = trainer.divergence(losses);
      if (reason) return this.diverge(reason);
    }
    if (epoch !== this.epoch) return; // stopped while the chunk ran: the stop's own task reports

    if (this.mode === 'running' && this.target && trainer.step >= this.target.step)
      return this.finishTarget();
    if (now() - this.lastProgressAt >= PROGRESS_EVERY_MS) this.postProgress();
    if (this.mode === 'playing' && now() - this.lastEvalAt >= this.evalEveryMs)
      await this.broadcastEvaluation();
    if (epoch === this.epoch) this.scheduleChunk();
  }

  /** Adds per-step losses (the last ending at `step`) to the curve and to the recent-loss window. */
  private recordLosses(losses: Float32Array, step: number): void {
    const first = step - losses.length + 1;
    for (let i = 0; i < losses.length; i++) {
      this.history.add(first + i, losses[i]);
      this.recent.push(losses[i]);
    }
    if (this.recent.length > LOSS_WINDOW) this.recent.splice(0, this.recent.length - LOSS_WINDOW);
    this.lastLoss = this.recent.reduce((sum, v) => sum + v, 0) / this.recent.length;
  }

  /** Steer the chunk length towards CHUNK_TARGET_MS, at most doubling or halving per chunk. */
  private adaptChunk(n: number, ms: number): void {
    const ratio = ms > 0 ? CHUNK_TARGET_MS / ms : 2;
    this.chunkSteps = Math.max(
      1,
      Math.min(MAX_CHUNK_STEPS, Math.round(n * Math.min(2, Math.max(0.5, ratio)))),
    );
  }

  private async finishTarget(): Promise<void> {
    const target = this.target;
    this.target = null;
    this.mode = 'idle';
    this.postProgress();
    if (!target) return;
    const evaluation = await this.broadcastEvaluation();
    if (target.kind === 'step') return this.post(this.status(target.replyTo));
    this.post({ type: 'runResult', replyTo: target.replyTo, metrics: this.metrics(evaluation, target) });
    this.post(this.status());
  }

  private metrics(e: Evaluation, run: Extract<Target, { kind: 'run' }>, diverged?: string): TrainMetrics {
    const seconds = (now() - run.startedAt) / 1000;
    const step = this.trainer?.step ?? 0;
    return {
      step,
      loss: this.lastLoss,
      lossHistory: this.history.curve(),
      sigmas: e.sigmas,
      fisher: e.fisher,
      meanFisher: e.meanFisher,
      fisherAtStart: this.fisherAtStart,
      stepsPerSec: seconds > 0 ? (step - run.startStep) / seconds : 0,
      seconds,
      backend: this.backend?.name ?? null,
      ...(diverged ? { diverged } : {}),
    };
  }

  private async diverge(reason: string): Promise<void> {
    const target = this.target;
    this.target = null;
    this.mode = 'diverged';
    this.epoch++;
    this.postProgress();
    this.post({ type: 'diverged', step: this.trainer?.step ?? 0, reason });
    if (target?.kind === 'run') {
      const evaluation = await this.evaluation();
      this.post({
        type: 'runResult',
        replyTo: target.replyTo,
        metrics: this.metrics(evaluation, target, reason),
      });
    } else if (target?.kind === 'step') {
      this.post(this.status(target.replyTo));
    }
    this.post(this.status());
  }

  /** Stops training at once (the chunk in flight finishes); a pending target is answered. */
  private stop(why: string): void {
    this.epoch++;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      this.scheduled = false;
    }
    if (this.mode === 'playing' || this.mode === 'running') this.mode = 'idle';
    const target = this.target;
    this.target = null;
    if (target?.kind === 'run')
      this.post({ type: 'error', replyTo: target.replyTo, message: `The run was interrupted (${why}).` });
    else if (target?.kind === 'step') this.post(this.status(target.replyTo));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Helpers

  private post(event: WorkerEvent, transfer?: Transferable[]): void {
    this.host.post(event, transfer);
  }

  /** Queues tensor work; a failure answers the request with an error. */
  private task(replyTo: number, work: () => void | Promise<void>): void {
    this.queue
      .run(work)
      .catch((error: unknown) => this.post({ type: 'error', replyTo, message: message(error) }));
  }

  private fail(error: unknown): void {
    this.stop('an error');
    this.post(this.status());
    const report = (): void => this.post({ type: 'error', message: `Training stopped: ${message(error)}` });
    // On WebGPU a failing chunk is usually a symptom of a lost device, whose own report (a backend event with a
    // fallback notice) comes moments before or after; then this error says nothing new.
    if (this.backend?.name !== 'webgpu') return report();
    const failedAt = now();
    setTimeout(() => {
      if (Math.abs(this.lastLostAt - failedAt) > LOST_GRACE_MS) report();
    }, LOST_GRACE_MS);
  }

  private need(): Trainer {
    if (!this.trainer) throw new Error('There is no model yet: configure or load one first.');
    return this.trainer;
  }

  /** Whether play/step can start; answers the request with an error if not. */
  private startable(id: number): boolean {
    if (!this.trainer) {
      this.post({
        type: 'error',
        replyTo: id,
        message: 'There is no model yet: configure or load one first.',
      });
      return false;
    }
    if (this.mode === 'diverged') {
      this.post({ type: 'error', replyTo: id, message: 'The run has diverged; reset it first.' });
      return false;
    }
    return true;
  }

  private async ensureBackend(config: TrainConfig = DEFAULT_TRAIN_CONFIG): Promise<void> {
    if (this.backend) return;
    this.backend = await initBackend('auto', { workload: trainingWorkload(config) });
    this.post({ type: 'backend', ...this.backend });
  }

  private async switchBackend(
    requested: Parameters<typeof initBackend>[0],
    replyTo: number,
    remeasure: boolean,
  ): Promise<void> {
    // Carry the model over as plain numbers: tensors must not straddle two backends.
    const carried = this.trainer ? await this.takeSnapshot(this.trainer) : null;
    this.trainer?.dispose();
    this.trainer = null;
    // auto times a few training steps of this run's network (the default one before the first configure).
    const workload = trainingWorkload(carried?.config ?? DEFAULT_TRAIN_CONFIG);
    this.backend = await initBackend(requested, { workload, remeasure });
    if (carried) this.restore(carried);
    this.post({ type: 'backend', replyTo, ...this.backend });
    if (carried) this.post(this.status());
  }

  private async takeSnapshot(trainer: Trainer): Promise<Snapshot> {
    return {
      config: trainer.config,
      params: await trainer.model.readParams(),
      step: trainer.step,
      dataGeneration: trainer.dataGeneration,
    };
  }

  private restore(s: Snapshot): void {
    this.trainer = new Trainer(s.config, {
      params: s.params,
      step: s.step,
      dataGeneration: s.dataGeneration,
    });
    this.chunkSteps = 1;
    if (this.mode !== 'diverged') this.mode = 'idle';
  }

  private onBackendLost(why: string, lost: BackendName): void {
    this.lastLostAt = now();
    const wasPlaying = this.mode === 'playing';
    this.stop(why);
    // A chunk in flight on a lost WebGL context never finishes; tasks queued behind it (reset!) would wait forever.
    if (lost === 'webgl') this.queue.abandon();
    void this.queue.run(async () => {
      const snapshot = this.snapshot;
      try {
        this.trainer?.dispose();
      } catch {
        // The device is gone; its buffers go with it.
      }
      const config = this.trainer?.config ?? null;
      this.trainer = null;
      const what = lost === 'webgl' ? 'context' : 'device';
      const choice = await initBackend('auto', {
        skip: [lost],
        note: `the ${backendLabel(lost)} ${what} was lost`,
      });
      this.backend = {
        ...choice,
        fallbacks: [`${why[0].toUpperCase()}${why.slice(1)}; moved to ${choice.name}.`, ...choice.fallbacks],
      };
      this.post({ type: 'backend', ...this.backend });
      if (snapshot) this.restore(snapshot);
      else if (config) {
        this.replaceTrainer(new Trainer(config));
        await this.startFresh();
      }
      this.post(this.status());
      if (this.trainer) await this.broadcastEvaluation();
      // Playing carries on where it was, on the new backend.
      if (wasPlaying && this.trainer && this.mode === 'idle') {
        this.mode = 'playing';
        this.creditFrom = now();
        this.scheduleChunk();
        this.post(this.status());
      }
    });
  }

  /**
   * Carries the run on under a new config of the same shape: the trained weights and their average, the step
   * count and the training set's generation go over; Adam's moments start afresh (a new learning rate is a new
   * optimiser). The loss curve goes on unless the objective changed (its loss is another quantity); the step-0
   * Fisher divergences stay while the levels are the same ones.
   */
  private async carryOn(old: Trainer, config: TrainConfig): Promise<void> {
    const [params, averageParams] = [await old.net.readParams(), await old.model.readParams()];
    const trainer = new Trainer(config, {
      params,
      averageParams,
      step: old.step,
      dataGeneration: old.dataGeneration,
    });
    const sameLevels =
      old.config.objective === config.objective &&
      JSON.stringify(trainingSigmas(old.config)) === JSON.stringify(trainingSigmas(config));
    const sameLoss = old.config.objective === config.objective;
    this.replaceTrainer(trainer);
    this.mode = 'idle';
    this.target = null;
    this.rate.clear();
    if (!sameLoss) {
      this.history.clear();
      this.lastLoss = null;
      this.recent = [];
    }
    if (!sameLevels) this.fisherAtStart = null;
    this.post(this.progress());
    await this.broadcastEvaluation();
  }

  /** Keeps `trainer` and its curves for `undo` (null: nothing to keep); an older set-aside run is freed. */
  private setRunAside(trainer: Trainer | null): void {
    this.setAside?.trainer.dispose();
    this.setAside = null;
    if (!trainer) return;
    this.setAside = {
      trainer,
      history: this.history,
      fisherAtStart: this.fisherAtStart,
      lastLoss: this.lastLoss,
      recent: this.recent,
    };
    this.trainer = null; // so that replaceTrainer does not dispose it
    this.history = new LossHistory(500);
  }

  private resumePlaying(): void {
    if (!this.trainer || this.mode === 'diverged') return;
    this.mode = 'playing';
    this.creditFrom = now();
    this.rate.clear();
    this.scheduleChunk();
  }

  private replaceTrainer(trainer: Trainer): void {
    this.trainer?.dispose();
    this.trainer = trainer;
    this.snapshot = null;
    this.chunkSteps = 1;
  }

  private resetRunState(): void {
    this.mode = 'idle';
    this.target = null;
    this.history.clear();
    this.rate.clear();
    this.lastLoss = null;
    this.recent = [];
  }

  /** Step 0 of a run: clear the curves, measure the starting Fisher divergence, tell the page. */
  private async startFresh(): Promise<void> {
    this.resetRunState();
    const evaluation = await this.evaluation();
    this.fisherAtStart = evaluation.fisher;
    this.lastEvalAt = now();
    this.post(this.progress());
    this.post({ ...evaluation, fisherAtStart: evaluation.fisher });
  }

  private async evaluation(): Promise<EvaluationEvent> {
    const trainer = this.need();
    const e = await trainer.evaluate({ level: this.watchLevel, points: this.points });
    const heldOutLoss = await trainer.heldOutLoss();
    if (this.backend?.name === 'webgpu' || this.backend?.name === 'webgl')
      this.snapshot = await this.takeSnapshot(trainer);
    return {
      type: 'evaluation',
      step: trainer.step,
      fisherAtStart: this.fisherAtStart,
      heldOutLoss,
      objective: trainer.config.objective,
      ...e,
    };
  }

  private async broadcastEvaluation(): Promise<EvaluationEvent> {
    const e = await this.evaluation();
    this.lastEvalAt = now();
    this.post(e);
    return e;
  }

  private progress(): ProgressEvent {
    return {
      type: 'progress',
      step: this.trainer?.step ?? 0,
      loss: this.lastLoss,
      lossHistory: this.history.curve(),
      stepsPerSec: this.rate.rate(),
    };
  }

  private postProgress(): void {
    this.lastProgressAt = now();
    this.post(this.progress());
  }

  private status(replyTo?: number): StatusEvent {
    return {
      type: 'status',
      ...(replyTo !== undefined ? { replyTo } : {}),
      status: this.trainer ? this.mode : 'empty',
      step: this.trainer?.step ?? 0,
      config: this.trainer?.config ?? null,
      dataGeneration: this.trainer?.dataGeneration ?? 0,
      speedLimit: this.stepsPerSecLimit,
      evalEveryMs: this.evalEveryMs,
      backend: this.backend?.name ?? null,
    };
  }
}
