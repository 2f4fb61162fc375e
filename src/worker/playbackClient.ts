/** The page's handle on the playback worker (playback.worker.ts). One worker for the app, started on first use. */
import type { PlaybackApi, PlaybackReply, PlaybackSetup } from './playbackProtocol';
import { RpcClient } from './rpc';

export class PlaybackClient extends RpcClient<PlaybackApi> {
  constructor() {
    super(
      new Worker(new URL('./playback.worker.ts', import.meta.url), {
        type: 'module',
        name: 'score-lab-playback',
      }),
      'playback worker',
    );
  }

  /** Starts a new run; its id is the request's, and the reply holds its first frame. */
  start(setup: PlaybackSetup): { id: number; reply: Promise<PlaybackReply> } {
    return this.send<'start'>({ type: 'start', setup });
  }

  advance(run: number, steps: number, budgetMs: number): Promise<PlaybackReply> {
    return this.request<'advance'>({ type: 'advance', run, steps, budgetMs });
  }
}

let shared: PlaybackClient | null = null;

export function playbackClient(): PlaybackClient {
  shared ??= new PlaybackClient();
  return shared;
}
