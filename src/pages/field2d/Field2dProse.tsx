import { Equation } from '../../components/Equation';
import { fmt } from '../../components/Readout';

/** The explanation under the field page's figure. */
export function Field2dProse({ sigma, components }: { sigma: number; components: number }) {
  return (
    <>
      <h2>The score is a vector field</h2>
      <p>
        On a line the score is a number at each x, and its arrow can only point left or right. In the plane it
        is the gradient <Equation tex={String.raw`\nabla_x \log q_\sigma(x)`} />, a vector at every point: it
        points in the direction in which the log density rises fastest, and its length is how fast it rises
        there. It is zero exactly where the density is flat: at each mode, at each saddle between two modes,
        and at each dip (such as the centre of the ring preset while σ is small; by symmetry the centre stays
        a zero of the field at every σ, and becomes the single mode once σ is large).
      </p>
      <p>For a mixture of Gaussians the field has a closed form,</p>
      <Equation
        display
        tex={String.raw`\nabla \log p(x) = \sum_k r_k(x)\, \Sigma_k^{-1} (\mu_k - x), \qquad r_k(x) = \frac{\pi_k\, \mathcal N(x;\mu_k,\Sigma_k)}{p(x)},`}
      />
      <p>
        a blend of the pulls of the {components} components, each weighted by its responsibility r<sub>k</sub>
        . A component pulls through its inverse covariance: across the thin axis of a stretched ellipse the
        pull is strong, along its long axis it is weak. Near an elongated component the arrows therefore point
        mostly across it (except on and close to its long axis), and where that component alone dominates, a
        streamline closes in on its long axis first (the distance across shrinks faster) and then runs along
        that axis to the mean. A round component (Σ<sub>k</sub> proportional to I) pulls straight towards its
        mean from everywhere; a stretched one does so only along its two axes.
      </p>
      <h2>Blurring the plane</h2>
      <p>
        Adding noise <Equation tex={String.raw`\tilde x = x + \sigma z`} /> with{' '}
        <Equation tex={String.raw`z \sim \mathcal N(0, I)`} /> adds σ²I to every covariance:{' '}
        <Equation tex={String.raw`q_\sigma = \sum_k \pi_k\, \mathcal N(\mu_k, \Sigma_k + \sigma^2 I)`} />. At
        the current σ = {fmt(sigma)} each ellipse of the figure is drawn for the data itself (σ = 0), while
        the shading, the arrows and the streamlines belong to q<sub>σ</sub>. As σ grows the components widen
        into each other, the saddles between them disappear, and the field tends to that of one broad
        Gaussian: once σ is much larger than the spread of the data, the arrows within a few σ of it point
        towards the mixture&rsquo;s mean m with length close to{' '}
        <Equation tex={String.raw`|x - m|/\sigma^2`} />.
      </p>
      <h2>Learning the field without knowing it</h2>
      <p>
        The explicit loss needs the true score, which only a toy like this one has. The implicit loss of
        Hyvärinen (2005) does without it: integrating by parts turns the Fisher divergence into{' '}
        <Equation tex={String.raw`\mathbb E\,[\tfrac12|s_\theta|^2 + \operatorname{tr}\nabla_x s_\theta]`} />{' '}
        plus a constant. The trace needs the D diagonal entries of the network&rsquo;s Jacobian; this page
        computes each exactly with one forward-mode (tangent) pass, so the trace costs D passes on top of the
        forward pass, as D backward passes would in reverse mode. Sliced score matching (Song et al. 2019)
        replaces both terms by{' '}
        <Equation tex={String.raw`v^\top (\nabla_x s_\theta)\, v + \tfrac12 (v^\top s_\theta)^2`} /> for
        random directions v. Whenever E[v vᵀ] = I, as for standard Gaussian v or v with independent ±1
        (Rademacher) entries, E[vᵀAv] = tr A and E[(vᵀs)²] = |s|², so averaged over v it is the implicit loss
        exactly: an unbiased estimate at one pass per projection, M passes for M projections, whatever D. The
        variance-reduced form keeps the random trace term and uses the exact ½|s<sub>θ</sub>|², which costs no
        extra pass. Of the two kinds of direction, Rademacher never gives the trace term a larger variance:
        for the symmetric part S of the Jacobian, 2Σ<sub>i≠j</sub>S<sub>ij</sub>² against Gaussian&rsquo;s 2Σ
        <sub>i,j</sub>S<sub>ij</sub>². In the plane D = 2, so one projection saves at most one pass; the panel
        at the end of the page measures what it saves as D grows.
      </p>
      <h2>Where a learned field will be wrong</h2>
      <p>
        At one noise level, the expected value of every score-matching loss here (explicit, implicit, sliced,
        denoising) equals, up to a constant that does not depend on the model s<sub>θ</sub>, its Fisher
        divergence from the true score, an average weighted by the density,{' '}
        <Equation
          tex={String.raw`\tfrac12\,\mathbb E_{q_\sigma}\,|s_\theta(x) - \nabla\log q_\sigma(x)|^2`}
        />
        . For the sliced loss this holds averaged over directions v with E[v vᵀ] = I (both kinds offered); for
        the implicit and sliced losses it rests on an integration by parts with no boundary term, true here
        because q<sub>σ</sub> has Gaussian tails while the network grows at most linearly in x. The ncsn loss
        is a σ²-weighted average of such terms over its levels. Where q<sub>σ</sub> is tiny (the gaps between
        components, the space around a thin curve of data) errors cost almost nothing, and training samples
        almost never land there, so a network is free to be wrong there. Noise fills those regions with mass,
        which is one reason the models are trained at many noise levels. Lower σ and watch the shading fade to
        the background between the components: that is where the mass is missing.
      </p>
      <h2>What the error map shows</h2>
      <p>
        Train a network and the map under the field shades{' '}
        <Equation tex={String.raw`q_\sigma(x)\,|s_\theta(x) - \nabla\log q_\sigma(x)|^2`} />, whose integral
        over the plane is twice the Fisher divergence. It is dark only where neither the density nor the
        network&rsquo;s error is small. Its shading is scaled to its own maximum, so the pattern shows where
        the remaining error sits, and the darkest value in the caption falls as training lowers the
        divergence. It cannot show the network&rsquo;s errors where q<sub>σ</sub> is small, because there the
        weight q<sub>σ</sub> hides them, just as the loss does: a batch of a few hundred draws of q
        <sub>σ</sub> rarely lands in such a region, so almost nothing pulls the learned arrows there towards
        the exact ones. Compare the two sets of arrows away from the data, and the caption&rsquo;s two
        numbers, the unweighted squared error where q<sub>σ</sub> is above a tenth of its peak and elsewhere
        in the plot. A larger σ (or the ncsn ladder&rsquo;s large levels) widens q<sub>σ</sub>, and so spreads
        the training samples over more of the plane.
      </p>
      <h2>Following the arrows</h2>
      <p>
        The streamlines are curves everywhere tangent to the field. Following one is gradient ascent on log q
        <sub>σ</sub> in continuous time. From almost every starting point it climbs towards a mode and comes
        to rest there (only the starts on the few curves that lead exactly into a saddle end at that saddle),
        so it finds the peaks, not samples. Langevin dynamics adds noise to each step so that the particles
        spread over the density instead of collapsing onto its modes.
      </p>
    </>
  );
}
