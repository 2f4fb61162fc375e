import { MixtureEditorGroup } from '../../components/MixtureEditor';
import { ControlGroup } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { formatScheduleList, SCHEDULE_INFO, SCHEDULE_NAMES, type ScheduleName } from '../../engine/schedules';
import { useAppStore } from '../../store/appStore';
import { colourOf } from './scheduleCharts';

/** Presets: each sets the selection and T. */
const PRESETS: { id: string; label: string; names: ScheduleName[]; T: number | null }[] = [
  { id: 'classic', label: 'Geometric vs cosine, 15 levels', names: ['cosine', 'geometric'], T: 15 },
  { id: 'ddpm', label: 'Linear vs cosine, T = 1000', names: ['linear', 'cosine'], T: 1000 },
  { id: 'all', label: 'All eight', names: [...SCHEDULE_NAMES], T: null },
];

/** Which schedules to compare (at least one stays on), how many steps, presets, and the mixture. */
export function SchedulesControls({ selected }: { selected: readonly ScheduleName[] }) {
  const setParam = useAppStore((s) => s.setParam);
  const setParams = useAppStore((s) => s.setParams);
  const toggle = (name: ScheduleName, on: boolean) => {
    const next = on ? [...selected, name] : selected.filter((n) => n !== name);
    if (next.length > 0) setParam('schedules', formatScheduleList(next));
  };
  return (
    <>
      <ControlGroup title="Schedules">
        <fieldset className="sched-picker" data-testid="schedule-picker">
          <legend className="sched-visually-hidden">Schedules to compare</legend>
          {SCHEDULE_NAMES.map((name) => {
            const on = selected.includes(name);
            const info = SCHEDULE_INFO[name];
            return (
              <label key={name} className={`sched-option ${colourOf(name)}`}>
                <input
                  type="checkbox"
                  checked={on}
                  // The last schedule cannot be switched off: the page always compares something.
                  disabled={on && selected.length === 1}
                  onChange={(e) => toggle(name, e.target.checked)}
                  data-testid={`pick-${name}`}
                />
                <span className="sched-option-name">{info.label}</span>
                <span className="sched-family">{info.family.toUpperCase()}</span>
              </label>
            );
          })}
        </fieldset>
      </ControlGroup>
      <ControlGroup title="Steps">
        <ParamSlider page="schedules" name="T" label="Steps T" hint="levels of every schedule" />
      </ControlGroup>
      <ControlGroup title="Presets">
        <div className="sched-presets">
          {PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              className="button"
              data-testid={`preset-${p.id}`}
              onClick={() =>
                setParams(
                  p.T === null
                    ? { schedules: formatScheduleList(p.names) }
                    : { schedules: formatScheduleList(p.names), T: p.T },
                )
              }
            >
              {p.label}
            </button>
          ))}
        </div>
      </ControlGroup>
      <MixtureEditorGroup />
    </>
  );
}
