/**
 * The learned run beside the exact playback: when the full-speed result on screen is the learned ε-model's run of
 * the current settings, its kept frames (engine/diffusion/job.ts, `frames`) are at the same steps as the exact
 * playback run's and started from the same draws; off the fused WebGPU kernels (which draw step noise with their own Philox stream)
 * the step noise is the same too, so the two differ only by the score.
 * Forward playback uses no score, so it has no learned twin.
 */
import type { PlaybackFrame } from '../../engine/diffusion/playback';
import type { PageValues } from '../../store/schemas';
import { rowKey } from '../../store/diffusionSession';
import { jobOf } from './diffusionModel';
import type { ShownResult } from '../../store/diffusionSession';

export function learnedFrameAt(
  result: ShownResult | null,
  values: PageValues<'diffusion'>,
  step: number | null,
): PlaybackFrame | null {
  if (step === null || values.direction !== 'reverse' || !result?.frames) return null;
  if (result.score !== 'learned' || result.key !== rowKey(jobOf(values), 'learned')) return null;
  return result.frames.find((f) => f.step === step) ?? null;
}
