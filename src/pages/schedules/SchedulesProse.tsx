import { useMemo } from 'react';
import { PageLink } from '../../components/PageLink';
import { Equation } from '../../components/Equation';
import { fmt } from '../../components/Readout';
import { buildSchedule, signalShares, type VpSchedule } from '../../engine/schedules';

/** Numbers the text quotes, computed rather than typed in: the classic comparison and the linear schedule. */
function quotedNumbers(T: number) {
  const cosine = buildSchedule('cosine', 15);
  const geometric = buildSchedule('geometric', 15);
  const linearNow = buildSchedule('linear', T) as VpSchedule;
  const linear1000 = buildSchedule('linear', 1000);
  return {
    cosine: { shares: signalShares(cosine), first: cosine.lambda[0], last: cosine.lambda[14] },
    geometric: { shares: signalShares(geometric), ratio: geometric.lambda[1] / geometric.lambda[0] },
    linearAlphaBarT: linearNow.alphaBar[T - 1],
    linearGone1000: signalShares(linear1000).goneSteps,
  };
}

/** The explanation under the figures. */
export function SchedulesProse({ T }: { T: number }) {
  const q = useMemo(() => quotedNumbers(T), [T]);
  return (
    <>
      <h2>What a schedule decides</h2>
      <p>
        A diffusion model destroys data gradually and learns to undo each step. The schedule says how fast the
        noise takes over. Variance-preserving (VP) schedules, DDPM&rsquo;s family, shrink the signal while
        they add noise, so that data of unit variance keep unit variance at every step:
      </p>
      <Equation
        display
        tex={String.raw`x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\varepsilon,`}
      />
      <Equation display tex={String.raw`\bar\alpha_t = \prod_{s\le t}(1-\beta_s).`} />
      <p>
        For any data,{' '}
        <Equation
          tex={String.raw`\operatorname{Var} x_t = \bar\alpha_t \operatorname{Var} x_0 + 1 - \bar\alpha_t`}
        />
        : it tends to one as ᾱ<sub>t</sub> → 0 whatever the data, but it starts at the data&rsquo;s own
        variance. The default mixture has variance 4.006, so here Var x<sub>t</sub> = 1 + 3.006 ᾱ<sub>t</sub>,
        falling from about 4 to 1.
      </p>
      <p>
        A VP schedule is usually written as the per-step variances β<sub>t</sub>, but ᾱ<sub>t</sub>, the share
        of the signal&rsquo;s variance still standing, is what the model sees. Variance-exploding (VE)
        schedules, from score-based models (NCSN, EDM), never shrink the signal; they add noise of a growing
        standard deviation, <Equation tex={String.raw`x_t = x_0 + \sigma_t\,\varepsilon`} />.
      </p>
      <h2>One yardstick for both families</h2>
      <p>
        Divide a VP sample by its signal factor <Equation tex={String.raw`\alpha_t = \sqrt{\bar\alpha_t}`} />{' '}
        and it reads <Equation tex={String.raw`x_t/\alpha_t = x_0 + \lambda_t\,\varepsilon`} /> with
      </p>
      <Equation
        display
        tex={String.raw`\lambda_t = \frac{\sigma_t}{\alpha_t} = \sqrt{\frac{1-\bar\alpha_t}{\bar\alpha_t}} = \mathrm{SNR}_t^{-1/2},`}
      />
      <Equation display tex={String.raw`\log \mathrm{SNR}_t = -2\log\lambda_t .`} />
      <p>
        That is a VE sample with σ = λ. So every schedule, of either family, is a path through the same noise
        levels λ, and a VE level σ matches a VP step with ᾱ = 1/(1 + σ²). What separates schedules is only
        where they put their T steps along that path. The time index itself means nothing: a sampler with the
        exact score only cares which levels it visits.
      </p>
      <h2>The classic comparison: 15 levels</h2>
      <p>
        Press <em>Geometric vs cosine, 15 levels</em>. The geometric ladder runs from λ = 0.002 to 80 with a
        constant ratio of {fmt(q.geometric.ratio)} between neighbours, a straight line on the log λ chart: the
        same number of levels in every decade. Of its 15 levels, {q.geometric.shares.cleanSteps} sit below λ =
        0.1, where the data is essentially untouched, and {q.geometric.shares.goneSteps} above λ = 10, where
        it is essentially gone. The cosine schedule&rsquo;s λ<sub>t</sub> is close to{' '}
        <Equation tex={String.raw`\tan\!\big(\tfrac{\pi}{2}\,t/T\big)`} />, an S-shape in log λ: it jumps
        straight to λ = {fmt(q.cosine.first)} and ends at {fmt(q.cosine.last)}, but spends its middle steps
        closely spaced around λ ≈ 1. Only {q.cosine.shares.cleanSteps + q.cosine.shares.goneSteps} of its 15
        levels fall outside the working range. Which is better depends on the data: a level only matters if
        the data has structure at that scale. Here the narrow mode has width 0.2 and the modes are 4 apart, so
        the action lies roughly between λ = 0.1 and λ = 5; the heat maps show the two modes merging there.
      </p>
      <h2>Reading the heat maps</h2>
      <p>
        Because the data is a Gaussian mixture, every noisy marginal is known exactly: a scaled Gaussian plus
        an independent Gaussian is Gaussian, so each component keeps its weight and its mean and variance
        change. For a VP schedule
      </p>
      <Equation
        display
        tex={String.raw`p_t(x) = \sum_k \pi_k\,\mathcal N\!\big(x;\ \sqrt{\bar\alpha_t}\,\mu_k,\ \bar\alpha_t s_k^2 + 1-\bar\alpha_t\big),`}
      />
      <p>and for a VE schedule</p>
      <Equation
        display
        tex={String.raw`p_t(x) = \sum_k \pi_k\,\mathcal N\!\big(x;\ \mu_k,\ s_k^2+\sigma_t^2\big).`}
      />
      <p>
        Each column of a heat map is one p<sub>t</sub>; the colour scale is shared, and on a square-root scale
        so the faint tails show. In the VP maps the two bands glide towards zero and fuse into the standard
        normal a sampler starts from. In the VE maps they stay where they are and fade as they spread over an
        ever wider range — which is why a VE sampler starts from a Gaussian of width σ<sub>max</sub>. How
        quickly the bands fuse, in t/T, is the schedule made visible.
      </p>
      <h2>Steps where nothing is left to learn</h2>
      <p>
        DDPM&rsquo;s linear β runs from 10⁻⁴ to 0.02. Over T = 1000 steps ᾱ falls below 0.01 at step{' '}
        {1000 - q.linearGone1000 + 1}, so {q.linearGone1000} steps start from what is, to within a tenth, pure
        noise. A network trained on them learns little, and a sampler spends a third of its time there (the{' '}
        <PageLink to="diffusion">samplers page</PageLink> runs DDPM on this schedule). The cosine schedule was
        designed to fix exactly this, and the table above shows the difference. The same β range is also tied
        to T: with T = {T} the linear schedule ends at ᾱ<sub>T</sub> = {fmt(q.linearAlphaBarT)}
        {q.linearAlphaBarT > 0.01
          ? ', so its last step still holds visible signal and sampling from pure noise would start from the wrong distribution.'
          : '.'}{' '}
        Cosine, linear-variance, geometric and Karras are defined through t/T and keep their shape for any T;
        the β-defined schedules (linear and the sigmoid family) do not. Drag T down to 15 and watch their heat
        maps stop short of noise.
      </p>
    </>
  );
}
