/**
 * Separate seeded generators for separate jobs, all derived from the run's one seed, so that drawing more
 * of one (say, regenerating the training set) never shifts another (the batches and noise of training).
 */
import { createRng, type Rng } from '../rng';

export type StreamPurpose = 'init' | 'train' | 'data' | 'heldout' | 'reflow';

const PURPOSE_CODE: Record<StreamPurpose, number> = { init: 1, train: 2, data: 3, heldout: 4, reflow: 5 };

/** A 32-bit integer hash (the murmur3 finaliser): nearby inputs give unrelated outputs. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The generator for one purpose; `generation` numbers successive training sets (regenerate). */
export function streamRng(seed: number, purpose: StreamPurpose, generation = 0): Rng {
  let h = mix32(Math.floor(seed) | 0);
  h = mix32(h ^ Math.imul(PURPOSE_CODE[purpose], 0x9e3779b1));
  h = mix32(h ^ Math.imul(generation + 1, 0x27d4eb2f));
  return createRng(h | 0);
}
