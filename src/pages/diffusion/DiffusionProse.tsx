import { Equation } from '../../components/Equation';
import { PageLink } from '../../components/PageLink';

/** The explanation under the figures. */
export function DiffusionProse() {
  return (
    <>
      <h2>DDPM is score matching in disguise</h2>
      <p>
        DDPM trains a network to guess the noise that was mixed into a data point. Pick a clean point, a step
        t and a standard normal ε, form the noisy point, and penalise the squared miss:
      </p>
      <Equation
        display
        tex={String.raw`\mathcal L(\theta) = \mathbb E_{t,\,x_0,\,\varepsilon}\Big[\big(\varepsilon - \varepsilon_\theta(\sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\varepsilon,\ t)\big)^2\Big].`}
      />
      <p>
        The best possible guess is the average noise given what you see, E[ε | x<sub>t</sub>]. Tweedie&rsquo;s
        formula says that this average is the score of the noisy marginal, rescaled: a point sits on the side
        of the density where the noise pushed it, so the slope of log p<sub>t</sub> points back. Hence
      </p>
      <Equation
        display
        tex={String.raw`s_\theta(x, t) = -\,\frac{\varepsilon_\theta(x, t)}{\sqrt{1-\bar\alpha_t}} \;\approx\; \nabla_x \log p_t(x).`}
      />
      <p>
        Written this way the ε-loss at step t is denoising score matching for p<sub>t</sub>: the squared miss
        in ε is 1 − ᾱ<sub>t</sub> times the squared miss in the score, and the score&rsquo;s target is the
        noise direction −ε/√(1 − ᾱ<sub>t</sub>). It is a close cousin of the{' '}
        <PageLink to="train">train page</PageLink>&rsquo;s NCSN loss, not a copy. Both weight each noise level
        by its noise variance (σ² there, 1 − ᾱ<sub>t</sub> here), but DDPM first shrinks the clean point by √ᾱ
        <sub>t</sub> while NCSN adds noise of std σ to the unscaled data; and DDPM draws t uniformly from 1 …
        T, so the schedule decides how much training each noise level gets, while NCSN draws its levels
        uniformly from a geometric ladder, that is uniformly in log σ. This page&rsquo;s network sees x
        <sub>t</sub>/√(a<sub>t</sub>² + s<sub>t</sub>²), a factor that would keep data of unit variance at
        unit variance: it is 1 for VP, and for VE it undoes most of the growth of the noise. With the default
        mixture (variance 4.0) the input&rsquo;s std stays between 1 and 2 either way. The time enters as{' '}
        <Equation tex={String.raw`\log\lambda_t = \tfrac12\log\frac{1-\bar\alpha_t}{\bar\alpha_t}`} /> (log σ
        <sub>t</sub> for VE), the noise measured against the remaining signal, which tells it everything about
        how noisy the input is.
      </p>

      <h2>One score, several ways down</h2>
      <p>
        <strong>Ancestral sampling</strong> undoes one forward step at a time: with x̂<sub>0</sub> the
        network&rsquo;s best guess of the clean point, it draws from the Gaussian the forward process would
        have passed through,
      </p>
      <Equation
        display
        tex={String.raw`x_{t-1} = \frac{1}{\sqrt{\alpha_t}}\Big(x_t - \frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\,\varepsilon_\theta(x_t, t)\Big) + \sigma_t z,\qquad \sigma_t^2 \in \{\beta_t,\ \tilde\beta_t\}.`}
      />
      <p>
        β̃<sub>t</sub> = β<sub>t</sub>(1 − ᾱ<sub>t−1</sub>)/(1 − ᾱ<sub>t</sub>) is the true reverse-step
        variance when the data are a single point, β<sub>t</sub> when they are standard normal; for Gaussian
        data of variance at most one the true variance lies between the two (Ho et al. state the bracket for
        data of unit variance). The default mixture has variance 4.0, so x<sub>t</sub> has variance 1 + 3.0 ᾱ
        <sub>t</sub> rather than 1, and the bracket holds only in part: averaged over p<sub>t</sub>, the exact
        Var[x<sub>t−1</sub> | x<sub>t</sub>] (linear schedule, T = 1000) lies between β̃<sub>t</sub> and β
        <sub>t</sub> up to t ≈ 280 and slightly above β<sub>t</sub> (by at most 0.3%) from there on. Since p
        <sub>t</sub> is exact here, that variance can be computed and plotted against both choices, and this
        page does. With many steps the choice hardly matters; skip most of them and both under-disperse, β̃
        visibly more.
      </p>
      <p>
        In continuous time the forward noising is an SDE, dx = f x dt + g dw. Running it backwards needs the
        score, and there are two ways to do it with the same marginals p<sub>t</sub>:
      </p>
      <Equation
        display
        tex={String.raw`\underbrace{dx = \big[f x - g^2\,\nabla\log p_t(x)\big]dt + g\,d\bar w}_{\text{reverse SDE}} \qquad \underbrace{\frac{dx}{dt} = f x - \tfrac12 g^2\,\nabla\log p_t(x)}_{\text{probability-flow ODE}}.`}
      />
      <p>
        The SDE pulls twice as hard towards the data and injects noise to make up for it; its paths jitter,
        and the fresh noise forgives earlier mistakes. The ODE moves each particle along a smooth,
        deterministic curve: the same start always lands on the same sample, and a higher-order solver (Heun)
        pays off, but an error made early is carried to the end. A <strong>predictor–corrector</strong>{' '}
        sampler, in the order of Song et al. 2021 (Algorithms 2–3), first takes a predictor step from t down
        to the next time t′ and then a few Langevin corrector steps at t′, the level it has just reached,
        nudging the particles back onto p<sub>t′</sub>. The corrector&rsquo;s step is set so that its drift
        is, in mean size, a fixed fraction of its noise: r√α, with α the share of signal variance one forward
        step keeps (1 for VE, 1 − β for VP). Here the predictor is the ancestral step with β̃ (or
        Euler–Maruyama); Song et al.&rsquo;s own &ldquo;reverse diffusion&rdquo; predictor adds the forward
        step&rsquo;s variance instead (β
        <sub>t</sub>, or σ<sub>i</sub>² − σ<sub>i−1</sub>² for VE). The last level is corrected too, except on
        a discrete schedule, whose last step lands on the data itself (t = 0), where no score is learned.
      </p>

      <h2>Why the exact score matters here</h2>
      <p>
        For real images nobody knows ∇log p<sub>t</sub>, so a bad sample could be the network&rsquo;s fault or
        the sampler&rsquo;s. Here the data are a Gaussian mixture, and every noisy marginal is again a
        mixture,
      </p>
      <Equation
        display
        tex={String.raw`p_t(x) = \sum_k \pi_k\,\mathcal N\big(x;\ a_t\mu_k,\ a_t^2 s_k^2 + s_t^2\big),`}
      />
      <p>
        whose score is exact in closed form. With <em>Exact score</em> the W1 left in the table is the
        sampler&rsquo;s own: its discretisation error, plus the sampling noise of n particles (about 0.01–0.04
        at n = 10⁴), plus any gap between the prior the run starts from and the true p<sub>1</sub> —
        negligible for the VP SDE and for DDPM with T = 1000, where under 1% of the signal&rsquo;s scale
        survives to the end (a short linear schedule keeps much more), but not for VE (below); switch to the
        learned ε-model with everything else fixed — same seed, so the same starting noise (and, except where
        the learned run uses the fused WebGPU kernels, which draw their own step noise, the same step noise) —
        and the difference between the two rows is the network&rsquo;s share. Some things to try: ancestral
        with 10 steps against 1000; the ODE with Euler against Heun at 20 steps; the VE ODE, which stalls at a
        small W1 because its prior N(0, σ<sub>max</sub>²) is not quite the noised data; Euler–Maruyama on the
        discrete geometric VE schedule at 10 steps, which blows up because each step jumps across a huge range
        of noise levels.
      </p>
    </>
  );
}
