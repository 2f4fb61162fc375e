/** The diffusion page's link values as a playback order: the exact-score run of the page's job, in its direction. */
import { rowKey } from '../../store/diffusionSession';
import type { PageValues } from '../../store/schemas';
import type { PlaybackOrder } from '../../store/playbackSession';
import type { PlaybackSetup } from '../../worker/playbackProtocol';
import { jobOf } from './diffusionModel';

export function setupOf(values: PageValues<'diffusion'>): PlaybackSetup {
  const job = jobOf(values);
  return {
    direction: values.direction,
    process: job.process,
    sampler: job.sampler,
    steps: job.steps,
    n: job.n,
    seed: job.seed,
    mixture: job.mixture,
    range: job.range,
    bins: job.bins,
    tracks: job.tracks,
  };
}

/** A run belongs to the settings that shape its particles: the exact job's table key and the direction. */
export function playbackKey(values: PageValues<'diffusion'>): string {
  return `${rowKey(jobOf(values), 'exact')}|${values.direction}`;
}

export function playbackOrder(values: PageValues<'diffusion'>): PlaybackOrder {
  return { setup: setupOf(values), key: playbackKey(values) };
}
