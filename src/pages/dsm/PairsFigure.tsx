import { useMemo, useState } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt, Readout } from '../../components/Readout';
import { targetVarianceAt } from '../../engine/dsm';
import { mixtureScore, perturbMixture, type Mixture } from '../../engine/mixture';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { pairsFigure } from './dsmCharts';
import { RUG_COUNT } from './dsmData';
import { DsmRunBadge } from './DsmRunBadge';
import type { DsmState } from './dsmData';

/** Figure 1: the pairs as arrows from x̃ back towards x, at the height of their targets, under the exact scores. */
export function PairsFigure({ state, mixture, seed }: { state: DsmState; mixture: Mixture; seed: number }) {
  const [hovered, setHovered] = useState<number | null>(null);
  const key = hovered !== null && hovered < state.n ? hovered : null;
  // Figure 1 draws only the first RUG_COUNT pairs, so once n is past them play leaves it alone: redrawing
  // thousands of unchanged SVG nodes every growth step is what made frames slow at large n.
  const shown = Math.min(state.n, RUG_COUNT);
  // The grid stands for (mixture, σ); the seed picks the pairs.
  const { sigma: s, grid, range } = state;
  const view = useMemo(() => ({ ...state, n: shown }), [s, grid, range, shown, seed]); // eslint-disable-line react-hooks/exhaustive-deps
  const figure = useMemo(() => pairsFigure(view, key), [view, key]);
  const options = useMemo<LineChartOptions>(
    () => ({
      title: 'Noisy copies of clean samples, each with an arrow back towards its clean point',
      height: 320,
      xLabel: 'x̃ (noisy point) · ticks: clean x',
      yLabel: 'target (x − x̃)/σ²  ·  score',
      onArrowHover: (k) => {
        if (k !== null) setHovered(k);
      },
    }),
    [],
  );

  const { sigma, pairs } = state;
  const readout = useMemo(() => {
    if (key === null) return [];
    const x = pairs.x[key];
    const xTilde = x + sigma * pairs.z[key];
    return [
      { label: 'pair', value: `#${key + 1}`, testId: 'pair-index' },
      { label: 'clean x', value: fmt(x), testId: 'pair-x' },
      { label: 'noisy x̃', value: fmt(xTilde), testId: 'pair-xtilde' },
      { label: 'target (x − x̃)/σ²', value: fmt(-pairs.z[key] / sigma), testId: 'pair-target' },
      {
        label: 'exact score s_σ(x̃)',
        value: fmt(mixtureScore(perturbMixture(mixture, sigma), xTilde)),
        testId: 'pair-score',
      },
      {
        label: 'spread of targets at x̃ (sd)',
        value: fmt(Math.sqrt(targetVarianceAt(mixture, sigma, xTilde))),
        testId: 'pair-sd',
      },
    ];
  }, [key, pairs, sigma, mixture]);

  const { scale, pinned, arrows } = figure;
  const kappa = scale.kappa;
  return (
    <section className="dsm-figure">
      <div className="dsm-figure-head">
        <h2 className="dsm-figure-title">1 · Pairs and their targets</h2>
        <DsmRunBadge n={state.n} />
      </div>
      <FigureHost
        create={createLineChart}
        options={options}
        data={figure.data}
        testId="figure-dsm-pairs"
        className="dsm-pairs"
        caption={
          <>
            <span className="dsm-key">
              <span className="dsm-swatch dsm-swatch-arrow" /> {arrows} pairs: an arrow from x̃ towards x, at
              the height of its target
            </span>{' '}
            <span className="dsm-key">
              <span className="dsm-swatch dsm-swatch-dot" /> more pairs as dots (x̃, target)
            </span>{' '}
            <span className="dsm-key">
              <span className="dsm-swatch dsm-swatch-rug" /> clean samples x
            </span>
            <br />
            <span data-testid="arrow-scale">
              Arrow scale: length = {fmt(kappa)} × target, so an arrow 1 unit long carries a target of{' '}
              {fmt(1 / kappa)}.{' '}
              {scale.magnify === 1
                ? 'That is σ² × target = x − x̃: each arrow ends right above its clean point.'
                : `That is ${scale.magnify}× the step back to x, drawn longer so the arrows stay visible at this small σ.`}
            </span>
            {pinned > 0 &&
              ` ${pinned} of ${arrows} targets lie beyond ±${fmt(figure.yBound)} and are drawn grey at the edge.`}
          </>
        }
      />
      <Readout
        items={readout}
        testId="pair-readout"
        placeholder="Hover (or touch) an arrow to read its pair: x, x̃, its target and the exact score at x̃."
      />
    </section>
  );
}
