/**
 * The automation hook for the sampling pages (CONTRACT.md §2): `metrics()` reads the latest frame, `run()` runs
 * the URL's setting from step 0 to the end at full speed and resolves with the final figures, the same numbers
 * for the same URL and backend.
 */
import { geometricSigmas } from '../../engine/sampling';
import { pageValues, useAppStore } from '../../store/appStore';
import type { PageProbe } from '../../store/probe';
import { useSamplerSession } from '../../store/samplerSession';
import { samplerConfigFrom } from './samplerConfig';
import type { SamplerKind } from '../../worker/samplerProtocol';
import { runToEnd } from './samplerRun';
import { loopRequestsInFlight, samplerFrameStats } from './useSamplerLoop';

/** JSON has no NaN or Infinity. */
const num = (v: number | undefined | null): number | null =>
  v !== undefined && v !== null && Number.isFinite(v) ? v : null;

function metrics(kind: SamplerKind): Record<string, unknown> {
  const s = useSamplerSession.getState();
  // A pause is reported once the frame already asked for has landed: until then the step still moves.
  const settling = s.mode.kind === 'paused' && loopRequestsInFlight() > 0;
  const base = { mode: settling ? 'playing' : s.mode.kind, ...samplerFrameStats.summary() };
  const f = s.frame;
  if (!f || !s.config) return base;
  const m = s.metrics;
  const total = s.config.mixture.reduce((sum, c) => sum + c.weight, 0);
  const out: Record<string, unknown> = {
    ...base,
    step: f.state.step,
    n: f.histogram.total,
    modeWeights: m ? m.modeWeights.map(num) : null,
    w1: num(m?.w1),
    ks: num(m?.ks),
    mean: num(m?.mean),
    std: num(m?.std),
    particleStepsPerSec: num(f.state.particleStepsPerSec),
    trueWeights: s.config.mixture.map((c) => c.weight / total),
    totalSteps: f.state.totalSteps,
    done: f.state.done,
    diverged: f.state.divergence ? f.state.divergence.reason : null,
    divergedAtStep: f.state.divergence?.step ?? null,
    metricsStep: m?.step ?? null,
    metricsFinal: m?.final ?? false,
    metricsSample: m?.sample ?? null,
    engine: s.engine?.engine ?? null,
    backend: useAppStore.getState().backend.name,
    score: s.config.score,
    histogram: { ...f.histogram },
  };
  if (kind === 'annealed') {
    const c = s.config;
    Object.assign(out, {
      level: f.state.level + 1,
      levels: f.state.levels,
      sigma: num(f.state.sigma),
      stepSize: num(f.state.stepSize),
      sigmas: c.kind === 'annealed' ? Array.from(geometricSigmas(c.smax, c.smin, c.levels)) : null,
      snapshots: s.snapshots.length,
    });
  } else {
    Object.assign(out, { eps: s.config.eps, sigmaUsed: f.sigmaUsed });
  }
  return out;
}

function probeFor(kind: SamplerKind): PageProbe {
  return {
    metrics: () => metrics(kind),
    run: async () => {
      // Between a route change and the new page's mount the old probe still answers: never run its kind on
      // the other page's parameters.
      if (useAppStore.getState().page !== kind) throw new Error(`The ${kind} page is not on screen.`);
      const { config } = samplerConfigFrom(kind, pageValues(kind));
      const result = await runToEnd(config);
      const m = result.metrics;
      return {
        ...metrics(kind),
        step: m.step,
        n: m.n,
        modeWeights: m.modeWeights.map(num),
        w1: num(m.w1),
        ks: num(m.ks),
        mean: num(m.mean),
        std: num(m.std),
        ...(m.level !== undefined ? { level: m.level } : {}),
        sortedSample: m.sortedSample,
        particleStepsPerSec: num(result.particleStepsPerSec),
        seconds: result.seconds,
      };
    },
  };
}

export const langevinProbe = probeFor('langevin');
export const annealedProbe = probeFor('annealed');
