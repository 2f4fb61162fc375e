/**
 * Rules between a page's parameters, applied when a link is read (params.ts `CrossRule`). Each one changes the
 * values so that `params()` shows what the page really uses, and says so in a sentence naming the parameters.
 */
import { DDPM_T } from '../engine/plane/samplers2';
import type { CrossRule } from './params';
import type { PageId, PageValues } from './schemas';

/** σ_min ≤ σ_max: a pair given the wrong way round is swapped (both stay inside both ranges, see below). */
const sigmaOrder: CrossRule<
  PageValues<'train'> | PageValues<'annealed'> | PageValues<'field2d'> | PageValues<'sampling2d'>
> = (values) => {
  const { smin, smax } = values;
  if (!(smin > smax)) return [];
  // smin > smax with smin ≤ max(smin) and smax ≥ min(smax): the swapped smin (old smax) is below the old smin, and
  // the swapped smax (old smin) above the old smax, so neither leaves its spec's range on any page.
  values.smin = smax;
  values.smax = smin;
  return [`smin: ${smin} was larger than smax = ${smax}; the two were swapped.`];
};

/** The train page shows one of its L noise levels, 0 … L − 1 (one level for the single-σ objectives). */
const shownLevel: CrossRule<PageValues<'train'>> = (values, given) => {
  const levels = values.objective === 'ncsn' ? values.levels : 1;
  const level = values.level;
  if (level <= levels - 1) return [];
  values.level = levels - 1;
  // The default (29, the largest level count) means "the smallest σ": taking L − 1 for it changes nothing given.
  if (!given.has('level')) return [];
  const why = levels === 1 ? `${String(values.objective)} trains one level` : `there are ${levels} levels`;
  return [`level: ${level} is beyond the last level (${why}); level ${levels - 1} is shown.`];
};

/** A DDPM schedule of T steps is sampled in at most T steps (engine/diffusion/process.ts keptSteps). */
const stepsWithinT: CrossRule<PageValues<'diffusion'>> = (values) => {
  const { T, steps } = values;
  if (values.sde !== 'ddpm' || steps <= T) return [];
  values.steps = T;
  return [
    `steps: a DDPM schedule of T = ${T} steps is sampled in at most ${T} steps; ${T} are used, not ${steps}.`,
  ];
};

/**
 * Flow matching (sde = fm) moves samples by an ODE along its velocity: no ancestral, reverse-SDE or corrector
 * sampler is defined for it, so any other sampler becomes its ODE (solver Euler or Heun, as given).
 */
const flowSamplesByOde: CrossRule<PageValues<'diffusion'>> = (values) => {
  const sampler = values.sampler;
  if (values.sde !== 'fm' || sampler === 'ode') return [];
  values.sampler = 'ode';
  return [`sampler: flow matching is sampled by its ODE (Euler or Heun); ode is used, not ${sampler}.`];
};

/** sampling2d's DDPM sampler runs DDPM's own schedule of T = 1000 steps (engine/plane/samplers2.ts). */
const ddpmStepsWithin1000: CrossRule<PageValues<'sampling2d'>> = (values) => {
  const steps = values.steps;
  if (values.sampler !== 'ddpm' || steps <= DDPM_T) return [];
  values.steps = DDPM_T;
  return [
    `steps: DDPM's schedule has T = ${DDPM_T} steps and is sampled in at most ${DDPM_T}; ${DDPM_T} are used, not ${steps}.`,
  ];
};

/** Each page's rules, typed by that page's values. */
const RULES: { [P in PageId]?: readonly CrossRule<PageValues<P>>[] } = {
  train: [sigmaOrder, shownLevel],
  annealed: [sigmaOrder],
  field2d: [sigmaOrder],
  diffusion: [stepsWithinT, flowSamplesByOde],
  sampling2d: [sigmaOrder, ddpmStepsWithin1000],
};

/** The rules parseQuery applies to `page`'s freshly parsed values. */
export function crossRulesFor(page: PageId): readonly CrossRule[] {
  // Sound: parseQuery hands each rule the values it parsed with schemaFor(page), i.e. PageValues<page>.
  return (RULES[page] ?? []) as readonly CrossRule[];
}
