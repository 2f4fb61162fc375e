import { useMemo } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt, Readout } from '../../components/Readout';
import { mixturePdf, type Mixture } from '../../engine/mixture';
import { scheduleMarginal, SCHEDULE_INFO, type ScheduleName } from '../../engine/schedules';
import { createHeatmap, type HeatmapData, type HeatmapHover, type HeatmapOptions } from '../../viz/heatmap';
import { selectedNames, valuesAt, type MapSet, type ScheduleView } from './schedulesModel';

export interface MapHover {
  name: ScheduleName;
  u: number;
  x: number;
}

/** One heat map of the exact p_t(x) per chosen schedule, sharing the time axis and the colour scale. */
export function MarginalMaps({
  mixture,
  views,
  maps,
  T,
  hoverU,
  hover,
  onHover,
}: {
  mixture: Mixture;
  views: readonly ScheduleView[];
  maps: MapSet;
  T: number;
  hoverU: number | null;
  hover: MapHover | null;
  onHover: (hover: MapHover | null) => void;
}) {
  const names = views.map((v) => v.schedule.name).join(',');
  // One options object per schedule, made once per selection: FigureHost reads options at creation only.
  const options = useMemo(() => {
    const out = new Map<ScheduleName, HeatmapOptions>();
    for (const name of selectedNames(names)) {
      out.set(name, {
        title: `Exact noisy marginals p_t(x) of the ${SCHEDULE_INFO[name].label} schedule over time and x`,
        height: 190,
        xLabel: 't / T',
        yLabel: 'x',
        legendLabel: 'p_t(x)',
        onHover: (h: HeatmapHover | null) => onHover(h ? { name, u: h.x, x: h.y } : null),
      });
    }
    return out;
  }, [names, onHover]);
  const data = useMemo(
    () =>
      maps.maps.map(({ map }): HeatmapData => ({
        xs: map.u,
        ys: map.x,
        values: map.values,
        max: maps.max,
        xDomain: [0, 1],
        yDomain: maps.xRange,
        markers: hoverU === null ? [] : [{ x: hoverU, colour: 'c-accent' }],
      })),
    [maps, hoverU],
  );
  const readout = hoverReadout(mixture, views, T, hover);
  return (
    <section className="sched-maps" aria-label="Exact noisy marginals">
      <h2 className="figure-title">2 · The data as each schedule noises it</h2>
      <div className="figure-row">
        {maps.maps.map(({ name }, i) => (
          <FigureHost
            key={name}
            create={createHeatmap}
            options={options.get(name)!}
            data={data[i]}
            testId={`heatmap-${name}`}
            className="sched-map"
            caption={
              <>
                <span className="sched-map-title">{SCHEDULE_INFO[name].label}</span>{' '}
                {SCHEDULE_INFO[name].family === 'vp'
                  ? 'VP: the modes glide towards 0 as they widen to N(0, 1).'
                  : 'VE: the modes stay put and spread, to a width of about σ_max at the last step.'}
              </>
            }
          />
        ))}
      </div>
      <Readout
        items={readout}
        testId="map-readout"
        placeholder="Hover (or touch) a heat map to read the exact density p_t(x) there."
      />
    </section>
  );
}

/** The exact p_t(x) at the hovered step and position (not the nearest cell of the map). */
function hoverReadout(mixture: Mixture, views: readonly ScheduleView[], T: number, hover: MapHover | null) {
  if (!hover) return [];
  const view = views.find((v) => v.schedule.name === hover.name);
  if (!view) return [];
  const t = Math.min(T, Math.max(0, Math.round(hover.u * T)));
  const at = t > 0 ? valuesAt(view.schedule, t) : null;
  const density = mixturePdf(scheduleMarginal(mixture, view.schedule, t), hover.x);
  return [
    { label: 'schedule', value: SCHEDULE_INFO[hover.name].label },
    { label: 't', value: String(t), testId: 'map-readout-t' },
    { label: 'x', value: fmt(hover.x) },
    { label: 'p_t(x)', value: fmt(density), testId: 'map-readout-p' },
    { label: 'λ_t', value: at ? fmt(at.lambda) : '0' },
  ];
}
