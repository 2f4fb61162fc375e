/**
 * The playback run's tracked particles as paths for the heat map, in the full-speed result's shape (times, and
 * positions record-major), up to the frame shown; null when there is no playback run.
 */
import type { PlaybackFrame } from '../../engine/diffusion/playback';

export function playbackPaths(
  frames: readonly PlaybackFrame[],
  view: number | null,
): { times: number[]; positions: number[]; tracks: number } | null {
  if (frames.length === 0) return null;
  const upTo = Math.min(view ?? frames.length - 1, frames.length - 1);
  const shown = frames.slice(0, upTo + 1);
  const tracks = shown[0].tracks.length;
  const positions: number[] = [];
  for (const f of shown) for (const v of f.tracks) positions.push(Number.isFinite(v) ? v : 0);
  return { times: shown.map((f) => f.t), positions, tracks };
}
