/**
 * One page seed, two independent streams: the initial draws and the step noise. Both come from the app's
 * generator forked from the seed, so changing n or ε never shifts the other stream, and the same URL gives
 * the same particles.
 */
import { createRng, type Rng } from '../rng';

export interface RunSeeds {
  /** Draws the initial particles (the app's Rng: one-off draws, speed does not matter). */
  init: Rng;
  /** Seeds the fast normal stream of the steps. */
  noiseSeed: number;
}

export function runSeeds(seed: number): RunSeeds {
  const root = createRng(seed);
  const init = root.fork();
  const noiseSeed = Math.floor(root.fork().uniform() * 4294967296);
  return { init, noiseSeed };
}
