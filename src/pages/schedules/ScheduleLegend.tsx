import { SCHEDULE_INFO, type ScheduleName } from '../../engine/schedules';
import { colourOf, DASH_OF } from './scheduleCharts';

/** One legend for all four curve charts: a swatch per chosen schedule, drawn with its curve's colour and dashes. */
export function ScheduleLegend({ names }: { names: readonly ScheduleName[] }) {
  return (
    <ul className="sched-legend" data-testid="schedule-legend" aria-label="Schedules shown">
      {names.map((name) => (
        <li
          key={name}
          className={`sched-legend-item sched-legend-svg ${colourOf(name)}`}
          data-schedule={name}
        >
          <svg width="28" height="8" aria-hidden="true" className="sched-legend-swatch">
            <line x1="1" x2="27" y1="4" y2="4" strokeDasharray={DASH_OF[name] ?? undefined} />
          </svg>
          {SCHEDULE_INFO[name].label}
          <span className="sched-family">{SCHEDULE_INFO[name].family.toUpperCase()}</span>
        </li>
      ))}
    </ul>
  );
}
