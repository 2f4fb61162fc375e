/**
 * The plane sampler worker's logic (planeSampler.worker.ts serves it through rpc.ts): one PlaneRun that Play advances a
 * few steps per display frame. Stepping 10⁵ particles costs tens of milliseconds a step on the exact score, which
 * is why it runs here: the page only paints the positions each reply carries.
 *
 * An `advance` of a run other than the latest started one is answered with the latest run's frame unchanged (its
 * `run` field says which), so a reply never mixes two runs.
 *
 * A learned run's network is built by the service's LearnedForward (planeForward.ts), which may first have to start
 * a tensor backend: requests are therefore answered one at a time, in order, through a SerialQueue, so an `advance`
 * never reaches a run still being built.
 */
import { monotonicClock } from '../engine/clock';
import { PlaneRun, planeCloudMetrics } from '../engine/plane';
import type { PlaneSamplerEvent, PlaneSamplerFrame, PlaneSamplerRequest } from './planeSamplerProtocol';
import { javascriptForward, type BuiltForward, type LearnedForward } from './planeForward';
import type { Service, ServiceHost } from './rpc';
import { SerialQueue } from './serialQueue';

interface Current {
  id: number;
  run: PlaneRun;
  /** The network a learned run samples with; null on the exact score. */
  forward: BuiltForward | null;
  busyMs: number;
  updates: number;
}

export class PlaneSamplerService implements Service<PlaneSamplerRequest> {
  private current: Current | null = null;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly host: ServiceHost<PlaneSamplerEvent>,
    private readonly learnedForward: LearnedForward = javascriptForward,
  ) {}

  handle(request: PlaneSamplerRequest): void {
    this.queue
      .run(() => this.answer(request))
      .catch((error: unknown) => {
        this.host.post({
          type: 'error',
          replyTo: request.id,
          message: error instanceof Error ? error.message : String(error),
        });
      });
  }

  private async answer(request: PlaneSamplerRequest): Promise<void> {
    const started = monotonicClock();
    if (request.type === 'start') {
      const { learned } = request.config;
      const forward = learned ? await this.learnedForward.build(learned) : null;
      let run: PlaneRun;
      try {
        run = new PlaneRun(request.config, { learnedScore: forward?.score });
      } catch (error) {
        forward?.dispose();
        throw error;
      }
      this.current?.forward?.dispose();
      this.current = { id: request.id, run, forward, busyMs: 0, updates: 0 };
      this.reply(request.id, started, true);
      return;
    }
    const current = this.current;
    if (current && current.id === request.run) {
      const n = current.run.config.n;
      const before = current.run.stage().step;
      // One step at a time until the count or the time budget is spent (at least one step per request).
      for (let k = 0; k < request.steps && !current.run.done; k++) {
        current.run.step(1);
        if (monotonicClock() - started >= request.budgetMs) break;
      }
      current.busyMs += monotonicClock() - started;
      current.updates += (current.run.stage().step - before) * n;
    }
    this.reply(request.id, started, request.metrics);
  }

  private reply(replyTo: number, started: number, withMetrics: boolean): void {
    const current = this.current;
    if (!current) throw new Error('The plane sampler has no run: start one first.');
    const { run } = current;
    const positions = Float32Array.from(run.positions);
    const frame: PlaneSamplerFrame = {
      run: current.id,
      positions,
      stage: run.stage(),
      tracks: run.tracks(),
      metrics: withMetrics
        ? planeCloudMetrics(run.positions, run.config.mixture, { seed: run.config.seed })
        : null,
      particleStepsPerSec: current.busyMs > 0 ? (1000 * current.updates) / current.busyMs : 0,
      scoreEngine: current.forward?.engine() ?? null,
      ms: monotonicClock() - started,
    };
    this.host.post({ type: 'frame', replyTo, ...frame }, [positions.buffer]);
  }
}
