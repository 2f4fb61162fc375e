import { fmt } from '../../components/Readout';
import { SCHEDULE_INFO } from '../../engine/schedules';
import { colourOf } from './scheduleCharts';
import type { ScheduleView } from './schedulesModel';

const percent = (share: number) => `${Math.round(100 * share)}%`;

/**
 * How each schedule spends its T steps: still essentially clean (ᾱ > 0.99, or λ < 0.1 for VE), doing the
 * work in between, or with the signal essentially gone (ᾱ < 0.01, or λ > 10), with a stacked bar per row.
 */
export function ShareTable({ views, T }: { views: readonly ScheduleView[]; T: number }) {
  return (
    <section className="figure sched-shares" data-testid="share-table">
      <h2 className="figure-title">3 · Where the steps go (T = {T})</h2>
      <div className="sched-table-wrap">
        <table className="stat-table sched-table">
          <thead>
            <tr>
              <th scope="col">Schedule</th>
              <th scope="col">at t = T</th>
              <th scope="col">clean</th>
              <th scope="col">working</th>
              <th scope="col">gone</th>
              <th scope="col" className="sched-bar-col">
                <span className="sched-visually-hidden">Shares as a bar</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {views.map(({ schedule, shares }) => {
              const last =
                schedule.family === 'vp'
                  ? `ᾱ ${fmt(schedule.alphaBar[schedule.T - 1])}`
                  : `σ ${fmt(schedule.sigma[schedule.T - 1])}`;
              return (
                <tr key={schedule.name} data-testid={`share-${schedule.name}`}>
                  <th scope="row" className={`sched-swatch ${colourOf(schedule.name)}`}>
                    {SCHEDULE_INFO[schedule.name].label}
                  </th>
                  <td className="sched-nowrap">{last}</td>
                  <td data-testid={`share-${schedule.name}-clean`}>{percent(shares.clean)}</td>
                  <td>{percent(shares.between)}</td>
                  <td data-testid={`share-${schedule.name}-gone`}>{percent(shares.gone)}</td>
                  <td className="sched-bar-col">
                    <span className="sched-bar" aria-hidden="true">
                      <span className="sched-bar-clean" style={{ width: percent(shares.clean) }} />
                      <span className="sched-bar-work" style={{ width: percent(shares.between) }} />
                      <span className="sched-bar-gone" style={{ width: percent(shares.gone) }} />
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="figure-caption">
        Clean: ᾱ_t &gt; 0.99 (VE: λ_t &lt; 0.1), the noise at most a tenth of the signal. Gone: ᾱ_t &lt; 0.01
        (VE: λ_t &gt; 10), the signal at most a tenth of the noise. The two criteria agree up to rounding,
        since ᾱ = 1/(1 + λ²). Working: everything in between, where the data turns into noise.
      </p>
    </section>
  );
}
