/**
 * The training session's state and the helpers every part of it uses: replies and events, the tensor queue, the
 * trainer and its curves, evaluations. The session is built in layers, each in its own file:
 *
 *   sessionCore.ts      state, replies, evaluations, starting and replacing a run
 *   sessionLoop.ts      the pacing loop: chunks of training steps, slow motion, targets, stops, divergence
 *   sessionRecovery.ts  backends: starting one, switching, and carrying a run over when a GPU is lost
 *   session.ts          request handling: the protocol's requests mapped onto the layers below
 *
 * None of it uses the Worker API (the host passes messages in and out), so Node tests drive it directly.
 */
import type { BackendChoice } from '../engine/tf/backend';
import { monotonicClock, type Clock } from '../engine/clock';
import { trainingSigmas, type TrainConfig } from '../engine/training/config';
import { DEFAULT_POINTS } from '../engine/tf/evaluate';
import { LossHistory } from '../engine/training/lossHistory';
import type { ParamArray } from '../engine/tf/net';
import { Trainer } from '../engine/tf/trainer';
import type { EvaluationEvent, ProgressEvent, RunStatus, StatusEvent, WorkerEvent } from './protocol';
import { RateMeter } from './rateMeter';
import { SerialQueue } from './serialQueue';

export interface SessionHost {
  post(event: WorkerEvent, transfer?: Transferable[]): void;
  /** Calls fn in a new task, after messages already waiting (MessageChannel in a worker, setImmediate in Node). */
  yieldThen(fn: () => void): void;
  /** The session's time (default: performance.now()); tests pass a clock they drive by hand. */
  clock?: Clock;
  /** Calls fn once `ms` of the host's time have passed (default: setTimeout); returns its cancel. */
  after?(ms: number, fn: () => void): () => void;
}

export const DEFAULT_EVAL_EVERY_MS = 300;

export type Mode = Exclude<RunStatus, 'empty'>;

/** Training towards a step count: `step` requests, and runToEnd (which replies with metrics). */
export type Target =
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

export interface Snapshot {
  config: TrainConfig;
  params: ParamArray[];
  step: number;
  dataGeneration: number;
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function setTimeoutAfter(ms: number, fn: () => void): () => void {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
}

export class SessionCore {
  protected readonly queue = new SerialQueue();
  protected readonly now: Clock;
  protected readonly after: (ms: number, fn: () => void) => () => void;
  protected trainer: Trainer | null = null;
  protected backend: BackendChoice | null = null;
  protected mode: Mode = 'idle';
  protected target: Target | null = null;
  protected evalEveryMs = DEFAULT_EVAL_EVERY_MS;
  protected history = new LossHistory(500);
  /** The run replaced by the latest undoable configure, until `undo` brings it back or another run replaces it. */
  protected setAside: SetAside | null = null;
  protected readonly rate = new RateMeter();
  /** Mean loss of the last LOSS_WINDOW steps (null before the first step). */
  protected lastLoss: number | null = null;
  protected recent: number[] = [];
  protected fisherAtStart: number[] | null = null;
  protected watchLevel = 0;
  protected points = DEFAULT_POINTS;
  protected lastProgressAt = -Infinity;
  protected lastEvalAt = -Infinity;
  /** The weights as of the last evaluation on a GPU backend, to carry on elsewhere if the GPU is lost. */
  protected snapshot: Snapshot | null = null;
  protected chunkSteps = 1;
  /** The speed limit in steps per second (null: as fast as the backend goes). */
  protected stepsPerSecLimit: number | null = null;

  constructor(protected readonly host: SessionHost) {
    this.now = host.clock ?? monotonicClock;
    this.after = host.after ? (ms, fn) => host.after!(ms, fn) : setTimeoutAfter;
  }

  protected post(event: WorkerEvent, transfer?: Transferable[]): void {
    this.host.post(event, transfer);
  }

  /** Queues tensor work; a failure answers the request with an error. */
  protected task(replyTo: number, work: () => void | Promise<void>): void {
    this.queue
      .run(work)
      .catch((error: unknown) => this.post({ type: 'error', replyTo, message: message(error) }));
  }

  protected need(): Trainer {
    if (!this.trainer) throw new Error('There is no model yet: configure or load one first.');
    return this.trainer;
  }

  /** Whether play/step can start; answers the request with an error if not. */
  protected startable(id: number): boolean {
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

  protected async takeSnapshot(trainer: Trainer): Promise<Snapshot> {
    return {
      config: trainer.config,
      params: await trainer.model.readParams(),
      step: trainer.step,
      dataGeneration: trainer.dataGeneration,
    };
  }

  /**
   * Carries the run on under a new config of the same shape: the trained weights and their average, the step
   * count and the training set's generation go over; Adam's moments start afresh (a new learning rate is a new
   * optimiser). The loss curve goes on unless the objective changed (its loss is another quantity); the step-0
   * Fisher divergences stay while the levels are the same ones.
   */
  protected async carryOn(old: Trainer, config: TrainConfig): Promise<void> {
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
  protected setRunAside(trainer: Trainer | null): void {
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

  protected replaceTrainer(trainer: Trainer): void {
    this.trainer?.dispose();
    this.trainer = trainer;
    this.prepareTrainer(trainer);
    this.snapshot = null;
    this.chunkSteps = 1;
  }

  /** Gives a new run what its backend offers beyond the ops (sessionRecovery.ts: the fused WebGPU step). */
  protected prepareTrainer(trainer: Trainer): void {
    void trainer;
  }

  protected resetRunState(): void {
    this.mode = 'idle';
    this.target = null;
    this.history.clear();
    this.rate.clear();
    this.lastLoss = null;
    this.recent = [];
  }

  /** Step 0 of a run: clear the curves, measure the starting Fisher divergence, tell the page. */
  protected async startFresh(): Promise<void> {
    this.resetRunState();
    const evaluation = await this.evaluation();
    this.fisherAtStart = evaluation.fisher;
    this.lastEvalAt = this.now();
    this.post(this.progress());
    this.post({ ...evaluation, fisherAtStart: evaluation.fisher });
  }

  protected async evaluation(): Promise<EvaluationEvent> {
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

  protected async broadcastEvaluation(): Promise<EvaluationEvent> {
    const e = await this.evaluation();
    this.lastEvalAt = this.now();
    this.post(e);
    return e;
  }

  protected progress(): ProgressEvent {
    return {
      type: 'progress',
      step: this.trainer?.step ?? 0,
      loss: this.lastLoss,
      lossHistory: this.history.curve(),
      stepsPerSec: this.rate.rate(),
    };
  }

  protected postProgress(): void {
    this.lastProgressAt = this.now();
    this.post(this.progress());
  }

  protected status(replyTo?: number): StatusEvent {
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
