/**
 * The learned diffusion samplers' identities (engine/plane/learnedPlan2.ts), checked with the exact q_σ score standing
 * in for the network: fed through the VE and VP adapters it must give the exact score of p_t (noisy2.ts) to 1e-9,
 * the σ range a run asks for must be the closed form's, and a VE run on it must sample q at σ_min.
 */
import { describe, expect, it } from 'vitest';
import { DiffusionRun, discreteProcess, vpProcess } from '../../../src/engine/diffusion';
import {
  affineMarginal2,
  MIXTURE_2D_PRESETS,
  mixtureMoments2,
  perturbMixture2,
  PreparedMixture2,
  scorePairs,
  vpMarginal2,
} from '../../../src/engine/plane';
import {
  coverageSentence,
  learnedCoverage,
  learnedDiffusionRefusal,
  learnedTimeScore,
  neededSigmaRange,
  planeDiffusionProcess,
  type SigmaScore,
} from '../../../src/engine/plane/learnedPlan2';
import { createRng } from '../../../src/engine/rng';
import { buildSchedule } from '../../../src/engine/schedules/schedule';

const mixture = MIXTURE_2D_PRESETS.default;

/** The exact noise-conditional score ∇log q_σ, q_σ = p ∗ N(0, σ² I): the ideal network. */
function exactSigmaScore(asked: number[] = []): SigmaScore {
  return (xs, out, sigma) => {
    asked.push(sigma);
    scorePairs(new PreparedMixture2(perturbMixture2(mixture, sigma)), xs, out);
  };
}

const rng = createRng(11);
const xs = Float64Array.from({ length: 400 }, () => 5 * rng.normal());

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>) {
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-9 * (1 + Math.abs(b[i])));
}

describe('the learned score of p_t from a noise-conditional network', () => {
  it('VE with σ₀ = σ_min: s_t = s_{σ(t)}, the exact score of q_{σ_min} diffused to time t', () => {
    const { process, sigma0 } = planeDiffusionProcess('sde', true, 0.1, 4);
    expect(sigma0).toBe(0.1);
    const score = learnedTimeScore(exactSigmaScore(), process, sigma0);
    for (const t of [1e-5, 0.2, 0.7, 1]) {
      const got = new Float64Array(xs.length);
      score(xs, t, got);
      const want = new Float64Array(xs.length);
      const pt = affineMarginal2(perturbMixture2(mixture, sigma0), process.a(t), process.s(t));
      scorePairs(new PreparedMixture2(pt), xs, want);
      expectClose(got, want);
    }
  });

  it('VP and DDPM with σ₀ = 0: s_t(x) = (1/a) s_σ(x/a), σ = s/a, the exact score of p_t', () => {
    for (const process of [vpProcess(), discreteProcess(buildSchedule('linear', 1000))]) {
      const score = learnedTimeScore(exactSigmaScore(), process, 0);
      for (const t of [1e-3, 0.1, 0.5, 0.9]) {
        const got = new Float64Array(xs.length);
        score(xs, t, got);
        const want = new Float64Array(xs.length);
        scorePairs(new PreparedMixture2(vpMarginal2(mixture, process.a(t) ** 2)), xs, want);
        expectClose(got, want);
      }
    }
  });

  it('reads the σ range off the grid: VE from σ_min to σ_max, VP from √(e^B − 1) at t_end to t = 1', () => {
    const ve = planeDiffusionProcess('ode', true, 0.05, 5);
    const [lo, hi] = neededSigmaRange(ve.process, 200, ve.sigma0);
    // σ(t_end) = σ_min (σ_max/σ_min)^{10⁻⁵}.
    expect(lo).toBeCloseTo(0.05 * 100 ** 1e-5, 12);
    expect(hi).toBeCloseTo(5, 12);
    const vp = planeDiffusionProcess('sde', false, 0.05, 5);
    const [vlo, vhi] = neededSigmaRange(vp.process, 100, 0);
    const B = (t: number) => 0.1 * t + 0.5 * 19.9 * t * t;
    expect(vlo).toBeCloseTo(Math.sqrt(Math.expm1(B(1e-3))), 12);
    expect(vhi / Math.sqrt(Math.expm1(B(1)))).toBeCloseTo(1, 12);
  });

  it('refuses exactly when the needed range leaves the trained one, and says both', () => {
    const run = { sampler: 'sde' as const, steps: 100, smin: 0.1, smax: 5 };
    expect(learnedCoverage(run, [0.1, 8]).covered).toBe(true);
    expect(learnedDiffusionRefusal(run, { sigmaMin: 0.1, sigmaMax: 8 })).toBeNull();
    const low = learnedCoverage({ ...run, smin: 0.05 }, [0.1, 8]);
    expect(low.covered).toBe(false);
    expect(coverageSentence(low)).toBe(
      'The reverse VE SDE from σ_max to σ_min asks for the score of q_σ at σ from 0.05 to 5; the network was trained on σ from 0.1 to 8.',
    );
    expect(learnedCoverage({ ...run, smax: 9 }, [0.1, 8]).covered).toBe(false);
    // DDPM on its schedule reaches σ ≈ 157 at t = 1, beyond the field page's σ_max ≤ 20.
    expect(learnedDiffusionRefusal({ ...run, sampler: 'ddpm' }, { sigmaMin: 0.01, sigmaMax: 20 })).toMatch(
      /at σ from 0\.01 to 15\d;/,
    );
    expect(learnedDiffusionRefusal({ ...run, sampler: 'fm' }, { sigmaMin: 0.01, sigmaMax: 20 })).toMatch(
      /velocity/,
    );
    for (const sampler of ['langevin', 'annealed'])
      expect(learnedDiffusionRefusal({ ...run, sampler }, { sigmaMin: 1, sigmaMax: 1 })).toBeNull();
  });

  it('a VE probability-flow run on the exact q_σ asks only for σ in [σ_min, σ_max] and samples q at σ_min', () => {
    const smin = 0.3;
    const smax = 12;
    const { process, sigma0 } = planeDiffusionProcess('ode', true, smin, smax);
    const asked: number[] = [];
    const n = 3000;
    const run = new DiffusionRun({
      process,
      sampler: { kind: 'ode', solver: 'heun' },
      steps: 100,
      n: 2 * n,
      seed: 4,
      tracks: 0,
      score: learnedTimeScore(exactSigmaScore(asked), process, sigma0),
    });
    run.step(run.totalSteps);
    expect(Math.min(...asked)).toBeGreaterThanOrEqual(smin);
    expect(Math.max(...asked)).toBeLessThanOrEqual(smax * (1 + 1e-12));
    const x = run.particles;
    let mx = 0;
    let my = 0;
    let vxx = 0;
    for (let i = 0; i < x.length; i += 2) {
      mx += x[i] / n;
      my += x[i + 1] / n;
    }
    for (let i = 0; i < x.length; i += 2) vxx += (x[i] - mx) ** 2 / n;
    const target = mixtureMoments2(perturbMixture2(mixture, smin));
    // The ODE starts from N(0, (σ_max² − σ_min²) I) where p_1 is q_{σ_max} (close at σ_max = 12); the means'
    // standard errors are √(v/n) ≈ 0.05 for a variance v of about 8, the variance's about v √(2/n) ≈ 0.2.
    expect(Math.abs(mx - target.mx)).toBeLessThan(0.2);
    expect(Math.abs(my - target.my)).toBeLessThan(0.2);
    expect(Math.abs(vxx - target.vxx)).toBeLessThan(0.1 * target.vxx + 0.3);
  });
});
