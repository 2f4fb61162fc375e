import { useMemo, useState } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt, Readout } from '../../components/Readout';
import { narrowestComponent } from '../../engine/manifold';
import type { Mixture } from '../../engine/mixture';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { growthChart, growthCurves, manifoldView, WIDTH_STOPS, widthAt } from './manifoldModel';
import '../../styles/sources.css';

/**
 * The manifold hypothesis in 1D: slide the narrowest component's width to zero and watch the score of p blow
 * up and then cease to exist, while the score of q_σ stays defined. The width is a demonstration setting of
 * this figure only; it does not change the page's mixture.
 */
export function ManifoldFigure({ mixture, sigma }: { mixture: Mixture; sigma: number }) {
  const k = useMemo(() => narrowestComponent(mixture), [mixture]);
  const std = mixture[k].std;
  const [position, setPosition] = useState(0);
  const w = widthAt(position, std);
  const view = useMemo(() => manifoldView(mixture, k, w, sigma), [mixture, k, w, sigma]);
  const curves = useMemo(() => growthCurves(mixture, k, sigma), [mixture, k, sigma]);
  const growth = useMemo(() => growthChart(curves, w), [curves, w]);
  const options = useMemo(
    () => ({
      scores: {
        title: 'Scores of p and of q_σ while one component narrows',
        height: 220,
        xLabel: 'x',
        yLabel: 'score (clipped)',
      } satisfies LineChartOptions,
      growth: {
        title: 'Largest |score| on the plotted range against the component width',
        height: 220,
        xLabel: 'width w (log)',
        yLabel: 'largest |score| (log)',
        xScale: 'log' as const,
        yScale: 'log' as const,
      } satisfies LineChartOptions,
    }),
    [],
  );
  const { blowUp } = view;
  const mean = mixture[k].mean;
  return (
    <section className="sources-note" data-testid="manifold-section">
      <h2 className="figure-title">Data without a density</h2>
      <div className="sources-control">
        <label htmlFor="manifold-width">
          Width of the component at {fmt(mean)} (data: {fmt(std)})
        </label>
        <input
          id="manifold-width"
          type="range"
          min={0}
          max={WIDTH_STOPS}
          step={1}
          value={position}
          onChange={(e) => setPosition(Number(e.target.value))}
          data-testid="manifold-width-range"
          aria-valuetext={w > 0 ? `width ${fmt(w)}` : 'width 0, a point mass'}
        />
        <output data-testid="manifold-width">{w > 0 ? fmt(w) : '0 (a point mass)'}</output>
      </div>
      <div className="figure-row">
        <FigureHost
          create={createLineChart}
          options={options.scores}
          data={view.scores}
          testId="figure-manifold-scores"
          caption={
            w > 0
              ? `The score of p plunges through zero at ${fmt(mean)} with slope about −1/w² (the other components barely reach it); the chart clips it. The score of q_σ (σ = ${fmt(sigma)}) stays gentle.`
              : `Width 0: the component is a point mass at ${fmt(mean)}, p has no density and no score, so only q_σ (σ = ${fmt(sigma)}) is drawn.`
          }
        />
        <FigureHost
          create={createLineChart}
          options={options.growth}
          data={growth}
          testId="figure-manifold-growth"
          caption="Each decade the width shrinks, the largest |score of p| grows by about a decade (like 1/w); the largest |score of q_σ| levels off. Width 0 has no place on a log axis."
        />
      </div>
      <Readout
        testId="manifold-readout"
        items={[
          {
            label: 'largest |score of p|',
            value: blowUp.maxScore === null ? 'does not exist' : fmt(blowUp.maxScore),
            testId: 'manifold-max-p',
          },
          {
            label: 'slope at the centre',
            value: blowUp.centreSlope === null ? 'does not exist' : fmt(blowUp.centreSlope),
            testId: 'manifold-slope',
          },
          { label: '−1/w²', value: w > 0 ? fmt(-1 / (w * w)) : '—' },
          { label: 'largest |score of q_σ|', value: fmt(blowUp.maxScoreQ), testId: 'manifold-max-q' },
        ]}
      />
      <div className="sources-prose">
        <p>
          Real data is thought to lie near a set of lower dimension than the space it lives in: the manifold
          hypothesis. On such a set the data has no density, so its score ∇log p is not defined — in one
          dimension that is a finite data set, or a component of width zero. Slide the width down: while it is
          positive the score exists but its slope at the centre is about −1/w², and its largest value grows
          roughly like 1/w. At zero the component is a point mass and there is no score to learn. Adding noise
          of any σ &gt; 0 fixes it: q_σ is p blurred by N(0, σ²), its narrowed component has width √(w² + σ²)
          ≥ σ, and its score is defined everywhere and bounded on the plotted range. That is one reason why
          score models of real data are trained on noisy data (Song &amp; Ermon 2019).
        </p>
      </div>
    </section>
  );
}
