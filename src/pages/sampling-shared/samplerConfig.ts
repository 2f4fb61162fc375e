/**
 * From a sampling page's URL parameters to the sampler worker's configuration, with the checks the schema
 * cannot express (σ_min ≤ σ_max; step sizes that will blow up or blur a component), and the presets and
 * cross-links between the two pages.
 */
import { perturbMixture, plotRange, type Mixture } from '../../engine/mixture';
import {
  DEFAULT_ANNEALED,
  DEFAULT_LANGEVIN,
  geometricSigmas,
  stepSizeWarnings,
  WRONG_WEIGHTS_ANNEALED,
  WRONG_WEIGHTS_LANGEVIN,
  type AnnealedPreset,
  type InitSpec,
  type LangevinPreset,
} from '../../engine/sampling';
import { defaultValues } from '../../store/appStore';
import { formatQuery } from '../../store/params';
import { schemaFor, type PageValues } from '../../store/schemas';
import type { SamplerConfig, SamplerKind } from '../../worker/samplerProtocol';

/** The configuration of one page's sampler: `SamplerConfigOf<'annealed'>` has the annealing fields. */
export type SamplerConfigOf<K extends SamplerKind> = Extract<SamplerConfig, { kind: K }>;
/** A sampling page's values: which page they belong to shows in their fields (only annealed has levels). */
export type SamplerValues = PageValues<'langevin'> | PageValues<'annealed'>;
type AnnealedSettings = Pick<PageValues<'annealed'>, 'eps' | 'smin' | 'smax' | 'levels' | 'T'>;
type LangevinSettings = Pick<PageValues<'langevin'>, 'eps' | 'steps'>;

function isAnnealed(values: SamplerValues): values is PageValues<'annealed'> {
  return 'levels' in values;
}

/** Bins of the main histogram and of the per-level snapshots; tracked paths in the time × x view. */
export const MAIN_BINS = 120;
export const SNAPSHOT_BINS = 60;
export const TRACKS = 40;

/** Where an initial distribution puts its particles (a normal: ±3 s). */
function initSupport(init: InitSpec): [number, number] {
  if (init.kind === 'uniform') return [init.a, init.b];
  if (init.kind === 'normal') return [init.mean - 3 * init.std, init.mean + 3 * init.std];
  return [init.x0 - 0.5, init.x0 + 0.5];
}

/** The mixture's plotting range widened to show where the particles start, in whole numbers. */
export function histogramRangeFor(mixture: Mixture, init: InitSpec): [number, number] {
  const [lo, hi] = plotRange(mixture);
  const [a, b] = initSupport(init);
  return [Math.floor(Math.min(lo, a)), Math.ceil(Math.max(hi, b))];
}

/** The step-size warnings for the exact score, per level for annealed runs (the first and last levels bound them). */
function stepNotices(mixture: Mixture, config: SamplerConfig): string[] {
  if (config.kind === 'langevin') return stepSizeWarnings(mixture, config.eps);
  const sigmas = geometricSigmas(config.smax, config.smin, config.levels);
  const last = sigmas[sigmas.length - 1];
  const notices: string[] = [];
  for (const i of new Set([0, sigmas.length - 1])) {
    const alpha = config.eps * (sigmas[i] / last) ** 2;
    for (const text of stepSizeWarnings(perturbMixture(mixture, sigmas[i]), alpha))
      notices.push(
        `Level ${i + 1} (σ = ${Number(sigmas[i].toPrecision(3))}, step α = ${Number(alpha.toPrecision(3))}): ${text}`,
      );
  }
  return notices;
}

/**
 * The worker configuration of a sampling page's values; `kind` types the result (the values themselves show
 * which page they belong to). `init` arrives parsed by its codec (store/schemas.ts).
 */
