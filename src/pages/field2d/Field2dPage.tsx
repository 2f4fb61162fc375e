import { useCallback, useMemo, useState } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { ControlGroup, PageLayout } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { PlayControls } from '../../components/PlayControls';
import { PresetButtons, type Preset } from '../../components/PresetButtons';
import { fmt, Readout } from '../../components/Readout';
import { useNarrowScreen } from '../../components/useNarrowScreen';
import { usePageProbe } from '../../components/usePageProbe';
import { perturbMixture2, PreparedMixture2 } from '../../engine/plane';
import { MIXTURE_2D_PRESETS } from '../../engine/plane/presets2';
import { useAppStore, usePageValues } from '../../store/appStore';
import { planeClient, usePlaneSession } from '../../store/planeSession';
import { createPlaneField, type PlaneFieldData, type PlaneFieldOptions } from '../../viz/planeField';
import { field2dProbe } from './field2dProbe';
import { Field2dProse } from './Field2dProse';
import { fieldView } from './fieldModel';
import { MixtureEditor2 } from './MixtureEditor2';
import { dragHandle2 } from './mixtureEdits';
import { DimCostPanel } from './DimCostPanel';
import { learnedArrows } from './learnedView';
import { planeConfigFrom, planeViewOf } from './planeRun';
import { TrainControls2 } from './TrainControls2';
import { TrainFigures2 } from './TrainFigures2';
import { usePlaneTrainer } from './usePlaneTrainer';
import '../../styles/plane.css';
import '../../styles/plane-train.css';
import '../../styles/train-run.css';

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
  const values = usePageValues('field2d');
  const { mix2, sigma } = values;
  const narrow = useNarrowScreen();
  const [hover, setHover] = useState<{ x: number; y: number } | null>(null);
  usePageProbe(field2dProbe);

  const view = useMemo(() => fieldView(mix2, sigma), [mix2, sigma]);
  const config = useMemo(() => planeConfigFrom(values), [values]);
  usePlaneTrainer(values.backend, config, mix2, planeViewOf(view, sigma));
  const mode = usePlaneSession((s) => s.mode);
  const learned = usePlaneSession((s) => s.learned);
  const trainedSteps = usePlaneSession((s) => s.step);
  const act = useCallback((action: () => Promise<unknown>) => {
    action().catch((error: Error) => useAppStore.getState().addNotice(error.message, 'runtime', 'error'));
  }, []);

  const data = useMemo<PlaneFieldData>(() => {
    let max = 0;
    for (const v of view.grid.pdf) max = Math.max(max, v);
    const learnedLayer = learned
      ? [{ colour: 'learned', arrows: learnedArrows(view.box, view.grid, learned, view.exact.cap).arrows }]
      : [];
    return {
      box: view.box,
      density: { nx: view.grid.nx, ny: view.grid.ny, values: view.grid.pdf, max },
      arrows: [{ colour: 'exact', arrows: view.exact.arrows }, ...learnedLayer],
      streamlines: view.lines,
      ellipses: view.ellipses,
      handles: view.handles,
    };
  }, [view, learned]);
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

  const client = planeClient();
  const transport = (
    <>
      <ParamSlider page="field2d" name="sigma" hint="the noise level of the field shown" />
      <PlayControls
        playing={mode === 'playing' || mode === 'running'}
        disabled={mode === 'starting' || mode === 'failed' || mode === 'empty'}
        onPlay={() => act(() => client.play())}
        onPause={() => act(() => client.pause())}
        onStep={() => act(() => client.step(10))}
        onReset={() => act(() => client.reset())}
        stepLabel="Step ×10"
        titles={{
          play: 'Train the network (space)',
          step: 'Ten training steps (→)',
          reset: 'Back to the seed’s initial weights (r)',
        }}
      />
    </>
  );
  return (
    <PageLayout
      title="The score in the plane"
      lede="In two dimensions the score is a field of arrows pointing uphill in log density. The mixture here is known exactly, so the arrows drawn first are the true score of the blurred density q_σ; a network trained below draws its own over them. Drag a round handle to move a component, a square one to stretch and turn it; move σ to blur the field."
      transport={transport}
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
          <TrainControls2 />
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
              Shading: q<sub>σ</sub> at σ = {fmt(sigma)} (square-root scale). Green arrows: its exact score on
              a {Math.round(Math.sqrt(view.exact.arrows.length))} ×{' '}
              {Math.round(Math.sqrt(view.exact.arrows.length))} lattice, drawn with length proportional to |s|
              up to |s| = {fmt(view.exact.cap)}; the {view.exact.capped} stronger ones are drawn at that
              length. Thin lines: streamlines of the same field. Ellipses: each component of the data at two
              standard deviations.
              {learned && (
                <>
                  {' '}
                  Red arrows: the network&rsquo;s s<sub>θ</sub> at σ = {fmt(learned.sigma)} at the same points
                  and on the same scale, interpolated (bilinearly) from its values on a {view.grid.nx} ×{' '}
                  {view.grid.ny} grid.
                </>
              )}
            </>
          }
        />
        <Readout
          items={readout}
          testId="probe2-readout"
          placeholder="Hover (or touch) the figure to read q_σ and the score at a point."
        />
        <p className="plane-legend" data-testid="field2d-legend">
          <span>
            <span className="swatch exact" aria-hidden="true" /> exact score of q<sub>σ</sub>
          </span>
          <span>
            <span className="swatch learned" aria-hidden="true" /> learned s<sub>θ</sub>
            {!learned || trainedSteps === 0
              ? ': untrained (the seed’s initial weights) until you press Play'
              : ''}
          </span>
        </p>
      </section>
      <TrainFigures2 view={view} narrow={narrow} />
      <DimCostPanel />
    </PageLayout>
  );
}
