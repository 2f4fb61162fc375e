/**
 * The plane's training worker logic (planeEntry.ts serves it through rpc.ts): one PlaneTrainer on a 2D mixture,
 * trained in chunks. After a chunk it posts a `progress` event with the chunk's losses, the rate, the learned
 * field on the page's grid and the averaged weights, at most every REPORT_MS; at most every FISHER_MS (and at the
 * start of a run, and when it stops) the event also carries the Fisher divergence per level (PlaneFisher, Monte Carlo on exact draws of q_σ).
 *
 * Everything that touches tensors goes through one SerialQueue, so a configure or reset never lands inside a
 * chunk's readback; a playing run queues its next chunk after a task turn, so requests that arrived meanwhile
 * are handled first. A plain class with no Worker API in it.
 */
import { monotonicClock } from '../engine/clock';
import { initBackend } from '../engine/tf/backend';
import { mixture2Data, type ScoreData } from '../engine/plane/scoreData';
import type { Mixture2 } from '../engine/plane/mixture2';
import { cleanPlaneConfig, type PlaneTrainConfig } from '../engine/plane/trainConfig2';
import { learnedField2 } from '../engine/tf/plane/field2';
import { PlaneFisher } from '../engine/tf/plane/fisher2';
import { timeDimStep } from '../engine/tf/plane/dimCost';
import { PlaneTrainer } from '../engine/tf/plane/trainer2';
import type { PlaneEvent, PlaneRequest, PlaneRunStatus, PlaneView } from './planeProtocol';
import { RateMeter } from './rateMeter';
import type { Service, ServiceHost } from './rpc';
import { SerialQueue } from './serialQueue';

/** A chunk aims at this much training time, so that progress (and a pause) comes a few times a second. */
const CHUNK_MS = 120;
const MAX_CHUNK = 200;
/**
 * A playing run reports at most this often: each report redraws the page's figures, which on a slow machine
 * costs more main-thread time than a chunk takes here.
 */
const REPORT_MS = 300;
/** The Fisher divergence is measured at most this often (each costs one forward pass per level). */
const FISHER_MS = 1000;
/** Exact draws of q_σ per level for the Fisher estimate (its standard error shrinks as 1/√n). */
const FISHER_DRAWS = 2048;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether a run with config b may start from a's weights: the same network shape and the same seed. */
export function planeKeepsWeights(a: PlaneTrainConfig, b: PlaneTrainConfig): boolean {
  return a.width === b.width && a.depth === b.depth && a.seed === b.seed;
}

interface Run {
  trainer: PlaneTrainer;
  fisher: PlaneFisher;
  data: ScoreData;
}

export class PlaneService implements Service<PlaneRequest> {
  private readonly queue = new SerialQueue();
  private readonly meter = new RateMeter();
  private run: Run | null = null;
  private config: PlaneTrainConfig | null = null;
  private mixture: Mixture2 | null = null;
  private view: PlaneView | null = null;
  private status: PlaneRunStatus = 'empty';
  private chunk = 5;
  private lastReport = -Infinity;
  private lastFisher = -Infinity;
  /** The loss of each step since the last progress event. */
  private pending: number[] = [];
  /** Counts play requests, so a loop started by an older play stops when a newer one (or a pause) arrives. */
  private generation = 0;

  constructor(private readonly host: Pick<ServiceHost<PlaneEvent>, 'post' | 'yieldTurn'>) {}

  handle(request: PlaneRequest): void {
    const fail = (error: unknown) =>
      this.host.post({ type: 'error', replyTo: request.id, message: message(error) });
    switch (request.type) {
      case 'init':
        this.queue
          .run(async () => {
            const choice = await initBackend(request.backend);
            // Tensors cannot cross backends: the run is rebuilt from its numbers on the new one.
            if (this.run && this.config && this.mixture) await this.rebuild(this.config, this.mixture, true);
            this.host.post({ type: 'backend', replyTo: request.id, ...choice });
          })
          .catch(fail);
        return;
      case 'configure':
        this.queue
          .run(() => this.configure(request.id, request.config, request.mixture, request.view))
          .catch(fail);
        return;
      case 'view':
        this.queue
          .run(async () => {
            this.view = request.view;
            await this.report(request.id, false);
          })
          .catch(fail);
        return;
      case 'play':
        if (this.status === 'empty') return fail(new Error('There is no run to train: configure one first.'));
        this.status = 'playing';
        this.generation += 1;
        this.postStatus(request.id);
        void this.loop(this.generation);
        return;
      case 'pause':
        if (this.status === 'playing') this.status = 'idle';
        this.generation += 1;
        this.queue
          .run(async () => {
            await this.catchUp();
            this.postStatus(request.id);
          })
          .catch(fail);
        return;
      case 'step':
        this.generation += 1;
        if (this.status === 'playing') this.status = 'idle';
        this.queue.run(() => this.stepTo(request.id, request.steps, request.target)).catch(fail);
        return;
      case 'reset':
        this.generation += 1;
        this.queue
          .run(async () => {
            if (!this.config || !this.mixture)
              throw new Error('There is no run to reset: configure one first.');
            await this.rebuild(this.config, this.mixture, false);
            this.status = 'idle';
            this.postStatus(request.id);
          })
          .catch(fail);
        return;
      case 'dimCost':
        this.queue
          .run(async () => {
            for (const [i, D] of request.dims.entries()) {
              const cost = await timeDimStep(D, { batch: 128, steps: 3, rounds: 3 });
              const last = i === request.dims.length - 1;
              this.host.post({
                type: 'dimCost',
                job: request.id,
                replyTo: last ? request.id : undefined,
                ...cost,
              });
              await this.host.yieldTurn();
            }
          })
          .catch(fail);
        return;
    }
  }

