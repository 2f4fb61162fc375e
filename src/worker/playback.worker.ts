/**
 * The diffusion page's playback worker: one run that Play advances a few steps at a time (engine/diffusion's
 * playback runs), answering each request with the frames it kept. The frames' W1 and KS to the exact p_t cost
 * a sort and n CDF evaluations each (tens of ms for n = 10⁴), which is why this runs off the main thread.
 *
 * Requests are answered in order; an 'advance' for a run other than the latest started one is answered with
 * no frames, so a reply never mixes two runs.
 */
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
import type { DiffusionProcess } from '../engine/diffusion';
import type { Mixture } from '../engine/mixture';
import { monotonicClock } from '../engine/clock';
import type { PlaybackEvent, PlaybackRequest } from './playbackProtocol';

const scope = self as unknown as {
  postMessage(message: PlaybackEvent): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PlaybackRequest>) => void): void;
};

interface Current {
  id: number;
  run: SteppedRun;
  process: DiffusionProcess;
  mixture: Mixture;
  layout: FrameLayout;
  stride: number;
}

let current: Current | null = null;

function reply(id: number, frames: PlaybackFrame[], started: number): void {
  const run = current?.id === id ? current.run : null;
  scope.postMessage({
    type: 'reply',
    id,
    frames,
    step: run?.stepIndex ?? 0,
    totalSteps: run?.totalSteps ?? 0,
    done: run?.done ?? true,
    ms: monotonicClock() - started,
  });
}

function handle(request: PlaybackRequest): void {
  const started = monotonicClock();
  if (request.type === 'start') {
    const { setup } = request;
    const process = buildProcess(setup.process);
    const run = createPlaybackRun({ ...setup, process });
    const layout = { range: setup.range, bins: setup.bins, tracks: trackIndices(setup.n, setup.tracks) };
    current = {
      id: request.id,
      run,
      process,
      mixture: setup.mixture,
      layout,
      stride: frameStride(run.totalSteps),
    };
    return reply(request.id, [frameOf(run, setup.mixture, process, layout)], started);
  }
  const c = current;
  if (!c || c.id !== request.id) return reply(request.id, [], started);
  const frames: PlaybackFrame[] = [];
  // At least one step; then more while the budget lasts.
  for (let k = 0; k < request.steps && !c.run.done; k++) {
    if (k > 0 && monotonicClock() - started >= request.budgetMs) break;
    c.run.step(1);
    if (keepsFrame(c.run.stepIndex, c.run.totalSteps, c.stride))
      frames.push(frameOf(c.run, c.mixture, c.process, c.layout));
  }
  reply(request.id, frames, started);
}

scope.addEventListener('message', (event) => {
  try {
    handle(event.data);
  } catch (error) {
    scope.postMessage({
      type: 'error',
      id: event.data.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
