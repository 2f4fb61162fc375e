/**
 * A trained score network in the plane as plain data: what the field2d page's training run publishes and what the
 * sampling2d page samples with when `score=learned`. Plain numbers only, so it crosses postMessage and never holds
 * a tensor: each worker that uses it builds its own network from `params` (layout of engine/tf/plane/vectorNet.ts,
 * with dim = 2).
 */
import type { PlaneTrainConfig } from './trainConfig2';

/** One parameter tensor's numbers, named and shaped as in vectorParamLayout. */
export interface PlaneParam {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface PlaneModelSnapshot {
  /** Grows by one each time a new snapshot is published, so a consumer can tell whether its copy is current. */
  version: number;
  /** The training config the network was trained with (its objective, σ or σ ladder, width and depth). */
  config: PlaneTrainConfig;
  /** Adam steps taken. */
  step: number;
  /**
   * The Fisher divergence of the network against the exact score, averaged over the trained levels, at the time of
   * the snapshot; null when not yet measured. Samplers use it to say how good the model is.
   */
  fisher: number | null;
  params: PlaneParam[];
}
