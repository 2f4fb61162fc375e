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

/**
 * Liu et al. 2022's straightness of a transport in time (rectified flow): the mean squared deviation of the
 * velocity from the constant velocity of the chord,
 *
 *   S = (1/(t_0 − t_N)) ∫ mean_j (ẋ_j(t) − (x_j(t_N) − x_j(t_0))/(t_N − t_0))² dt,
 *
 * here with ẋ the finite difference between consecutive records (so it is exact for paths that are linear
 * between records). S = 0 exactly when every path moves at constant speed on its chord, and then one Euler step
 * on the uniform grid is exact; the length ratio above ignores time, and so cannot see a path that keeps its
 * direction but changes speed.
 */
export function speedDeviation(paths: Pick<Trajectories, 'times' | 'positions' | 'tracks'>): number {
  const { times, positions, tracks } = paths;
  const records = times.length;
  if (tracks === 0 || records < 2) return NaN;
  const span = times[records - 1] - times[0];
  if (span === 0) return NaN;
  let total = 0;
  for (let j = 0; j < tracks; j++) {
    const chord = (positions[(records - 1) * tracks + j] - positions[j]) / span;
    for (let r = 1; r < records; r++) {
      const dt = times[r] - times[r - 1];
      const speed = (positions[r * tracks + j] - positions[(r - 1) * tracks + j]) / dt;
      total += Math.abs(dt) * (speed - chord) ** 2;
    }
  }
  return total / (tracks * Math.abs(span));
}
