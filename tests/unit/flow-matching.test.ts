import { describe, expect, it } from 'vitest';
import { DiffusionRun, createMarginalScore, exactProcessScore, vpProcess } from '../../src/engine/diffusion';
import {
  AsyncFlowRun,
  FlowRun,
  exactVelocity,
  flowMarginal,
  sampleFlow,
  speedDeviation,
  straightness,
  velocityFromScore,
  scoreFromVelocity,
} from '../../src/engine/flow';
import {
  exactLogLikelihood,
  exactScoreWithSlope,
  exactTerminal,
  odeLogLikelihood,
} from '../../src/engine/diffusion/likelihood';
import { buildProcess } from '../../src/engine/diffusion/processSpec';
import { ksStatistic, modeWeights, wasserstein1 } from '../../src/engine/metrics';
import { DEFAULT_MIXTURE, sampleMixture, type Mixture } from '../../src/engine/mixture';
import { createRng } from '../../src/engine/rng';

/** Pairs (x_0, x_1) and the straight path's x_t = (1 − t) x_0 + t x_1. */
function pathSample(mixture: Mixture, n: number, t: number, seed: number) {
  const rng = createRng(seed);
  const x0 = sampleMixture(mixture, n, rng.fork());
  const x1 = rng.fork().normals(n);
  const xt = x0.map((v, i) => (1 - t) * v + t * x1[i]);
  return { x0, x1, xt };
}

const THREE: Mixture = [
  { weight: 0.5, mean: -3, std: 0.3 },
  { weight: 0.3, mean: 0.5, std: 1.2 },
  { weight: 0.2, mean: 4, std: 0.1 },
];

describe('the exact flow-matching marginal', () => {
  it('is the Monte-Carlo distribution of the straight path (KS within its 99.9% band)', () => {
    const n = 100_000;
    // The KS statistic of n exact draws exceeds 1.95/√n with probability 0.001 (Kolmogorov's limit law).
    const band = 1.95 / Math.sqrt(n);
    for (const mixture of [DEFAULT_MIXTURE, THREE]) {
      for (const t of [0.1, 0.5, 0.9]) {
        const { xt } = pathSample(mixture, n, t, 7);
        expect(ksStatistic(xt, flowMarginal(mixture, t))).toBeLessThan(band);
      }
    }
  });

  it('is the data at t = 0 and N(0, 1) at t = 1', () => {
    flowMarginal(DEFAULT_MIXTURE, 0).forEach((c, k) => {
      expect(c.weight).toBe(DEFAULT_MIXTURE[k].weight);
      expect(c.mean).toBe(DEFAULT_MIXTURE[k].mean);
      expect(c.std).toBeCloseTo(DEFAULT_MIXTURE[k].std, 15);
    });
    for (const c of flowMarginal(DEFAULT_MIXTURE, 1)) {
      expect(Math.abs(c.mean)).toBe(0);
      expect(c.std).toBe(1);
    }
  });
});

