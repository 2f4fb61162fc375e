/**
 * The training session's pacing loop. It trains in chunks sized to take ~20 ms, reads the chunk's mean loss back
 * once (which also paces GPU backends), then yields a task turn so that pause, step, reset and configure are seen
 * within one chunk. All tensor work runs through one SerialQueue, so nothing replaces the model while a chunk is in
 * flight. A stop (pause, reset, configure, …) takes effect synchronously: the next chunk is simply never started.
 *
 * Slow motion (a steps-per-second limit while playing) earns steps from the engine's Pacer on the host's clock.
 */
import { Pacer } from '../engine/pacer';
import type { Evaluation } from '../engine/tf/evaluate';
import type { TrainMetrics } from './protocol';
import { SessionCore, type Target } from './sessionCore';

/** Wall time one chunk of steps aims at: short enough to pause at once, long enough to amortise the readback. */
export const CHUNK_TARGET_MS = 20;
export const MAX_CHUNK_STEPS = 4096;
export const PROGRESS_EVERY_MS = 100;
/** The reported loss is the mean over this many latest steps (smooth, and independent of chunking). */
export const LOSS_WINDOW = 50;

export abstract class SessionLoop extends SessionCore {
  /** Counts stops (pause, reset, …); a chunk that started before one does not schedule another. */
  protected epoch = 0;
  private scheduled = false;
  /** Cancels the slow-motion wait for the next step; any stop calls it. */
  private cancelWait: (() => void) | null = null;
  /** Earns the steps of a speed-limited run (null: no limit). */
  private pacer: Pacer | null = null;

  /** Reports a failed chunk (backend-aware: sessionRecovery.ts). */
  protected abstract fail(error: unknown): void;

  /** Sets the speed limit (null or a non-positive or non-finite value: none); earning restarts now. */
  protected setSpeedLimit(limit: number | null): void {
    this.stepsPerSecLimit = limit !== null && Number.isFinite(limit) && limit > 0 ? limit : null;
    this.pacer = this.stepsPerSecLimit === null ? null : new Pacer(this.stepsPerSecLimit, this.now);
  }

  /** Enters 'playing' and schedules the first chunk, with an empty bank of slow-motion steps. */
  protected startPlaying({ clearRate = true } = {}): void {
    this.mode = 'playing';
    this.pacer?.restart();
    if (clearRate) this.rate.clear();
    this.scheduleChunk();
  }

  protected resumePlaying(): void {
    if (!this.trainer || this.mode === 'diverged') return;
    this.startPlaying();
  }

  protected scheduleChunk(delayMs = 0): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const go = (): void => {
      this.scheduled = false;
      this.cancelWait = null;
      const trainer = this.trainer;
      // A chunk that fails after its model was replaced (a lost GPU, moved elsewhere) has nothing left to stop.
      this.queue
        .run(() => this.chunk())
        .catch((error: unknown) => {
          if (this.trainer === trainer) this.fail(error);
        });
    };
    if (delayMs > 0) this.cancelWait = this.after(delayMs, go);
    else this.host.yieldThen(go);
  }

  private async chunk(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || (this.mode !== 'playing' && this.mode !== 'running')) return;
    const epoch = this.epoch;
    let n = this.chunkSteps;
    if (this.mode === 'running' && this.target) n = Math.min(n, this.target.step - trainer.step);
    if (this.mode === 'playing' && this.pacer) {
      // Slow motion: a step is earned every 1/limit seconds; never more than a quarter second of them banked.
      const earned = this.pacer.earned();
      if (earned < 1) return this.scheduleChunk(Math.max(1, Math.ceil(this.pacer.msUntilNext())));
      n = Math.min(n, earned);
      this.pacer.take(n);
    }

    if (n > 0) {
      const start = this.now();
      const losses = await trainer.train(n);
      const end = this.now();
      if (n === this.chunkSteps) this.adaptChunk(n, end - start);
      this.recordLosses(losses, trainer.step);
      this.rate.add(n, end, start);
      const reason = trainer.divergence(losses);
      if (reason) return this.diverge(reason);
    }
    if (epoch !== this.epoch) return; // stopped while the chunk ran: the stop's own task reports

    if (this.mode === 'running' && this.target && trainer.step >= this.target.step)
      return this.finishTarget();
    if (this.now() - this.lastProgressAt >= PROGRESS_EVERY_MS) this.postProgress();
    if (this.mode === 'playing' && this.now() - this.lastEvalAt >= this.evalEveryMs)
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
    const seconds = (this.now() - run.startedAt) / 1000;
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
  protected stop(why: string): void {
    this.epoch++;
    if (this.cancelWait !== null) {
      this.cancelWait();
      this.cancelWait = null;
      this.scheduled = false;
    }
    if (this.mode === 'playing' || this.mode === 'running') this.mode = 'idle';
    const target = this.target;
    this.target = null;
    if (target?.kind === 'run')
      this.post({ type: 'error', replyTo: target.replyTo, message: `The run was interrupted (${why}).` });
    else if (target?.kind === 'step') this.post(this.status(target.replyTo));
  }
}
