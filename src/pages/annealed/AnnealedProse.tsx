import { Equation } from '../../components/Equation';
import { PageLink } from '../../components/PageLink';

/** The explanation under the annealed page's figures. */
export function AnnealedProse() {
  return (
    <>
      <h2>A ladder of noise levels</h2>
      <p>
        Annealed Langevin dynamics (Song and Ermon&rsquo;s sampler for noise-conditional score networks) does
        not sample p directly. It picks noise levels falling geometrically,{' '}
        <Equation tex={String.raw`\sigma_1 > \sigma_2 > \dots > \sigma_L`} />, and at level i runs T Langevin
        steps on <Equation tex={String.raw`q_{\sigma_i}`} />, the data blurred by Gaussian noise of std σᵢ,
        starting where level i − 1 stopped:
      </p>
      <Equation
        display
        tex={String.raw`x \leftarrow x + \frac{\alpha_i}{2}\, \nabla_x \log q_{\sigma_i}(x) + \sqrt{\alpha_i}\; z,`}
      />
      <p>
        with a step that shrinks with the noise,{' '}
        <Equation tex={String.raw`\alpha_i = \varepsilon\, \sigma_i^2/\sigma_L^2`} /> (ε is the step of the
        last level).
      </p>
      <p>
        With the exact score this page uses the closed form of every blurred mixture; with the learned one,
        the network&rsquo;s <Equation tex={String.raw`s_\theta(x, \sigma_i)`} />, which was trained on a
        ladder of such levels. The last level is nearly p itself, so the particles end on the data.
      </p>
      <h2>Why blurring fixes the weights</h2>
      <p>Blurring a mixture widens every component and keeps every weight:</p>
      <Equation
        display
        tex={String.raw`q_\sigma(x) = \sum_k \pi_k\, \mathcal N\!\big(x;\ \mu_k,\ s_k^2 + \sigma^2\big).`}
      />
      <p>
        When σ is as large as the distance between the modes, the components overlap into one broad bump.
        There is no empty gap to cross: the score everywhere is a blend of the components&rsquo; pulls
        weighted by their responsibilities, so the heavier component pulls more particles, and a few steps
        settle them in proportion to the weights π. Each following level shrinks the blur a little. Particles
        that already sit near equilibrium for one level are close to equilibrium for the next, and the share
        of particles around each mode is that mode&rsquo;s weight in{' '}
        <Equation tex={String.raw`q_{\sigma_i}`} /> — which is π<sub>k</sub> at every level. By the time the
        modes part and crossing stops, each side already holds its right share, and it keeps it down to the
        last level.
      </p>
      <p>
        Plain Langevin fails for the opposite reason: it starts where the gap is already empty, so the split
        of the initial draw is frozen in. Compare the two with the preset &ldquo;Two separated modes&rdquo;
        here and on the <PageLink to="langevin">Langevin page</PageLink>.
      </p>
      <h2>Why the step shrinks with σ²</h2>
      <p>
        Song and Ermon&rsquo;s reason is the balance of drift and noise. In one update the drift is{' '}
        <Equation tex={String.raw`\tfrac{\alpha_i}{2}\, s`} /> and the noise{' '}
        <Equation tex={String.raw`\sqrt{\alpha_i}\, z`} />, so their ratio is about{' '}
        <Equation tex={String.raw`\sqrt{\alpha_i}\,|s|/2`} />. A score that is close to the true one has{' '}
        <Equation tex={String.raw`|s| \propto 1/\sigma_i`} /> once σᵢ exceeds the widths of the components,
        and then <Equation tex={String.raw`\alpha_i \propto \sigma_i^2`} /> makes the ratio the same at every
        level. Seen from the particles: near a mode <Equation tex={String.raw`q_{\sigma_i}`} /> is roughly
        Gaussian with variance <Equation tex={String.raw`s_k^2 + \sigma_i^2`} />, about σᵢ² at these levels,
        so the step is the same size measured in each level&rsquo;s own width and each level relaxes by about
        the same factor in its T steps.
      </p>
      <p>
        Both hold only while σᵢ exceeds the component widths (0.5 and 0.2 in the default mixture). Below them
        the score of <Equation tex={String.raw`q_{\sigma_i}`} /> stops growing like 1/σᵢ and tends to the
        score of p, so the smallest levels take steps that are small for their width and relax less (with the
        default preset, a factor of about e<sup>−10</sup> per level at σ = 4, but only e<sup>−0.1</sup> for
        the wide component at σ = 0.05). Little is lost: by then q<sub>σ</sub> barely changes from one level
        to the next. The choice also keeps every level stable at once: the variance of{' '}
        <Equation tex={String.raw`q_{\sigma_i}`} /> is at least σᵢ² and{' '}
        <Equation tex={String.raw`\alpha_i/\sigma_i^2 = \varepsilon/\sigma_L^2`} />, so the limit{' '}
        <Equation tex={String.raw`\alpha < 4v`} /> holds at all levels as soon as{' '}
        <Equation tex={String.raw`\varepsilon < 4\sigma_L^2`} /> (the presets use a fifth of σ_L²). The price
        is L × T steps instead of T, and the ladder must be fine enough: the weights freeze while the modes
        part, and a coarse ladder spends too few levels there.
      </p>
    </>
  );
}
