import { Equation } from '../../components/Equation';
import { PageLink } from '../../components/PageLink';
import { SAMPLE_MIN_STEPS } from '../sampling-shared/samplerRun';
import { WeightedFisher } from './WeightedFisher';

/** The explanation under the train page's figures. */
export function TrainProse() {
  return (
    <>
      <h2>One network, many noise levels</h2>
      <p>
        The network takes a point and a noise level,{' '}
        <Equation tex={String.raw`s_\theta(x, \sigma) = \mathrm{net}(x, \log\sigma)/\sigma`} />. Dividing by σ
        lets the network output numbers of the same size at every level where σ exceeds the widths of the
        mixture&rsquo;s components: there each component of q<sub>σ</sub> is about as wide as σ, and its true
        score scales like 1/σ. Below the widths the score of q<sub>σ</sub> tends to the score of p, whose size
        the widths set, and the network&rsquo;s output shrinks with σ instead. With the NCSN objective each
        training sample gets a random level σ<sub>i</sub> from a geometric ladder, is noised, and the network
        is asked to point back:
      </p>
      <Equation
        display
        tex={String.raw`\mathcal L(\theta) = \frac{1}{L}\sum_{i=1}^{L} \sigma_i^2\; \tfrac12\mathbb E\Big[\big(s_\theta(x + \sigma_i z, \sigma_i) + z/\sigma_i\big)^2\Big] = \frac1L\sum_i \tfrac12\mathbb E\Big[\big(\sigma_i\, s_\theta(\tilde x, \sigma_i) + z\big)^2\Big].`}
      />
      <p>
        The weight σ² is what makes the levels comparable: without it the smallest σ, whose targets are huge,
        would drown out the rest. The NCSN and DSM losses never fall to zero, because z is random: even the
        exact score leaves a floor (the caption under the loss chart gives it). That is why the page measures
        quality with the Fisher divergence against the exact score instead, with the same ½ as the losses,
      </p>
      <Equation
        display
        tex={String.raw`D(\sigma) = \tfrac12 \int q_\sigma(x)\,\big(s_\theta(x,\sigma) - \nabla\log q_\sigma(x)\big)^2\,dx.`}
      />
      <h2>Where the error lives</h2>
      <p>
        Look at the smallest level: the learned curve hugs the exact score where q<sub>σ</sub> (the shaded
        shape) is high, and wanders where it is low — the network is trained only where samples land. The
        Fisher divergence weights errors by q<sub>σ</sub> for the same reason.
      </p>
      <p>
        To compare levels, do not read D(σ) straight off its chart: once σ exceeds the component widths the
        exact score shrinks like 1/σ, so D(σ) falls with σ even for a network that is equally good at every
        level. Compare σ²·D(σ) instead, the error measured in the score&rsquo;s own size, which is also what
        each level adds to the σ²-weighted loss above its floor. For the same reason the mean Fisher
        divergence in the status line is dominated by the smallest levels. <WeightedFisher />
      </p>
      <h2>Four objectives</h2>
      <p>
        <strong>ESM</strong> regresses onto the exact score of p. Real data never offers that target; this toy
        does, because its density is known in closed form. <strong>ISM</strong> (Hyvärinen) needs no target:
        minimising <Equation tex={String.raw`\mathbb E_p[\tfrac12 s_\theta(x)^2 + \partial_x s_\theta(x)]`} />{' '}
        gives the same optimum, at the price of a derivative of the network with respect to its input
        (autodiff computes it). Sliced score matching replaces that derivative by a random projection{' '}
        <Equation tex={String.raw`v^\top \nabla_x s_\theta\, v`} />; in one dimension a unit direction is v =
        ±1 and v² = 1, so it is exactly ISM (a Gaussian v matches it only on average, as the note on sliced
        score matching explains). <strong>DSM</strong> learns the score of q<sub>σ</sub> at one σ, and{' '}
        <strong>NCSN</strong> does DSM at every level at once.
      </p>
      <h2>Small data memorises</h2>
      <p>
        Set a finite training set (say 20 points) and a small σ<sub>min</sub>: the best the DSM loss can do is
        the score of the kernel-density estimate of those points, whose saw-tooth (purple) points at the
        individual training samples. Watch the learned curve follow the saw-tooth rather than the true score:
        the network is memorising. More data or a larger σ removes the effect.
      </p>
      <h2>Sampling with the network</h2>
      <p>
        The trained network can stand in for the exact score: on the{' '}
        <PageLink to="langevin">Langevin page</PageLink> set &ldquo;Follow the score&rdquo; to Learned
        network. Sampling waits until the network has trained for {SAMPLE_MIN_STEPS.toLocaleString('en')}{' '}
        steps; beside a run on the exact score with the same settings, what differs is the network&rsquo;s
        doing.
      </p>
    </>
  );
}
