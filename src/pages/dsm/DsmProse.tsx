import { Equation } from '../../components/Equation';
import { fmt } from '../../components/Readout';
import type { BinGap, TradeoffCurves } from '../../engine/dsm';
import type { CurrentTradeoff } from './dsmCharts';
import { PageLink } from '../../components/PageLink';

/** The σ where blur error and target noise cross (log–log interpolation), or null if they never do. */
export function crossover(curves: TradeoffCurves): number | null {
  const { sigma, blurGap, targetNoise } = curves;
  for (let i = 1; i < sigma.length; i++) {
    const a = Math.log(blurGap[i - 1] / targetNoise[i - 1]);
    const b = Math.log(blurGap[i] / targetNoise[i]);
    if (a <= 0 && b > 0) {
      const t = a / (a - b);
      return Math.exp(Math.log(sigma[i - 1]) + t * Math.log(sigma[i] / sigma[i - 1]));
    }
  }
  return null;
}

/** The explanation under the figures, with the reader's current numbers. */
export function DsmProse({
  sigma,
  n,
  bins,
  gap,
  now,
  curves,
}: {
  sigma: number;
  n: number;
  bins: number;
  gap: BinGap;
  now: CurrentTradeoff;
  curves: TradeoffCurves;
}) {
  const cross = crossover(curves);
  return (
    <>
      <h2>A target we can compute</h2>
      <p>
        Score matching wants the score of the data, but the data only comes as samples. Denoising score
        matching swaps the question for one with a known answer. Blur each clean sample with Gaussian noise,{' '}
        <Equation tex={String.raw`\tilde x = x + \sigma z,\ z \sim \mathcal N(0,1)`} />. The density of the
        blurred points is{' '}
        <Equation tex={String.raw`q_\sigma(\tilde x) = \int p(x)\,\mathcal N(\tilde x; x, \sigma^2)\,dx`} />,
        and the noise kernel has a score anyone can write down: the pull of x̃ back towards its own clean
        point,
      </p>
      <Equation
        display
        tex={String.raw`t(x, \tilde x) = \frac{\partial}{\partial \tilde x}\log \mathcal N(\tilde x; x, \sigma^2) = \frac{x - \tilde x}{\sigma^2} = -\frac{z}{\sigma}.`}
      />
      <p>
        That is the DSM target: the arrows of figure 1. On its own it says nothing about the data — it only
        remembers which way one noisy point was pushed. Its spread is 1/σ = {fmt(1 / sigma)} right now, and it
        grows without bound as σ shrinks.
      </p>
      <h2>Why its average is the score</h2>
      <p>
        Differentiate q_σ under the integral sign. The derivative of the kernel brings down exactly the
        target, and dividing by q_σ turns the remaining weights into the probability of each clean x given the
        noisy x̃:
      </p>
      <Equation
        display
        tex={String.raw`\frac{d}{d\tilde x}\log q_\sigma(\tilde x) = \int \underbrace{\frac{p(x)\,\mathcal N(\tilde x; x, \sigma^2)}{q_\sigma(\tilde x)}}_{p(x \mid \tilde x)}\ \frac{x - \tilde x}{\sigma^2}\,dx = \mathbb E\!\left[\frac{x - \tilde x}{\sigma^2}\,\middle|\,\tilde x\right].`}
      />
      <p>
        This is Vincent&rsquo;s observation (2011): every noisy point that lands at x̃ came from somewhere, and
        averaging the arrows back to where they came from gives the slope of log q_σ at x̃. A network trained
        to predict t from x̃ by least squares must therefore learn this conditional mean, and the loss splits
        into the score-matching loss on q_σ plus a constant it can never remove:
      </p>
      <Equation
        display
        tex={String.raw`\mathbb E\big[(s_\theta(\tilde x) - t)^2\big] = \mathbb E\big[(s_\theta(\tilde x) - s_\sigma(\tilde x))^2\big] + \underbrace{\mathbb E\big[(t - s_\sigma(\tilde x))^2\big]}_{N(\sigma)\ =\ ${fmt(now.targetNoise)}}.`}
      />
      <p>
        Figure 2 does the averaging by hand. With n = {n.toLocaleString('en')} pairs spread over {bins} bins,
        the count-weighted mean squared gap between the bin means and the exact values is{' '}
        <strong>{fmt(gap.mse)}</strong>; the scatter within the bins says pure sampling noise would give about{' '}
        {fmt(gap.noise)} on average. The two fall together as n grows, because what is left is noise, not
        bias. Each bin mean is an average of c independent targets, so its error shrinks like 1/√c: a hundred
        times more pairs make the squared gap about a hundred times smaller. Press play and watch the dots
        settle onto the curve. (The exact value a bin converges to is the score averaged over the bin,
        weighted by q_σ; because <Equation tex={String.raw`q_\sigma s_\sigma = q_\sigma'`} /> it is{' '}
        <Equation tex={String.raw`\frac{q_\sigma(b) - q_\sigma(a)}{Q_\sigma(b) - Q_\sigma(a)}`} /> for a bin
        [a, b], with Q_σ the CDF.)
      </p>
      <h2>Small σ or large σ?</h2>
      <p>
        DSM learns the score of q_σ, not of p. Figure 3 shows what the choice of σ costs. The{' '}
        <strong>blur error</strong> <Equation tex={String.raw`B(\sigma) = \int p\,(s_\sigma - s)^2\,dx`} /> is
        how wrong that answer is about the data (a Fisher divergence without its ½, on the same scale as the
        unhalved loss above and N below); it vanishes like σ⁴ as σ → 0 and tends to{' '}
        <Equation tex={String.raw`\int p\, s^2\,dx`} /> (the Fisher information of p) as σ grows and s_σ
        flattens. The <strong>target noise</strong>{' '}
        <Equation tex={String.raw`N(\sigma) = \tfrac{1}{\sigma^2} - \int q_\sigma\, s_\sigma^2\,dx`} /> is
        what remains of a target&rsquo;s variance 1/σ² once the score has explained what it can (the law of
        total variance); for one Gaussian of std s it is s²/(σ²(s² + σ²)), like 1/σ² for small σ. At σ ={' '}
        {fmt(sigma)}: B = {fmt(now.blurGap)}, N = {fmt(now.targetNoise)}
        {cross !== null ? `, and the two cross near σ ≈ ${fmt(cross, 2)}` : ''}.
      </p>
      <p>
        Small σ is accurate but pays twice: the target noise grows like 1/σ², and so does the number of pairs
        needed to average it down to a given accuracy; and the noisy points never leave the data&rsquo;s
        neighbourhood — only {Math.round(100 * now.coverage)}% of the data range has q_σ above 1% of its peak
        now. In the gaps between modes nothing is ever taught, which is exactly where a sampler started from
        noise must find its way. Large σ covers everything with calm targets, but it teaches the score of a
        blurred density that puts mass where the data has none.
      </p>
      <h2>Many levels instead of one</h2>
      <p>
        No single σ serves both purposes, so noise-conditional score networks (Song &amp; Ermon, 2019) learn
        them all at once: one network <Equation tex={String.raw`s_\theta(\tilde x, \sigma)`} /> for a
        geometric ladder σ₁ &gt; σ₂ &gt; … &gt; σ_L, trained with the loss of each level weighted by σ². The
        weight turns each level&rsquo;s target into <Equation tex={String.raw`\sigma t = -z`} />, of unit size
        at every level, so no level drowns the others. The large levels cover the space and guide a sampler in
        from far away; the small ones are accurate near the data.{' '}
        <PageLink to="annealed">Annealed Langevin dynamics</PageLink> then walks down the ladder, from where
        the score is easy to learn to where it is right.
      </p>
    </>
  );
}
