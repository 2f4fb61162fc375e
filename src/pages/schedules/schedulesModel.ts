/**
 * Everything the schedules page computes from its parameters, as plain data: the chosen schedules, their
 * read-outs, and the exact marginal maps for the heat maps.
 */
import { plotRange, type Mixture } from '../../engine/mixture';
import {
  buildSchedule,
  marginalMap,
  parseScheduleList,
  signalShares,
  type MarginalMap,
  type Schedule,
  type ScheduleName,
  type SignalShares,
} from '../../engine/schedules';

/** Heat-map resolution: columns over time (at most one per step), rows over x. */
export const MAP_COLUMNS = 240;
export const MAP_ROWS = 160;

export function selectedNames(list: string): ScheduleName[] {
  return parseScheduleList(list).names;
}

export interface ScheduleView {
  schedule: Schedule;
  shares: SignalShares;
}

export function buildViews(names: readonly ScheduleName[], T: number): ScheduleView[] {
  return names.map((name) => {
    const schedule = buildSchedule(name, T);
    return { schedule, shares: signalShares(schedule) };
  });
}

export interface MapSet {
  xRange: [number, number];
  maps: { name: ScheduleName; map: MarginalMap }[];
  /** The shared top of the colour scale, so the maps can be compared with each other. */
  max: number;
}

export function buildMaps(mixture: Mixture, views: readonly ScheduleView[]): MapSet {
  const xRange = plotRange(mixture, 4);
  const maps = views.map((v) => ({
    name: v.schedule.name,
    map: marginalMap(mixture, v.schedule, { xRange, rows: MAP_ROWS, columns: MAP_COLUMNS }),
  }));
  const max = maps.reduce((m, e) => Math.max(m, e.map.max), 0);
  return { xRange, maps, max };
}

/** The step under a hovered time u = t/T (1..T), or null. */
export function stepAt(u: number | null, T: number): number | null {
  if (u === null || !Number.isFinite(u) || u < -0.02 || u > 1.02) return null;
  return Math.min(T, Math.max(1, Math.round(u * T)));
}

/** The values a read-out shows for one schedule at step t. */
export function valuesAt(schedule: Schedule, t: number) {
  const i = t - 1;
  return {
    beta: schedule.family === 'vp' ? schedule.beta[i] : null,
    alphaBar: schedule.family === 'vp' ? schedule.alphaBar[i] : schedule.equivalentAlphaBar[i],
    sigma: schedule.family === 've' ? schedule.sigma[i] : null,
    logSNR: schedule.logSNR[i],
    lambda: schedule.lambda[i],
  };
}
