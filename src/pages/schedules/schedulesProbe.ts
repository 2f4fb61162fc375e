import { pageValues } from '../../store/appStore';
import type { PageProbe } from '../../store/probe';
import { buildMaps, buildViews, MAP_COLUMNS, MAP_ROWS, selectedNames } from './schedulesModel';

/**
 * metrics(): CONTRACT.md's schedules fields. For each chosen schedule, arrays of length T indexed by step
 * (entry t − 1 is step t, t growing with the noise): VP schedules give beta, alphaBar and logSNR; VE ones give
 * sigma (increasing) and logSNR. Both add lambda and the read-out's shares.
 */
function metrics(): Record<string, unknown> {
  const values = pageValues('schedules');
  const T = values.T;
  const names = selectedNames(values.schedules);
  const views = buildViews(names, T);
  const maps = buildMaps(values.mix, views);
  const schedules: Record<string, unknown> = {};
  for (const { schedule, shares } of views) {
    const common = {
      family: schedule.family,
      logSNR: Array.from(schedule.logSNR),
      lambda: Array.from(schedule.lambda),
      shares: { gone: shares.gone, clean: shares.clean, between: shares.between },
    };
    schedules[schedule.name] =
      schedule.family === 'vp'
        ? { ...common, beta: Array.from(schedule.beta), alphaBar: Array.from(schedule.alphaBar) }
        : { ...common, sigma: Array.from(schedule.sigma) };
  }
  return {
    T,
    selected: names,
    schedules,
    heatmap: {
      xRange: maps.xRange,
      rows: MAP_ROWS,
      maxColumns: MAP_COLUMNS,
      max: maps.max,
      steps: Object.fromEntries(maps.maps.map((m) => [m.name, Array.from(m.map.steps)])),
    },
  };
}

export const schedulesProbe: PageProbe = {
  metrics,
  // Nothing here runs over time: the run is the computation for the current link.
  run: async () => metrics(),
};
