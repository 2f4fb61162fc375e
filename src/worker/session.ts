/**
 * The training session behind the worker: request handling. Each protocol request is mapped onto the layers below
 * it (sessionCore.ts: state and replies; sessionLoop.ts: the pacing loop; sessionRecovery.ts: backends). A plain
 * class with no Worker API in it (the host passes messages in and out), so Node tests drive it directly.
 *
 * Requests that change the run mode (pause, reset, configure, …) take effect synchronously: the next chunk is
 * simply never started. All tensor work goes through the session's one SerialQueue, in order.
 */
import { configProblem, keepsWeights } from '../engine/training/config';
import { MAX_POINTS, MIN_POINTS } from '../engine/tf/evaluate';
import { parseModelFile } from '../engine/tf/modelFile';
import { Trainer } from '../engine/tf/trainer';
import type { WorkerRequest } from './protocol';
import { SessionRecovery } from './sessionRecovery';

export type { SessionHost } from './sessionCore';

export class TrainingSession extends SessionRecovery {
  /** Configure requests queued and not yet done: a Play that arrives meanwhile waits for the model they make. */
  private pendingConfigures = 0;
  /** Counts Play requests, and the epoch the latest one began (a stop after it moves the epoch on). */
  private plays = 0;
  private playEpoch = -1;

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
        this.startPlaying();
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
            startedAt: this.now(),
          };
          this.rate.clear();
          this.scheduleChunk();
        });
        return;
      }
      case 'setSpeed': {
        this.setSpeedLimit(request.stepsPerSec);
        if (request.evalEveryMs !== undefined && Number.isFinite(request.evalEveryMs))
          this.evalEveryMs = Math.max(50, request.evalEveryMs);
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
}
