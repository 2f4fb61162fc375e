/**
 * Straightness of a transport (SCIENCE.md §10): the mean length of the paths over the mean straight-line distance
 * between their ends, Σ_j L_j / Σ_j |x_j(end) − x_j(start)|. It is 1 exactly when every path is straight; in 1D a
 * path is straight when it never turns back, so the excess over 1 is the distance spent going back and forth.
 * Lengths are measured on the recorded points, so a path that turns between two records counts as shorter: record
 * every step (or densely) for a faithful read-out.
 */
import type { Trajectories } from '../diffusion/run';

export function straightness(paths: Pick<Trajectories, 'times' | 'positions' | 'tracks'>): number {
  const { positions, tracks } = paths;
  const records = paths.times.length;
  if (tracks === 0 || records < 2) return NaN;
  let length = 0;
  let chord = 0;
  for (let j = 0; j < tracks; j++) {
    for (let r = 1; r < records; r++) {
      length += Math.abs(positions[r * tracks + j] - positions[(r - 1) * tracks + j]);
    }
    chord += Math.abs(positions[(records - 1) * tracks + j] - positions[j]);
  }
  return chord > 0 ? length / chord : NaN;
}