describe('the exact marginal velocity', () => {
  it('equals the score link v = −(x + t ∇log p_t)/(1 − t) of SCIENCE.md §10', () => {
    const xs = Float64Array.from({ length: 161 }, (_, i) => -8 + i * 0.1);
    for (const mixture of [DEFAULT_MIXTURE, THREE]) {
      const field = exactVelocity(mixture);
      const score = createMarginalScore(mixture);
      const v = new Float64Array(xs.length);
      const s = new Float64Array(xs.length);
      for (const t of [0.02, 0.3, 0.5, 0.77, 0.98]) {
        field(xs, t, v);
        score(xs, 1 - t, t, s);
        for (let i = 0; i < xs.length; i++) {
          const link = velocityFromScore(xs[i], t, s[i]);
          expect(Math.abs(v[i] - link)).toBeLessThan(1e-9 * (1 + Math.abs(link)));
          // and the link solved the other way recovers the score
          expect(Math.abs(scoreFromVelocity(xs[i], t, v[i]) - s[i])).toBeLessThan(
            1e-8 * (1 + Math.abs(s[i])),
          );
        }
      }
    }
  });

  it('is the finite-sample average of x_1 − x_0 over pairs whose x_t falls near x', () => {
    // E[x_1 − x_0 | x_t ∈ (x − w, x + w)] differs from v(x) by O(w²); the sample mean's standard error is
    // sd/√count. With n = 2·10⁶ pairs, w = 0.02 and the tolerance 4 standard errors + 0.01, the test fails for a
    // velocity that is wrong by more than a few hundredths.
    const n = 2_000_000;
    const w = 0.02;
    // Centres where p_t has mass, between the modes included (m_k = (1 − t) μ_k).
    const centresAt: [number, number[]][] = [
      [0.3, [-1.7, -1.4, -0.9, 0.9, 1.4, 2]],
      [0.6, [-1.2, -0.8, -0.2, 0.3, 0.8, 1.5]],
    ];
    for (const [t, list] of centresAt) {
      const { x0, x1, xt } = pathSample(DEFAULT_MIXTURE, n, t, 11);
      const field = exactVelocity(DEFAULT_MIXTURE);
      const centres = Float64Array.from(list);
      const exact = new Float64Array(centres.length);
      field(centres, t, exact);
      centres.forEach((c, j) => {
        let count = 0;
        let sum = 0;
        let sum2 = 0;
        for (let i = 0; i < n; i++) {
          if (Math.abs(xt[i] - c) >= w) continue;
          const u = x1[i] - x0[i];
          count++;
          sum += u;
          sum2 += u * u;
        }
        expect(count).toBeGreaterThan(500);
        const mean = sum / count;
        const se = Math.sqrt(Math.max(0, sum2 / count - mean * mean) / count);
        expect(Math.abs(mean - exact[j])).toBeLessThan(4 * se + 0.01);
      });
    }
  });

  it('stays finite at both ends and far in the tails', () => {
    const field = exactVelocity(THREE);
    const xs = Float64Array.from([-1e4, -40, 0, 40, 1e4]);
    const out = new Float64Array(xs.length);
    for (const t of [0, 1e-9, 0.5, 1 - 1e-9, 1]) {
      field(xs, t, out);
      for (const v of out) expect(Number.isFinite(v)).toBe(true);
    }
    // At t = 1 every component is N(0, 1), so r_k = π_k and v(x, 1) = x − Σ π_k μ_k.
    field(xs, 1, out);
    const meanData = THREE.reduce((m, c) => m + c.weight * c.mean, 0);
    xs.forEach((x, i) => expect(Math.abs(out[i] - (x - meanData))).toBeLessThan(1e-12 * (1 + Math.abs(x))));
  });
});

describe('the flow-matching ODE on the exact velocity', () => {
  it('Heun, 100 steps, n = 10⁴ reaches W1 ≤ 0.03 with the mode weights within ±0.03', () => {
    const xs = sampleFlow({ solver: 'heun', steps: 100, n: 10_000, seed: 1 }, exactVelocity(DEFAULT_MIXTURE));
    expect(wasserstein1(xs, DEFAULT_MIXTURE)).toBeLessThanOrEqual(0.03);
    const weights = modeWeights(xs, DEFAULT_MIXTURE);
    DEFAULT_MIXTURE.forEach((c, k) => expect(Math.abs(weights[k] - c.weight)).toBeLessThanOrEqual(0.03));
  });

  it('converges with the step count, Heun faster than Euler', () => {
    // Same starting noise throughout: the differences are discretisation error only.
    const field = exactVelocity(DEFAULT_MIXTURE);
    const start = createRng(3).normals(1500);
    const reference = sampleFlow({ solver: 'heun', steps: 1000, n: start.length, seed: 0, start }, field);
    const gap = (solver: 'euler' | 'heun', steps: number) => {
      const xs = sampleFlow({ solver, steps, n: start.length, seed: 0, start }, field);
      return xs.reduce((m, v, i) => Math.max(m, Math.abs(v - reference[i])), 0);
    };
    expect(gap('euler', 40)).toBeLessThan(gap('euler', 10));
    expect(gap('heun', 40)).toBeLessThan(gap('heun', 10));
    expect(gap('heun', 20)).toBeLessThan(gap('euler', 20));
  });

  it('gives the same particles driven synchronously or asynchronously', async () => {
    const field = exactVelocity(THREE);
    const options = { solver: 'heun' as const, steps: 30, n: 500, seed: 5 };
    const sync = new FlowRun(options, field);
    sync.run();
    const run = new AsyncFlowRun(options, async (xs, t) => {
      const out = new Float64Array(xs.length);
      field(xs, t, out);
      return out;
    });
    await run.step(run.totalSteps);
    expect(Array.from(run.particles)).toEqual(Array.from(sync.particles));
    expect(run.scoreEvaluations).toBe(60);
    expect(sync.trajectories()).toEqual(run.trajectories());
  });
});

