/**
 * The page's handle on its playback worker (src/worker/playback.worker.ts). The worker answers requests in
 * order, so replies are matched to a first-in-first-out queue of promises. One worker for the app, started on
 * first use.
 */
import type {
  PlaybackEvent,
  PlaybackReply,
  PlaybackRequest,
  PlaybackSetup,
} from '../../worker/playbackProtocol';

interface Pending {
  resolve: (reply: PlaybackReply) => void;
  reject: (error: Error) => void;
}

class PlaybackClient {
  private readonly worker = new Worker(new URL('../../worker/playback.worker.ts', import.meta.url), {
    type: 'module',
    name: 'score-lab-playback',
  });
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor() {
    this.worker.addEventListener('message', (event: MessageEvent<PlaybackEvent>) => {
      const e = event.data;
      const p = this.queue.shift();
      if (!p) return;
      if (e.type === 'reply') p.resolve(e);
      else p.reject(new Error(e.message));
    });
    this.worker.addEventListener('error', (event) => {
      const message = `The playback worker failed: ${event.message || 'it did not start'}`;
      for (const p of this.queue.splice(0)) p.reject(new Error(message));
    });
  }

  /** Starts a new run; resolves with its id and its first frame. */
  start(setup: PlaybackSetup): { id: number; reply: Promise<PlaybackReply> } {
    const id = this.nextId++;
    return { id, reply: this.send({ type: 'start', id, setup }) };
  }

  advance(id: number, steps: number, budgetMs: number): Promise<PlaybackReply> {
    return this.send({ type: 'advance', id, steps, budgetMs });
  }

  private send(request: PlaybackRequest): Promise<PlaybackReply> {
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      this.worker.postMessage(request);
    });
  }
}

let shared: PlaybackClient | null = null;

export function playbackClient(): PlaybackClient {
  shared ??= new PlaybackClient();
  return shared;
}
