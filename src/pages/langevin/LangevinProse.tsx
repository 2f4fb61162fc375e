import { Equation } from '../../components/Equation';
import { PageLink } from '../../components/PageLink';

/** The explanation under the langevin page's figures. */
export function LangevinProse() {
  return (
    <>
      <h2>Following the score, with noise</h2>
      <p>
        The score points uphill in log density. Stepping along it alone would pile every particle onto the
        nearest peak; adding Gaussian noise of the right size turns the climb into sampling. One step of
        Langevin dynamics with step size ε, with a fresh standard normal draw z for every particle and every
        step, is
      </p>
      <Equation
        display
        tex={String.raw`x \leftarrow x + \frac{\varepsilon}{2}\, \nabla_x \log p(x) + \sqrt{\varepsilon}\; z.`}
      />
      <p>
        Conventions differ: the lecture slides write the same step as{' '}
        <Equation tex={String.raw`x + \tfrac{\varepsilon^2}{2}\,\nabla_x \log p(x) + \varepsilon\, z`} />, so
        their ε is the std of the noise, and this page&rsquo;s ε is its square (the variance of the noise). A
        slide&rsquo;s ε = 0.1 is ε = 0.01 here.
      </p>
      <p>
        The drift and the noise balance exactly when the particles are distributed as p: that is the
        stationary law of the continuous-time dynamics, and the discrete steps reach it as ε → 0 and the
        number of steps grows. With a finite ε the cloud ends slightly too wide — for a Gaussian of variance v
        the chain settles at variance <Equation tex={String.raw`v/(1 - \varepsilon/(4v))`} /> — and a step
        larger than <Equation tex={String.raw`4v`} /> for the widest component throws the particles out
        altogether, which the page reports as a divergence.
      </p>
      <h2>Why separated modes keep the wrong weights</h2>
      <p>
        Near a mode the mixture&rsquo;s score is almost exactly that component&rsquo;s own score. With
        responsibilities <Equation tex={String.raw`r_k(x)`} /> close to one near mode k,
      </p>
      <Equation
        display
        tex={String.raw`\nabla_x \log p(x) = \sum_k r_k(x)\,\frac{\mu_k - x}{s_k^2} \;\approx\; \frac{\mu_k - x}{s_k^2},`}
      />
      <p>
        and the weight <Equation tex={String.raw`\pi_k`} /> is gone: near the mode it only adds the constant{' '}
        <Equation tex={String.raw`\log \pi_k`} /> to the log density, and a derivative does not see constants.
        The weights live only in the gap between the modes, where the responsibilities hand over from one
        component to the other — and the particles hardly ever go there. To cross, a particle must climb the
        dip in log density; the expected waiting time grows like <Equation tex={String.raw`e^{\Delta U}`} />{' '}
        with <Equation tex={String.raw`\Delta U`} /> the depth of the dip. For the two modes at ±5 with unit
        std the dip (at x ≈ −0.14, just left of the midpoint) lies about 11 nats below the lighter
        mode&rsquo;s peak and 12.5 below the heavier one&rsquo;s, so a crossing takes of the order of{' '}
        <Equation tex={String.raw`e^{11} \approx 60{,}000`} /> relaxation times: far beyond any run here.
      </p>
      <p>
        So each particle stays in the basin it starts in, and the modes end up with the shares of the{' '}
        <em>initial</em> draw. From a uniform start on [−8, 8] that is about half each, instead of 0.2 and
        0.8. The histogram&rsquo;s shapes look right and the mode weights are wrong; more steps or a smaller ε
        change nothing. Try the preset &ldquo;Two separated modes&rdquo;, then open the same particles on the
        <PageLink to="annealed">annealed page</PageLink>, where the noise is first made large enough to blur
        the gap away.
      </p>
      <h2>Measuring the result</h2>
      <p>
        Every figure compares with the exact answer. W1 is the area between the particles&rsquo; empirical CDF
        and the mixture&rsquo;s CDF; KS is their largest vertical gap. Both stay of order{' '}
        <Equation tex={String.raw`1/\sqrt{n}`} /> even for perfect samples, so compare them with that floor.
        Mode weights are the mean responsibilities over the particles. While the run moves these figures come
        from a subsample of at most 10,000 particles; once it ends, from all of them (W1 and KS from at most
        100,000, taken at an even stride).
      </p>
    </>
  );
}
