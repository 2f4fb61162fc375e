import { Equation } from '../../components/Equation';
import { fmt } from '../../components/Readout';
import { mixtureScore, type Mixture } from '../../engine/mixture';
import { PageLink } from '../../components/PageLink';

/** The explanation under the figures, using the reader's current mixture where it helps. */
export function ScoreProse({ mixture, Z }: { mixture: Mixture; Z: number }) {
  const first = mixture[0];
  const probeX = first.mean + first.std;
  return (
    <>
      <h2>What the score is</h2>
      <p>
        The data here is a mixture of {mixture.length} Gaussian{mixture.length > 1 ? 's' : ''}:
      </p>
      <Equation
        display
        tex={String.raw`p(x) = \sum_{k=1}^{${mixture.length}} \pi_k\, \mathcal N(x;\, \mu_k, s_k^2).`}
      />
      <p>
        Its <strong>score</strong> is the derivative of the log density. For a mixture it is a weighted
        average of each component&rsquo;s own pull towards its mean, weighted by how responsible that
        component is for the point x:
      </p>
      <Equation
        display
        tex={String.raw`s(x) = \frac{d}{dx}\log p(x) = \sum_k r_k(x)\,\frac{\mu_k - x}{s_k^2}, \qquad r_k(x) = \frac{\pi_k \mathcal N(x;\mu_k,s_k^2)}{p(x)}.`}
      />
      <p>
        For example, one standard deviation to the right of the first component&rsquo;s mean, at x ={' '}
        {fmt(probeX)}, the score is {fmt(mixtureScore(mixture, probeX))}: it points back towards μ₁ ={' '}
        {fmt(first.mean)}{' '}
        {mixture.length > 1 ? 'and is mixed with the pull of the other components' : 'with strength 1/s₁'}.
        Narrow components pull hard (the 1/s² factor), which is why the score is steepest around the narrowest
        mode.
      </p>
      <h2>Why the normalising constant never matters</h2>
      <p>
        Write the density as an energy, <Equation tex={String.raw`p(x) = e^{-f(x)}/Z`} />. Then{' '}
        <Equation tex={String.raw`\log p(x) = -f(x) - \log Z`} />, and the constant disappears when we
        differentiate: <Equation tex={String.raw`s(x) = -f'(x)`} />. Move the Z slider (now Z = {fmt(Z)}): the
        density, its log and the energy all move, the score does not. This is the whole point of working with
        scores — a model of the score never has to compute the integral that normalises a density, which is
        intractable for real data.
      </p>
      <h2>Reading the arrows</h2>
      <p>
        Hover the figures. The green arrow points where the score points, longer where it is larger. It is
        zero at each mode (the top of a hill in log p) and at the low point between two modes; between the
        modes it points away from the dip, towards the mode on the same side of the dip — which need not be
        the nearer mode, because the dip is rarely halfway. In the default mixture the heavier, wider
        component at +2 reaches further, so the dip sits at x ≈ −0.82: at x = −0.5 the nearer mode is −2, yet
        the score is about +10 and points to +2. Following these arrows uphill — plus a little noise — is
        exactly how <PageLink to="langevin">Langevin dynamics</PageLink> turns a score into samples.
      </p>
    </>
  );
}
