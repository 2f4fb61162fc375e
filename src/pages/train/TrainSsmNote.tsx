import { Equation } from '../../components/Equation';
import '../../styles/sources.css';

/** Why sliced score matching exists (Song et al. 2019), and why it equals ISM on this one-dimensional page. */
export function TrainSsmNote() {
  return (
    <section className="sources-note sources-prose" data-testid="ssm-note">
      <h2 className="figure-title">Why sliced score matching exists</h2>
      <p>
        Implicit score matching needs the divergence of the model&rsquo;s score, the trace of its Jacobian:
      </p>
      <Equation
        display
        tex={String.raw`J_{\text{ISM}} = \mathbb E_p\Big[\operatorname{tr} \nabla_x s_\theta(x) + \tfrac12 \lVert s_\theta(x)\rVert^2\Big], \qquad \operatorname{tr} \nabla_x s_\theta = \sum_{i=1}^{D} \frac{\partial s_{\theta,i}}{\partial x_i}.`}
      />
      <p>
        Reverse-mode differentiation gives one row of the Jacobian per backward pass, so the trace costs D
        backward passes in D dimensions: nothing here, where D = 1, but thousands for an image. Sliced score
        matching (Song et al. 2019) looks along a random direction v instead:
      </p>
      <Equation
        display
        tex={String.raw`J_{\text{SSM}} = \mathbb E_v\, \mathbb E_p\Big[v^\top \nabla_x s_\theta(x)\, v + \tfrac12 \big(v^\top s_\theta(x)\big)^2\Big].`}
      />
      <p>
        Here vᵀ(∇s<sub>θ</sub>)v is the gradient of the single number vᵀs<sub>θ</sub>(x), dotted with v: one
        backward pass, whatever D is. It is unbiased because E[vᵀAv] = tr(A E[vvᵀ]) = tr A whenever E[vvᵀ] =
        I, which holds for a standard Gaussian v and for v with independent ±1 entries (Rademacher). In one
        dimension a Rademacher v is ±1, v² = 1, and SSM is ISM term for term; a Gaussian v only multiplies
        each term by v², whose mean is 1. So this page offers ISM and no separate SSM: the two part from the
        second dimension on, where one projection no longer sees the whole trace, and a two-dimensional page
        will show how.
      </p>
    </section>
  );
}
