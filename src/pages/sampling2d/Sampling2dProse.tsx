import { Equation } from '../../components/Equation';
import { PageLink } from '../../components/PageLink';

/** The explanation under the sampling page's figure: what each sampler does and what each preset shows. */
export function Sampling2dProse() {
  return (
    <>
      <h2>The same samplers, one more coordinate</h2>
      <p>
        Every sampler on this page is the one from the line, applied to both coordinates at once. Given the
        score vector, Langevin&rsquo;s update{' '}
        <Equation tex={String.raw`x \leftarrow x + \tfrac{\alpha}{2}\nabla \log p(x) + \sqrt{\alpha}\, z`} />{' '}
        with <Equation tex={String.raw`z \sim \mathcal N(0, I)`} /> moves x and y separately, with independent
        noise; so do the ancestral, reverse-SDE, probability-flow and flow-matching steps. What couples the
        coordinates is the score itself, which for a mixture has the closed form{' '}
        <Equation tex={String.raw`\nabla \log p(x) = \sum_k r_k(x)\, \Sigma_k^{-1}(\mu_k - x)`} />, and for
        every noisy marginal too: adding noise of variance s² to data scaled by a moves μ<sub>k</sub> to aμ
        <sub>k</sub> and turns Σ<sub>k</sub> into <Equation tex={String.raw`a^2\Sigma_k + s^2 I`} />. The
        shading is the exact density of the data; the dots are the particles; the thin lines follow a dozen of
        them.
      </p>
      <p>
        DDPM uses its own linear schedule with T = 1000 and the posterior variance β̃, keeping{' '}
        <code>steps</code> of the 1000 steps evenly; the reverse SDE, the probability-flow ODE (Heun) and the
        predictor&ndash;corrector sampler (an ancestral predictor and one Langevin corrector step at
        signal-to-noise ratio 0.16 per level) run on the VP SDE with β from 0.1 to 20, from t = 1 down to t =
        10⁻³; flow matching integrates the exact velocity of the straight path with Heun&rsquo;s method. All
        of them start from N(0, I).
      </p>
      <h2>Reading the numbers</h2>
      <p>
        The sliced W1 averages, over 16 evenly spread directions u, the 1D Wasserstein distance between the
        projected cloud uᵀx and the projected mixture, which is an exact 1D mixture. Even n exact samples do
        not reach zero: the noise floor beside it is the average such samples would show, about{' '}
        <Equation tex={String.raw`\sqrt{2/(\pi n)}\int\sqrt{F(1-F)}\,dx`} /> per slice. Above 2,000 particles
        it is measured on an evenly strided subset of at most 2,000, and the floor shown is the floor for that
        subset&rsquo;s size. Mode weights are the particles&rsquo; mean responsibilities r<sub>k</sub>, to
        compare with the π<sub>k</sub> beside each; mean and covariance are followed by the mixture&rsquo;s
        own (&ldquo;exact&rdquo;).
      </p>
      <h2>What the presets show</h2>
      <p>
        <strong>Two modes.</strong> Song &amp; Ermon&rsquo;s toy puts weights 0.2 and 0.8 on unit Gaussians at
        (−5, −5) and (5, 5). Between them the density is about e<sup>−25</sup> of its peaks, so Langevin on
        the exact score, started uniformly on [−8, 8]², keeps almost every particle in the basin it started
        in: the split stays close to the even split of the start, not 0.2/0.8. Annealed Langevin starts at σ =
        20, where the blurred modes overlap and particles cross freely, and walks down ten levels to σ = 1;
        the mode weights come out close to 0.2 and 0.8. Its last level is σ = 1, so the cloud it ends with
        follows q<sub>1</sub>, whose components have twice the data&rsquo;s variance: its covariance and
        sliced W1 show that blur, while its weights are right.
      </p>
      <p>
        <strong>Ring of eight.</strong> Eight Gaussians of std 0.3 on a circle of radius 4. Annealed Langevin
        with ε = 10⁻⁴ from σ = 8 to 0.05 in twelve levels brings the particles onto the ring. With only two
        levels, the second level&rsquo;s step is α = ε = 10⁻⁴: where one mode&rsquo;s pull dominates, a
        particle at distance d from it moves about α d / (2 · 0.0925) ≈ 0.0005 d per step (0.0925 = 0.3² +
        0.05²), so in T = 100 steps it covers about 5% of the way. The cloud stays spread the way the broad
        first level left it, with a covariance far larger than the ring&rsquo;s, even though by symmetry each
        mode still gets about an eighth of it.
      </p>
      <p>
        <strong>Thin curve.</strong> Eight components of std 0.7 along a curve and 0.08 across it. Across the
        curve the unblurred score is steep: Langevin with step α on a Gaussian of variance v is stable only
        for α &lt; 4v (0.0256 here), and its stationary variance is v / (1 − α/(4v)). At ε = 0.024 that is
        16v: for a Gaussian of that width the particles spread four times wider across the curve than the
        data, off it on both sides. The annealed preset reaches the curve on blurred scores first, and its
        last step (α = 0.001) inflates the variance across by only 1/(1 − 0.001/(4 · 0.0068)) ≈ 1.04.
      </p>
      <p>
        With the score set to Learned, Langevin and annealed Langevin use the network trained on{' '}
        <PageLink to="field2d">the field page</PageLink>. A network trained with the ncsn objective has been
        trained on the score at each σ of its ladder, so annealed Langevin whose levels lie within that
        ladder&rsquo;s range asks it only at or between levels it was trained on (at exactly those levels when
        the page&rsquo;s σ_max, σ_min and L match the field page&rsquo;s); levels outside that range, or a
        network trained at one σ, make it extrapolate in σ. Plain Langevin asks it at its smallest trained σ
        and so aims at (its estimate of) p blurred at that σ; the training loss weighs each point by q_σ, so
        where data is sparse (far from the modes, and between modes set far apart) nothing pins the network
        down, and Langevin, which follows its field wherever the particles are, carries its error there into
        the cloud. The read-outs, measured against the exact mixture, show how much. On a learned score the
        reverse SDE, the ODE and PC run the VE process from σ_max down to σ_min instead of VP: its p_t is q at
        σ(t), the network&rsquo;s own input, so they run when the page&rsquo;s σ_min … σ_max lies inside the
        trained range and sample q at σ_min. DDPM (σ up to about 157 on its schedule) and flow matching (a
        velocity, and σ = t/(1 − t) without bound) need noise beyond any network trained there, and run on the
        exact score only.
      </p>
    </>
  );
}
