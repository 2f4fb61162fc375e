import { useMemo, useState } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { MixtureEditorGroup } from '../../components/MixtureEditor';
import { ControlGroup, PageLayout } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { fmt, Readout } from '../../components/Readout';
import { SeedControl } from '../../components/SeedControl';
import { decadesText } from '../../components/sliderScale';
import { usePageProbe } from '../../components/usePageProbe';
import { kdeAt } from '../../engine/kde';
import { mixtureLogPdf, mixtureScore, perturbMixture } from '../../engine/mixture';
import { useAppStore, useParam } from '../../store/appStore';
import type { NumberSpec } from '../../store/paramSpec';
import { pageSchemas } from '../../store/schemas';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import type { LineChartData } from '../../viz/types';
import { finiteSample, kdeGrid, perturbGrid, scoreAxis } from './perturbModel';
import { perturbProbe } from './perturbProbe';
import { PerturbProse } from './PerturbProse';
import { SmallMultiples } from './SmallMultiples';
import { ManifoldFigure } from './ManifoldFigure';

const chartOptions = (
  title: string,
  yLabel: string,
  height: number,
  onHover: (x: number | null) => void,
): LineChartOptions => ({
  title,
  yLabel,
  xLabel: 'x',
  height,
  onHover,
});

/** The largest number of samples drawn as rug ticks; beyond it the rug shows an even subsample. */
const RUG_LIMIT = 1500;
/** The σ slider's span in words, from its schema (0.01 … 10 is three decades). */
const SIGMA_DECADES = decadesText(pageSchemas.perturb.sigma as NumberSpec);