  private postStatus(replyTo?: number, extra: { kept?: boolean; previousStep?: number } = {}): void {
    const step = this.run?.trainer.step ?? 0;
    this.host.post({ type: 'status', replyTo, status: this.status, step, ...extra });
  }

  private async configure(
    id: number,
    raw: PlaneTrainConfig,
    mixture: Mixture2,
    view: PlaneView,
  ): Promise<void> {
    const config = cleanPlaneConfig(raw);
    const previousStep = this.run?.trainer.step ?? 0;
    const keep = this.config !== null && this.run !== null && planeKeepsWeights(this.config, config);
    this.view = view;
    await this.rebuild(config, mixture, keep);
    if (this.status === 'empty') this.status = 'idle';
    this.postStatus(id, { kept: keep, previousStep });
  }

  /** A new trainer for the config: from the old one's averaged weights and step when `keep`, else from the seed. */
  private async rebuild(config: PlaneTrainConfig, mixture: Mixture2, keep: boolean): Promise<void> {
    const old = this.run;
    const params = keep && old ? await old.trainer.readParams() : undefined;
    const step = keep && old ? old.trainer.step : 0;
    old?.trainer.dispose();
    this.run = null;
    const data = mixture2Data(mixture);
    const trainer = new PlaneTrainer(config, data, { params, step });
    this.run = { trainer, data, fisher: new PlaneFisher(data, trainer.sigmas, FISHER_DRAWS, config.seed) };
    this.config = config;
    this.mixture = mixture;
    this.pending = [];
    this.meter.clear();
    this.chunk = 5;
    await this.report(undefined, true);
  }

  /** One chunk of training: its size follows the measured rate so that it lasts about CHUNK_MS. */
  private async trainChunk(limit = Infinity): Promise<void> {
    const run = this.need();
    const n = Math.max(1, Math.min(this.chunk, limit));
    const start = monotonicClock();
    const losses = await run.trainer.train(n);
    const end = monotonicClock();
    this.meter.add(n, end, start);
    const perStep = (end - start) / n;
    this.chunk = Math.max(1, Math.min(MAX_CHUNK, Math.round(CHUNK_MS / Math.max(perStep, 0.01))));
    for (const v of losses) this.pending.push(v);
    const bad = losses.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      this.status = 'idle';
      this.generation += 1;
      throw new Error(
        `Training diverged at step ${run.trainer.step - n + bad + 1} (the loss is not a number): lower the learning rate, or reset.`,
      );
    }
    if (end - this.lastReport >= REPORT_MS) await this.report(undefined, end - this.lastFisher >= FISHER_MS);
  }

  private async loop(generation: number): Promise<void> {
    while (this.generation === generation && this.status === 'playing') {
      try {
        await this.queue.run(() => (this.generation === generation ? this.trainChunk() : undefined));
      } catch (error) {
        this.status = 'idle';
        this.host.post({ type: 'error', message: message(error) });
        this.postStatus();
        return;
      }
      await this.host.yieldTurn();
    }
  }

  private async stepTo(id: number, steps: number, target?: number): Promise<void> {
    const run = this.need();
    const goal = Math.min(run.trainer.step + Math.max(1, Math.floor(steps)), target ?? Infinity);
    this.status = 'running';
    try {
      while (run === this.run && run.trainer.step < goal) await this.trainChunk(goal - run.trainer.step);
    } finally {
      this.status = 'idle';
    }
    await this.catchUp();
    this.postStatus(id);
  }

  /** A progress event: the losses so far, the learned field on the view, the weights, and the Fisher if asked. */
  private async report(replyTo: number | undefined, withFisher: boolean): Promise<void> {
    const run = this.need();
    const view = this.view;
    if (!view) return;
    const { trainer } = run;
    const sigma = trainer.config.objective === 'ncsn' ? view.sigma : trainer.sigmas[0];
    const learned = await learnedField2(trainer.model, view.grid, sigma);
    const fisher = withFisher ? await run.fisher.evaluate(trainer.model) : undefined;
    this.lastReport = monotonicClock();
    if (withFisher) this.lastFisher = this.lastReport;
    const losses = Float32Array.from(this.pending);
    this.pending = [];
    this.host.post({
      type: 'progress',
      replyTo,
      step: trainer.step,
      fromStep: trainer.step - losses.length,
      losses,
      stepsPerSec: this.meter.rate(),
      learned: { ...learned, sigma },
      fisher,
      params: await trainer.readParams(),
    });
  }

  /** A last report with the Fisher divergence when training stops, unless the latest report is current. */
  private async catchUp(): Promise<void> {
    if (this.run && (this.pending.length > 0 || this.lastFisher < this.lastReport))
      await this.report(undefined, true);
  }

  private need(): Run {
    if (!this.run) throw new Error('There is no run: configure one first.');
    return this.run;
  }
}
