import { useMemo } from 'react';
import { Equation } from '../../components/Equation';
import { FigureHost } from '../../components/FigureHost';
import { fmt, Readout } from '../../components/Readout';
import { posteriorMean } from '../../engine/tweedie';
import type { Mixture } from '../../engine/mixture';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { CLOUD_COUNT, type DsmState } from './dsmData';
import { tweedieCurves, tweedieFigure } from './tweedieData';
import '../../styles/sources.css';

/** Figure 4: Tweedie's formula as a denoiser, beside the closed-form posterior mean of the mixture. */
export function TweedieFigure({ mixture, state, seed }: { mixture: Mixture; state: DsmState; seed: number }) {
  const { sigma } = state;
  const curves = tweedieCurves(mixture, sigma, state.grid.x);
  // The figure draws only the first CLOUD_COUNT pairs: past them, play must leave its 800 dots alone (a redraw
  // re-sets every dot's attributes, and the browser then restyles, lays out and repaints them all).
  const shown = Math.min(state.n, CLOUD_COUNT);
  const { grid, range } = state;
  const view = useMemo(() => ({ ...state, n: shown }), [sigma, grid, range, shown, seed]); // eslint-disable-line react-hooks/exhaustive-deps
  const data = useMemo(() => tweedieFigure(mixture, view, curves), [mixture, view, curves]);
  const options = useMemo<LineChartOptions>(
    () => ({
      title: "Posterior mean of the clean point given the noisy one, exact and by Tweedie's formula",
      height: 260,
      xLabel: 'noisy x̃',
      yLabel: 'clean x',
    }),
    [],
  );
  const atZero = posteriorMean(mixture, sigma, 0);
  return (
    <section className="dsm-figure sources-note" data-testid="tweedie-section">
      <h2 className="dsm-figure-title">4 · The score is a denoiser</h2>
      <FigureHost
        create={createLineChart}
        options={options}
        data={data}
        testId="figure-dsm-tweedie"
        caption={
          <>
            Dots: the page&rsquo;s pairs, noisy x̃ across and the clean x it came from up. Solid: the exact
            posterior mean E[x | x̃], where the average height of the dots above each x̃ converges as n grows.
            Dashed: Tweedie&rsquo;s value from the exact score of q_σ; the two coincide. Faint: x̃ itself.
          </>
        }
      />
      <Readout
        testId="tweedie-readout"
        items={[
          { label: 'σ', value: fmt(sigma) },
          { label: 'E[x | x̃ = 0]', value: fmt(atZero), testId: 'tweedie-at-zero' },
          { label: 'largest |Tweedie − exact|', value: fmt(curves.maxGap), testId: 'tweedie-gap' },
        ]}
      />
      <div className="sources-prose">
        <p>
          Given a noisy x̃, the guess of the clean x with the smallest mean squared error is the posterior
          mean. Tweedie&rsquo;s formula computes it from the score of the noisy density alone:
        </p>
        <Equation
          display
          tex={String.raw`\mathbb E[x \mid \tilde x] = \tilde x + \sigma^2\, \nabla \log q_\sigma(\tilde x).`}
        />
        <p>
          It holds for any data distribution under Gaussian noise of std σ, so a network that has learned the
          score of q_σ by denoising score matching is also a denoiser at that σ. For a mixture the posterior
          is known in closed form: given the component k, x and x̃ are jointly Gaussian, and
        </p>
        <Equation
          display
          tex={String.raw`\mathbb E[x \mid \tilde x] = \sum_k \tilde r_k(\tilde x)\, \frac{s_k^2\, \tilde x + \sigma^2 \mu_k}{s_k^2 + \sigma^2},`}
        />
        <p>
          with r̃<sub>k</sub> the responsibilities under q_σ. Each term pulls x̃ towards μ<sub>k</sub>, the
          harder the wider the noise is against the component. The mean is an average, not a sample: with σ
          comparable to the gap between the modes (try σ = 3), the guess near x̃ = 0 lies between the modes,
          where p has almost no mass.
        </p>
      </div>
    </section>
  );
}
