/** The diffusion page's playback worker: PlaybackService (playbackService.ts) served through rpc.ts. */
import type { PlaybackApi } from './playbackProtocol';
import { PlaybackService } from './playbackService';
import { serve } from './rpc';

serve<PlaybackApi>(self as unknown as DedicatedWorkerGlobalScope, (host) => new PlaybackService(host));
