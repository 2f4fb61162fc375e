import { Equation } from '../../components/Equation';
import { PageLink } from '../../components/PageLink';
import { fmt } from '../../components/Readout';

/** The explanation under the figures. */
export function PerturbProse({ sigma, n, fisherGap }: { sigma: number; n: number; fisherGap: number }) {
  return (
    <>
      <h2>Blurring the data</h2>
      <p>
        Take a data point x and add noise:{' '}
        <Equation tex={String.raw`\tilde x = x + \sigma z,\; z \sim \mathcal N(0,1)`} />. The noisy points
        follow the convolution of p with a Gaussian of width σ. For a mixture of Gaussians this is exact and
        easy: the variances of independent Gaussians add, so every component simply widens,
      </p>
      <Equation
        display
        tex={String.raw`q_\sigma(\tilde x) = \sum_k \pi_k\, \mathcal N(\tilde x;\; \mu_k,\; s_k^2 + \sigma^2).`}
      />
      <p>
        Its score is the mixture score with the widened variances. At the current σ = {fmt(sigma)} each
        component&rsquo;s pull <Equation tex={String.raw`(\mu_k - \tilde x)/(s_k^2+\sigma^2)`} /> is weaker
        than in p. Between the modes p is almost zero; its score is still defined there (this page computes it
        exactly, in log space), but a score <em>learned</em> from samples is poor there, because almost no
        samples land there to teach it. q<sub>σ</sub> has mass between the modes, so noisy samples do land
        there, and its score is gentler.
      </p>
      <h2>Why this matters for generative models</h2>
      <p>
        A score model is trained from samples, and samples say nothing about the regions between modes where
        no data falls. Noise spreads the data into those regions, so the score becomes learnable everywhere —
        at the price of no longer being the score of p. Small σ: accurate near the data, blind elsewhere.
        Large σ: seen everywhere, but blurred. That tension is why score-based models use a whole ladder of
        noise levels, which <PageLink to="annealed">annealed Langevin</PageLink> walks down.
      </p>
      <h2>A finite sample memorises</h2>
      <p>
        In practice we have n samples, not p. Blurring the sample with the same Gaussian gives the
        kernel-density (Parzen) estimate and its score,
      </p>
      <Equation
        display
        tex={String.raw`\hat q_\sigma(\tilde x) = \frac1n \sum_{i=1}^{n} \mathcal N(\tilde x;\, x_i, \sigma^2), \qquad \nabla \log \hat q_\sigma(\tilde x) = \sum_i w_i(\tilde x)\, \frac{x_i - \tilde x}{\sigma^2},`}
      />
      <p>
        with weights <Equation tex={String.raw`w_i \propto \mathcal N(\tilde x; x_i, \sigma^2)`} /> that sum
        to one. When σ is small compared with the gaps between samples, one weight takes over and the score
        points straight at the nearest sample: following it reproduces the training points rather than new
        data. This is memorisation, and it is what a network trained to optimality on a small data set at
        small σ would learn: the <PageLink to="train">training page</PageLink> lets you watch one do it. With
        n = {n} samples and σ = {fmt(sigma)} the Fisher divergence between the estimate&rsquo;s score and the
        true score of q<sub>σ</sub>,{' '}
        <Equation
          tex={String.raw`\tfrac12\int q_\sigma\,(\nabla\log\hat q_\sigma - \nabla\log q_\sigma)^2`}
        />
        , is {fmt(fisherGap)}. Raise n or σ to shrink it; lower σ to watch the saw-tooth appear.
      </p>
    </>
  );
}