export function samplerConfigFrom<K extends SamplerKind>(
  kind: K,
  values: SamplerValues,
): { config: SamplerConfigOf<K>; notices: string[] };
export function samplerConfigFrom(
  _kind: SamplerKind,
  values: SamplerValues,
): { config: SamplerConfig; notices: string[] } {
  const { mix: mixture, init } = values;
  const [lo, hi] = histogramRangeFor(mixture, init);
  const notices: string[] = [];
  const common = {
    mixture: mixture.map((c) => ({ ...c })),
    n: values.n,
    eps: values.eps,
    steps: isAnnealed(values) ? values.T : values.steps,
    init,
    seed: values.seed,
    snapshotRange: { lo, hi, bins: SNAPSHOT_BINS },
    histogramRange: { lo, hi, bins: MAIN_BINS },
    tracks: TRACKS,
    score: values.score,
    backend: values.backend,
  };
  let config: SamplerConfig = { ...common, kind: 'langevin' };
  if (isAnnealed(values)) {
    let { smin, smax } = values;
    if (smin > smax) {
      [smin, smax] = [smax, smin];
      notices.push(`σ_min (${values.smin}) was larger than σ_max (${values.smax}); the two were swapped.`);
    }
    config = { ...common, kind: 'annealed', smin, smax, levels: values.levels };
  }
  if (config.score === 'exact') notices.push(...stepNotices(mixture, config));
  return { config, notices };
}

function sameMixture(a: Mixture, b: Mixture): boolean {
  const total = (m: Mixture) => m.reduce((s, c) => s + c.weight, 0);
  const ta = total(a);
  const tb = total(b);
  return (
    a.length === b.length &&
    a.every(
      (c, k) =>
        Math.abs(c.weight / ta - b[k].weight / tb) < 1e-9 &&
        Math.abs(c.mean - b[k].mean) < 1e-9 &&
        Math.abs(c.std - b[k].std) < 1e-9,
    )
  );
}

export function langevinPresetValues(p: LangevinPreset): Partial<PageValues<'langevin'>> {
  return { mix: p.mixture, n: p.n, eps: p.eps, steps: p.steps, init: p.init, seed: p.seed };
}

export function annealedPresetValues(p: AnnealedPreset): Partial<PageValues<'annealed'>> {
  const { mixture, n, eps, smin, smax, levels, T, init, seed } = p;
  return { mix: mixture, n, eps, smin, smax, levels, T, init, seed };
}

/**
 * Annealing settings for a mixture: the worked presets when it is theirs, else Song & Ermon's rules as the
 * presets apply them — σ_max the largest distance between means (the blurred modes must overlap), σ_min a
 * fifth of the narrowest std (q_σL within ~2% of p), ε = 0.2 σ_min² (each level's step a fifth of its own
 * variance scale), 10 levels of 100 steps.
 */
export function annealedSettingsFor(mixture: Mixture): AnnealedSettings {
  for (const p of [WRONG_WEIGHTS_ANNEALED, DEFAULT_ANNEALED])
    if (sameMixture(mixture, p.mixture))
      return { eps: p.eps, smin: p.smin, smax: p.smax, levels: p.levels, T: p.T };
  const means = mixture.map((c) => c.mean);
  const smax = Math.max(1, Math.max(...means) - Math.min(...means));
  const smin = Math.min(...mixture.map((c) => c.std)) / 5;
  return {
    eps: Number((0.2 * smin * smin).toPrecision(2)),
    smin: Number(smin.toPrecision(2)),
    smax,
    levels: 10,
    T: 100,
  };
}

/** Plain Langevin settings for a mixture: the presets' when it is theirs, else ε a tenth of the narrowest 2s². */
export function langevinSettingsFor(mixture: Mixture): LangevinSettings {
  for (const p of [WRONG_WEIGHTS_LANGEVIN, DEFAULT_LANGEVIN])
    if (sameMixture(mixture, p.mixture)) return { eps: p.eps, steps: p.steps };
  const narrow = Math.min(...mixture.map((c) => c.std * c.std));
  const wide = Math.max(...mixture.map((c) => c.std * c.std));
  const eps = Number((0.2 * narrow).toPrecision(2));
  return { eps, steps: Math.min(20_000, Math.ceil((8 * wide) / eps)) };
}

/** The same particles, mixture and seed on the other page, with that page's settings for the mixture. */
export function otherPageHref(from: SamplerKind, values: SamplerValues): string {
  const to: SamplerKind = from === 'langevin' ? 'annealed' : 'langevin';
  const { mix, n, init, seed, score, backend } = values;
  const carried = { mix, n, init, seed, score, backend };
  const settings = to === 'annealed' ? annealedSettingsFor(mix) : langevinSettingsFor(mix);
  return `#/${to}?${formatQuery(schemaFor(to), { ...defaultValues(to), ...carried, ...settings })}`;
}