export default function PerturbPage() {
  const mixture = useParam('perturb', 'mix');
  const sigma = useParam('perturb', 'sigma');
  const n = useParam('perturb', 'n');
  const seed = useParam('perturb', 'seed');
  const setParam = useAppStore((s) => s.setParam);
  const [probeX, setProbeX] = useState<number | null>(null);
  usePageProbe(perturbProbe);

  const grid = useMemo(() => perturbGrid(mixture, sigma), [mixture, sigma]);
  const samples = useMemo(() => finiteSample(mixture, n, seed), [mixture, n, seed]);
  const kde = useMemo(() => kdeGrid(mixture, samples, sigma), [mixture, samples, sigma]);
  const xDomain = useMemo<[number, number]>(() => [grid.x[0], grid.x[grid.x.length - 1]], [grid]);
  const scoreDomain = useMemo(() => scoreAxis(grid.x, grid.q, grid.score), [grid]);

  const probe = useMemo(() => {
    if (probeX === null || probeX < xDomain[0] || probeX > xDomain[1]) return null;
    const blurred = perturbMixture(mixture, sigma);
    return {
      x: probeX,
      p: Math.exp(mixtureLogPdf(mixture, probeX)),
      q: Math.exp(mixtureLogPdf(blurred, probeX)),
      score: mixtureScore(blurred, probeX),
      kdeScore: kdeAt(samples, sigma, probeX).score,
    };
  }, [probeX, mixture, sigma, samples, xDomain]);
  const markers = useMemo(() => (probe ? [{ x: probe.x, colour: 'c-muted' }] : []), [probe]);

  const densityData = useMemo<LineChartData>(() => {
    const top = Math.max(...grid.pdf, ...grid.q);
    return {
      xDomain,
      yDomain: [0, 1.1 * top],
      markers,
      series: [
        { id: 'pdf', label: 'data p(x)', x: grid.x, y: grid.pdf, colour: 'c-data', area: true },
        {
          id: 'q',
          label: `noisy q_σ(x), σ = ${fmt(sigma)}`,
          x: grid.x,
          y: grid.q,
          colour: 'c-noisy',
          area: true,
        },
      ],
    };
  }, [grid, sigma, xDomain, markers]);

  const scoreData = useMemo<LineChartData>(
    () => ({
      xDomain,
      yDomain: scoreDomain,
      zeroLine: true,
      markers,
      series: [
        { id: 'dataScore', label: 'score of p', x: grid.x, y: grid.dataScore, colour: 'c-data', faint: true },
        { id: 'score', label: 'score of q_σ', x: grid.x, y: grid.score, colour: 'c-noisy' },
      ],
    }),
    [grid, scoreDomain, xDomain, markers],
  );

  const rug = useMemo(() => {
    if (samples.length <= RUG_LIMIT) return samples;
    const step = samples.length / RUG_LIMIT;
    return Float64Array.from({ length: RUG_LIMIT }, (_, i) => samples[Math.floor(i * step)]);
  }, [samples]);

  const kdeDensityData = useMemo<LineChartData>(() => {
    const top = Math.max(...kde.q, ...grid.q);
    return {
      xDomain,
      yDomain: [0, 1.1 * top],
      markers,
      rugs: [{ x: rug, colour: 'c-kde' }],
      series: [
        { id: 'q', label: 'exact q_σ', x: grid.x, y: grid.q, colour: 'c-noisy', dashed: true },
        {
          id: 'kde',
          label: `estimate from ${n} sample${n === 1 ? '' : 's'}`,
          x: kde.x,
          y: kde.q,
          colour: 'c-kde',
          area: true,
        },
      ],
    };
  }, [kde, grid, rug, n, xDomain, markers]);

  const kdeScoreData = useMemo<LineChartData>(
    () => ({
      xDomain,
      yDomain: scoreDomain,
      zeroLine: true,
      markers,
      rugs: [{ x: rug, colour: 'c-kde' }],
      series: [
        {
          id: 'score',
          label: 'exact score of q_σ',
          x: grid.x,
          y: grid.score,
          colour: 'c-noisy',
          dashed: true,
        },
        { id: 'kdeScore', label: 'score of the estimate', x: kde.x, y: kde.score, colour: 'c-kde' },
      ],
    }),
    [kde, grid, rug, scoreDomain, xDomain, markers],
  );

  const options = useMemo(
    () => ({
      density: chartOptions('The data density and its noisy version', 'density', 240, setProbeX),
      score: chartOptions('The score of the noisy density', 'score', 200, setProbeX),
      kde: chartOptions('Kernel-density estimate of a finite sample', 'density', 200, setProbeX),
      kdeScore: chartOptions('Score of the kernel-density estimate', 'score', 200, setProbeX),
    }),
    [],
  );

  const readout = probe
    ? [
        { label: 'x', value: fmt(probe.x), testId: 'probe-x' },
        { label: 'p(x)', value: fmt(probe.p) },
        { label: 'q_σ(x)', value: fmt(probe.q), testId: 'probe-q' },
        { label: 'score of q_σ', value: fmt(probe.score), testId: 'probe-score' },
        { label: 'estimate’s score', value: fmt(probe.kdeScore), testId: 'probe-kde-score' },
      ]
    : [];

  return (
    <PageLayout
      title="Noise perturbation"
      lede={`Add Gaussian noise of standard deviation σ to every data point and the density blurs: modes widen, gaps fill in, and the score becomes gentle everywhere, even where the data almost never go. Drag σ across ${SIGMA_DECADES}.`}
      controls={
        <>
          <ControlGroup title="Finite sample">
            <ParamSlider page="perturb" name="n" label="Samples n" hint="drawn from p" />
            <SeedControl />
          </ControlGroup>
          <MixtureEditorGroup />
        </>
      }
      transport={<ParamSlider page="perturb" name="sigma" label="Noise σ" hint="std of the added noise" />}
      prose={<PerturbProse sigma={sigma} n={n} fisherGap={kde.fisherGap} />}
    >
      <FigureHost
        create={createLineChart}
        options={options.density}
        data={densityData}
        testId="figure-perturb-density"
      />
      <Readout
        items={readout}
        testId="probe-readout"
        placeholder="Hover (or touch) a figure to read off p, q_σ and both scores."
      />
      <FigureHost
        create={createLineChart}
        options={options.score}
        data={scoreData}
        testId="figure-perturb-score"
        caption="The score of q_σ is the score of p softened: (μₖ − x)/(sₖ² + σ²) per component. A mixture’s score is defined everywhere already; a score stops existing only for data on a lower-dimensional set (a finite sample, a component of zero width), and any σ > 0 defines it again."
      />
      <SmallMultiples mixture={mixture} sigma={sigma} onPick={(s) => setParam('sigma', s)} />
      <FigureHost
        create={createLineChart}
        options={options.kde}
        data={kdeDensityData}
        testId="figure-kde-density"
        caption={`Ticks: the ${n} sample${n === 1 ? '' : 's'}. Putting a Gaussian of std σ on each gives the kernel-density estimate; it is what q_σ becomes when p is replaced by the sample.`}
      />
      <FigureHost
        create={createLineChart}
        options={options.kdeScore}
        data={kdeScoreData}
        testId="figure-kde-score"
        caption={
          <>
            Fisher divergence ½ ∫ q_σ (ŝ − s_σ)² between the two scores:{' '}
            <strong data-testid="kde-gap">{fmt(kde.fisherGap)}</strong>. With small σ and few samples the
            estimate&rsquo;s score is a saw-tooth: each tooth points at one sample.
          </>
        }
      />
      <ManifoldFigure mixture={mixture} sigma={sigma} />
    </PageLayout>
  );
}
