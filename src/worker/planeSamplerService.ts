/**
 * The plane sampler worker's logic (planeSampler.worker.ts serves it through rpc.ts): one PlaneRun that Play advances a
 * few steps per display frame. Stepping 10⁵ particles costs tens of milliseconds a step on the exact score, which
 * is why it runs here: the page only paints the positions each reply carries.
 *
 * An `advance` of a run other than the latest started one is answered with the latest run's frame unchanged (its
 * `run` field says which), so a reply never mixes two runs.
 */
import { monotonicClock } from '../engine/clock';
import { PlaneRun, planeCloudMetrics } from '../engine/plane';
import type { PlaneSamplerEvent, PlaneSamplerFrame, PlaneSamplerRequest } from './planeSamplerProtocol';
import { answerOrError, type Service, type ServiceHost } from './rpc';

interface Current {
  id: number;
  run: PlaneRun;
  busyMs: number;
  updates: number;
}

export class PlaneSamplerService implements Service<PlaneSamplerRequest> {
  private current: Current | null = null;

  constructor(private readonly host: ServiceHost<PlaneSamplerEvent>) {}

  handle(request: PlaneSamplerRequest): void {
    answerOrError(this.host, request.id, () => this.answer(request));
  }

  private answer(request: PlaneSamplerRequest): void {
    const started = monotonicClock();
    if (request.type === 'start') {
      this.current = { id: request.id, run: new PlaneRun(request.config), busyMs: 0, updates: 0 };
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
      ms: monotonicClock() - started,
    };
    this.host.post({ type: 'frame', replyTo, ...frame }, [positions.buffer]);
  }
}
