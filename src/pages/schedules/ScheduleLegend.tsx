import { SCHEDULE_INFO, type ScheduleName } from '../../engine/schedules';
import { colourOf } from './scheduleCharts';

/** One legend for all four curve charts: a swatch per chosen schedule, dashed for the VE ones. */
export function ScheduleLegend({ names }: { names: readonly ScheduleName[] }) {
  return (
    <ul className="sched-legend" data-testid="schedule-legend" aria-label="Schedules shown">
      {names.map((name) => (
        <li
          key={name}
          className={`sched-legend-item ${colourOf(name)}${SCHEDULE_INFO[name].family === 've' ? ' dashed' : ''}`}
        >
          {SCHEDULE_INFO[name].label}
          <span className="sched-family">{SCHEDULE_INFO[name].family.toUpperCase()}</span>
        </li>
      ))}
    </ul>
  );
}
