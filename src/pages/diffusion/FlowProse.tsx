import { Equation } from '../../components/Equation';

/** Why regressing on x_1 − x_0 learns the marginal velocity, and the link to the score (SCIENCE.md §10). */
export function FlowProse() {
  return (
    <section className="flow-prose" data-testid="flow-prose">
      <h3>Why regressing on x₁ − x₀ learns the flow</h3>
      <p>
        On this page t = 1 is noise and t = 0 is data. Flow matching joins a data point x₀ and an independent
        standard normal draw x₁ by the straight line
      </p>
      <Equation display tex={String.raw`x_t = (1-t)\,x_0 + t\,x_1,\qquad \frac{d x_t}{dt} = x_1 - x_0.`} />
      <p>
        Each pair moves at its own constant velocity x₁ − x₀, but many pairs cross the same point x at the
        same time t, each with a different velocity, and a sampler that only knows x and t cannot tell them
        apart. The network is trained with the squared miss
      </p>
      <Equation
        display
        tex={String.raw`\mathcal L(\theta) = \mathbb E_{t,\,x_0,\,x_1}\Big[\big(v_\theta(x_t, t) - (x_1 - x_0)\big)^2\Big],\qquad t\sim U(0,1).`}
      />
      <p>
        For each (x, t) a squared loss is smallest at the average of its targets, so the best network is the
        conditional average of the crossing velocities,
      </p>
      <Equation display tex={String.raw`v(x, t) = \mathbb E\,[\,x_1 - x_0 \mid x_t = x\,],`} />
      <p>
        the marginal velocity. It moves probability exactly as the pairs do on average, so the ODE dx/dt =
        v(x, t) carries the path&rsquo;s marginal p<sub>t</sub> at one time to its marginal at every other
        time, and run from N(0, 1) at t = 1 down to t = 0 it ends at the data. That holds for the exact v and
        the exact solution of the ODE; a network reaches v only as far as its size and its training allow, and
        a solver with few steps adds its own error. The loss never reaches 0, even at v itself, because the
        pairs through one point disagree: its floor is the average spread of x₁ − x₀ around v.
      </p>
      <p>
        For a mixture everything is in closed form: each component k is Gaussian along the path, with mean (1
        − t)μ
        <sub>k</sub> and variance (1 − t)²s<sub>k</sub>² + t², and v is the responsibility-weighted average of
        each component&rsquo;s conditional velocity. That is the exact velocity this page samples with and the
        learned one is compared against.
      </p>
      <h3>Flow matching is another score model</h3>
      <p>
        The straight path is a forward process x<sub>t</sub> = a x₀ + b x₁ with a = 1 − t and b = t, so
        Tweedie&rsquo;s formula gives both halves of the velocity from the score of p<sub>t</sub>: E[x₁ | x
        <sub>t</sub> = x] = −t ∇log p<sub>t</sub>(x) and E[x₀ | x<sub>t</sub> = x] = (x + t² ∇log p
        <sub>t</sub>(x))/(1 − t). Subtracting,
      </p>
      <Equation
        display
        tex={String.raw`v(x, t) = -\,\frac{x + t\,\nabla_x \log p_t(x)}{1-t}\qquad (0 \le t < 1).`}
      />
      <p>
        So wherever 0 &lt; t &lt; 1 a velocity model and a score model carry the same information, and the
        flow is one more deterministic transport with the same kind of marginals as the probability-flow ODE.
        Turning one into the other divides by 1 − t (score to velocity) or by t (velocity to score), which
        magnifies a network&rsquo;s errors near t = 1 or t = 0; learning v directly avoids the division at the
        noise end, where the sampler starts.
      </p>
      <h3>Straighter in time, so fewer steps</h3>
      <p>
        An Euler step is exact for a particle that moves at constant speed, so what a uniform grid of steps
        needs is paths whose speed changes little. With the default mixture the flow-matching paths in the
        first figure above deviate from constant speed on their chords about half as much as the VP
        probability-flow ODE&rsquo;s (the read-out under it; 0.9–1.0 against 1.9–2.3 for seeds 1–3). In the
        second figure that shows most with Heun, which reaches the sampling noise floor in fewer steps on flow
        matching&rsquo;s path than on the VP ODE. With Euler the gain is smaller and not at every step count:
        read the dashed curves before believing a slogan. The length-over-chord ratio does not show the
        difference in one dimension: it only counts turning back, and some flow-matching particles first drift
        toward the data&rsquo;s mean before turning to their mode, so it comes out slightly above the VP
        ODE&rsquo;s. All these read-outs are for the exact fields on a grid uniform in t.
      </p>
      <p>
        Once a velocity model is trained, the dotted (Heun) and dash-dotted (Euler) curves repeat the runs on
        it from the same noise. They fall with the steps like the exact curves while the solver&rsquo;s error
        dominates, then level off above them at the learned field&rsquo;s own error, which more steps cannot
        remove (in one run with the default settings, seed 1, on the wasm backend: Heun at 64 steps 0.039 on
        the learned velocity against 0.029 on the exact one, with 2,000 particles whose noise floor is about
        0.02).
      </p>
      <h3>One round of reflow</h3>
      <p>
        Reflow (Liu, Gong and Liu, 2022) trains a copy of the velocity network, with the same loss, on pairs
        the first model makes: a noise draw x₁ and the point x₀ its ODE carries it to, instead of independent
        draws. In one dimension two solutions of an ODE never pass each other, so the straight lines between
        these pairs never cross, each point on them has a single velocity, and the new flow&rsquo;s paths come
        out nearly straight at constant speed (in the same run the speed deviation fell from 0.87 to 0.003).
        Reflow straightens the paths of the coupling; it does not make the marginal exact: the pairs&rsquo; x₀
        carry the first network&rsquo;s error, and the second network adds its own. So W1 with few steps drops
        because the paths are straighter (two Euler steps: 0.71 before, 0.11 after), while with many steps the
        learned field&rsquo;s error remains (Heun at 64 steps: 0.039 before, 0.044 after).
      </p>
    </section>
  );
}