describe('the straightness read-out', () => {
  it('is 1 for straight paths and counts a turn back', () => {
    const times = [1, 0.5, 0];
    // Two tracks, record-major: track 0 goes 0 → 1 → 2 (straight), track 1 goes 0 → 2 → 1 (length 3, chord 1).
    const straightOnly = { times, tracks: 1, positions: Float32Array.from([0, 1, 2]) };
    expect(straightness(straightOnly)).toBe(1);
    const both = { times, tracks: 2, positions: Float32Array.from([0, 0, 1, 2, 2, 1]) };
    expect(straightness(both)).toBeCloseTo((2 + 3) / (2 + 1), 12);
  });

  it('measures the deviation from constant speed on the chord', () => {
    const times = [1, 0.5, 0];
    // Constant speed: 0. Track 0 → 1 → 1: speeds −2 then 0 against the chord's −1, each for half the time.
    expect(speedDeviation({ times, tracks: 1, positions: Float32Array.from([0, 0.5, 1]) })).toBe(0);
    expect(speedDeviation({ times, tracks: 1, positions: Float32Array.from([0, 1, 1]) })).toBeCloseTo(1, 12);
    // The same path in the same direction at uneven speed has length over chord 1: only this measure sees it.
    expect(straightness({ times, tracks: 1, positions: Float32Array.from([0, 1, 1]) })).toBe(1);
  });

  it('reads flow matching as straighter in time than the VP probability-flow ODE from the same noise', () => {
    const start = createRng(2).normals(24);
    const fm = new FlowRun(
      { solver: 'heun', steps: 100, n: 24, seed: 0, start, tracks: 24 },
      exactVelocity(DEFAULT_MIXTURE),
    );
    fm.run();
    const vp = vpProcess();
    const pf = new DiffusionRun({
      process: vp,
      score: exactProcessScore(DEFAULT_MIXTURE, vp),
      sampler: { kind: 'ode', solver: 'heun' },
      steps: 100,
      n: 24,
      seed: 0,
      start,
      tracks: 24,
    });
    pf.run();
    // Measured 0.90–1.00 against 1.9–2.3 over seeds 1–3; the factor 1.5 leaves room for other draws.
    expect(1.5 * speedDeviation(fm.trajectories())).toBeLessThan(speedDeviation(pf.trajectories()));
  });
});

describe('the likelihood along the flow', () => {
  it('log p(x) by the flow ODE with the exact field matches the mixture (Heun, 200 steps)', () => {
    // The path stops at t = 1 − 10⁻³ (the ODE's rates are infinite at t = 1) on the exact marginal there.
    const process = buildProcess({ sde: 'fm', schedule: 'linear', T: 1000 });
    const xs = Float64Array.from([-2.2, -2, -1, 0, 1.5, 2, 2.5]);
    const ode = odeLogLikelihood(process, exactScoreWithSlope(DEFAULT_MIXTURE, process), xs, {
      steps: 200,
      solver: 'heun',
      terminalLogPdf: exactTerminal(DEFAULT_MIXTURE, process),
    });
    const exact = exactLogLikelihood(DEFAULT_MIXTURE, xs);
    // Measured gaps ≤ 2.4·10⁻³ (largest between the modes, where log p is lowest).
    xs.forEach((_, i) => expect(Math.abs(ode[i] - exact[i])).toBeLessThan(5e-3));
  });
});
