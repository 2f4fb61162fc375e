/**
 * The playback worker's logic (playback.worker.ts serves it through rpc.ts): one run that Play advances a few
 * steps at a time (engine/diffusion's playback runs), answering each request with the frames it kept. The frames'
 * W1 and KS to the exact p_t cost a sort and n CDF evaluations each (tens of ms for n = 10⁴), which is why this
 * runs off the main thread.
 *
 * Requests are answered in order; an `advance` of a run other than the latest started one is answered with no
 * frames, so a reply never mixes two runs.
 */
import { monotonicClock } from '../engine/clock';
import type { DiffusionProcess } from '../engine/diffusion';
import {
  createPlaybackRun,
  frameOf,
  frameStride,
  keepsFrame,
  trackIndices,
  type FrameLayout,
  type PlaybackFrame,
  type SteppedRun,
} from '../engine/diffusion/playback';
import { buildProcess } from '../engine/diffusion/processSpec';
import type { Mixture } from '../engine/mixture';
import type { PlaybackEvent, PlaybackRequest } from './playbackProtocol';
import type { Service, ServiceHost } from './rpc';

interface Current {
  id: number;
  run: SteppedRun;
  process: DiffusionProcess;
  mixture: Mixture;
  layout: FrameLayout;
  stride: number;
}

export class PlaybackService implements Service<PlaybackRequest> {
  private current: Current | null = null;

  constructor(private readonly host: ServiceHost<PlaybackEvent>) {}

  handle(request: PlaybackRequest): void {
    try {
      this.answer(request);
    } catch (error) {
      this.host.post({
        type: 'error',
        replyTo: request.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private reply(replyTo: number, runId: number, frames: PlaybackFrame[], started: number): void {
    const run = this.current?.id === runId ? this.current.run : null;
    this.host.post({
      type: 'frames',
      replyTo,
      frames,
      step: run?.stepIndex ?? 0,
      totalSteps: run?.totalSteps ?? 0,
      done: run?.done ?? true,
      ms: monotonicClock() - started,
    });
  }

  private answer(request: PlaybackRequest): void {
    const started = monotonicClock();
    if (request.type === 'start') {
      const { setup } = request;
      const process = buildProcess(setup.process);
      const run = createPlaybackRun({ ...setup, process });
      const layout = { range: setup.range, bins: setup.bins, tracks: trackIndices(setup.n, setup.tracks) };
      this.current = {
        id: request.id,
        run,
        process,
        mixture: setup.mixture,
        layout,
        stride: frameStride(run.totalSteps),
      };
      return this.reply(request.id, request.id, [frameOf(run, setup.mixture, process, layout)], started);
    }
    const c = this.current;
    if (!c || c.id !== request.run) return this.reply(request.id, request.run, [], started);
    const frames: PlaybackFrame[] = [];
    // At least one step; then more while the budget lasts.
    for (let k = 0; k < request.steps && !c.run.done; k++) {
      if (k > 0 && monotonicClock() - started >= request.budgetMs) break;
      c.run.step(1);
      if (keepsFrame(c.run.stepIndex, c.run.totalSteps, c.stride))
        frames.push(frameOf(c.run, c.mixture, c.process, c.layout));
    }
    this.reply(request.id, request.run, frames, started);
  }
}
