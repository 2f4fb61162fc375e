import { useCallback, useMemo, useState } from 'react';
import { PageLayout } from '../../components/PageLayout';
import { usePageProbe } from '../../components/usePageProbe';
import { useParam } from '../../store/appStore';
import { CurveFigures } from './CurveFigures';
import { MarginalMaps, type MapHover } from './MarginalMaps';
import { SchedulesControls } from './SchedulesControls';
import { buildMaps, buildViews, selectedNames, stepAt } from './schedulesModel';
import { schedulesProbe } from './schedulesProbe';
import { SchedulesProse } from './SchedulesProse';
import { ShareTable } from './ShareTable';
import { TrainingLevelsFigure } from './TrainingLevelsFigure';

export default function SchedulesPage() {
  const mixture = useParam('schedules', 'mix');
  const list = useParam('schedules', 'schedules');
  const T = useParam('schedules', 'T');
  usePageProbe(schedulesProbe);

  const names = useMemo(() => selectedNames(list), [list]);
  const views = useMemo(() => buildViews(names, T), [names, T]);
  const maps = useMemo(() => buildMaps(mixture, views), [mixture, views]);

  // One hovered time for every figure: a chart reports t/T, a heat map t/T and x.
  const [curveU, setCurveU] = useState<number | null>(null);
  const [mapHover, setMapHover] = useState<MapHover | null>(null);
  const onCurveHover = useCallback((u: number | null) => setCurveU(u), []);
  const onMapHover = useCallback((h: MapHover | null) => setMapHover(h), []);
  const hoverStep = stepAt(mapHover?.u ?? curveU, T);
  const hoverU = hoverStep === null ? null : hoverStep / T;

  return (
    <PageLayout
      title="Noise schedules"
      lede="Every diffusion model needs a plan for how fast noise replaces the data. Compare the common plans on one axis — the noise level measured against the remaining signal — and watch what each does to the data, exactly."
      controls={<SchedulesControls selected={names} />}
      prose={<SchedulesProse T={T} />}
    >
      <CurveFigures views={views} T={T} hoverU={hoverU} hoverStep={hoverStep} onHover={onCurveHover} />
      <MarginalMaps
        mixture={mixture}
        views={views}
        maps={maps}
        T={T}
        hoverU={hoverU}
        hover={mapHover}
        onHover={onMapHover}
      />
      <ShareTable views={views} T={T} />
      <TrainingLevelsFigure views={views} />
    </PageLayout>
  );
}
