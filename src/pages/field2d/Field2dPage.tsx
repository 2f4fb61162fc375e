import { useMemo, useState } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { ControlGroup, PageLayout } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { PresetButtons, type Preset } from '../../components/PresetButtons';
import { fmt, Readout } from '../../components/Readout';
import { useNarrowScreen } from '../../components/useNarrowScreen';
import { usePageProbe } from '../../components/usePageProbe';
import { perturbMixture2, PreparedMixture2 } from '../../engine/plane';
import { MIXTURE_2D_PRESETS } from '../../engine/plane/presets2';
import { usePageValues } from '../../store/appStore';
import { createPlaneField, type PlaneFieldData, type PlaneFieldOptions } from '../../viz/planeField';
import { field2dProbe } from './field2dProbe';
import { Field2dProse } from './Field2dProse';
import { fieldView } from './fieldModel';
import { MixtureEditor2 } from './MixtureEditor2';
import { dragHandle2 } from './mixtureEdits';
import '../../styles/plane.css';

const PRESETS: readonly Preset[] = [
  {
    id: 'default',
    label: 'Three components',
    hint: 'Three Gaussians of different shapes and weights',
    values: { mix2: MIXTURE_2D_PRESETS.default },
  },
  {
    id: 'twoModes',
    label: 'Two modes 0.2 / 0.8',
    hint: 'Song & Ermon’s toy: unit Gaussians at (−5, −5) and (5, 5) with weights 0.2 and 0.8',
    values: { mix2: MIXTURE_2D_PRESETS.twoModes },
  },
  {
    id: 'ring',
    label: 'Ring of eight',
    hint: 'Eight equal Gaussians of std 0.3 on a circle of radius 4',
    values: { mix2: MIXTURE_2D_PRESETS.ring },
  },
  {
    id: 'curve',
    label: 'Thin curve',
    hint: 'Eight narrow components along a curve: data near a one-dimensional manifold',
    values: { mix2: MIXTURE_2D_PRESETS.curve },
  },
];

export default function Field2dPage() {
  const { mix2, sigma } = usePageValues('field2d');
  const narrow = useNarrowScreen();
  const [hover, setHover] = useState<{ x: number; y: number } | null>(null);
  usePageProbe(field2dProbe);

  const view = useMemo(() => fieldView(mix2, sigma), [mix2, sigma]);
  const data = useMemo<PlaneFieldData>(() => {
    let max = 0;
    for (const v of view.grid.pdf) max = Math.max(max, v);
    return {
      box: view.box,
      density: { nx: view.grid.nx, ny: view.grid.ny, values: view.grid.pdf, max },
      arrows: [{ colour: 'exact', arrows: view.exact.arrows }],
      streamlines: view.lines,
      ellipses: view.ellipses,
      handles: view.handles,
    };
  }, [view]);
  const options = useMemo<PlaneFieldOptions>(
    () => ({
      title: 'The density of q_σ in the plane with its score as arrows and streamlines',
      height: narrow ? 380 : 600,
      onHover: setHover,
      onHandleDrag: dragHandle2,
    }),
    [narrow],
  );

  const probe = useMemo(() => {
    if (!hover) return null;
    const field = new PreparedMixture2(perturbMixture2(mix2, sigma));
    const g = new Float64Array(2);
    const logq = field.score(hover.x, hover.y, g);
    return { ...hover, q: Math.exp(logq), sx: g[0], sy: g[1] };
  }, [hover, mix2, sigma]);
  const readout = probe
    ? [
        { label: '(x, y)', value: `(${fmt(probe.x, 3)}, ${fmt(probe.y, 3)})`, testId: 'probe2-xy' },
        { label: 'q_σ', value: fmt(probe.q), testId: 'probe2-q' },
        { label: 's', value: `(${fmt(probe.sx)}, ${fmt(probe.sy)})`, testId: 'probe2-s' },
        { label: '|s|', value: fmt(Math.hypot(probe.sx, probe.sy)), testId: 'probe2-norm' },
      ]
    : [];

  const sigmaSlider = <ParamSlider page="field2d" name="sigma" hint="the noise level of the field shown" />;
  return (
    <PageLayout
      title="The score in the plane"
      lede="In two dimensions the score is a field of arrows pointing uphill in log density. The mixture here is exact, so every arrow is the true score of the blurred density. Drag a round handle to move a component, a square one to stretch and turn it; move σ to blur the field."
      transport={sigmaSlider}
      controls={
        <>
          <ControlGroup title="Presets">
            <div className="preset-row">
              <PresetButtons presets={PRESETS} />
            </div>
          </ControlGroup>
          <ControlGroup title="Mixture">
            <MixtureEditor2 />
          </ControlGroup>
        </>
      }
      prose={<Field2dProse sigma={sigma} components={mix2.length} />}
    >
      <section className="figure" style={{ padding: 0, border: 0, background: 'none' }}>
        <FigureHost
          key={narrow ? 'narrow' : 'wide'}
          create={createPlaneField}
          options={options}
          data={data}
          testId="figure-field2d"
          className="plane-figure"
          tables={() => [
            {
              name: 'field',
              columns: ['x', 'y', 'q_sigma', 'score_x', 'score_y'],
              rows: Array.from(view.grid.pdf, (q, k) => {
                const i = k % view.grid.nx;
                const j = Math.floor(k / view.grid.nx);
                const x = view.box.x0 + ((view.box.x1 - view.box.x0) * i) / (view.grid.nx - 1);
                const y = view.box.y0 + ((view.box.y1 - view.box.y0) * j) / (view.grid.ny - 1);
                return [x, y, q, view.grid.scoreX[k], view.grid.scoreY[k]];
              }),
            },
          ]}
          caption={
            <>
              Shading: q<sub>σ</sub> at σ = {fmt(sigma)} (square-root scale). Arrows: its exact score on a{' '}
              {Math.round(Math.sqrt(view.exact.arrows.length))} ×{' '}
              {Math.round(Math.sqrt(view.exact.arrows.length))} lattice, drawn with length proportional to |s|
              up to |s| = {fmt(view.exact.cap)}; the {view.exact.capped} stronger ones are drawn at that
              length. Thin lines: streamlines of the same field. Ellipses: each component of the data at two
              standard deviations.
            </>
          }
        />
        <Readout
          items={readout}
          testId="probe2-readout"
          placeholder="Hover (or touch) the figure to read q_σ and the score at a point."
        />
      </section>
    </PageLayout>
  );
}
