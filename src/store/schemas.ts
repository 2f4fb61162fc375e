/**
 * The URL parameters of every page (CONTRACT.md §1). Names are a public contract: never rename one.
 */
import { DEFAULT_MIXTURE } from '../engine/mixture';
// The two modules themselves, not the sampling barrel: this table is on every page's first load.
import { initText, parseInitParam, type InitSpec } from '../engine/sampling/initParticles';
import { DEFAULT_ANNEALED, DEFAULT_LANGEVIN } from '../engine/sampling/presets';
import { parseScheduleList, SCHEDULE_NAMES } from '../engine/schedules/names';
import { quote } from '../engine/textInput';
import { DEFAULT_MIXTURE_2D } from '../engine/plane/presets2';
// Not from training/config.ts, which would bring the diffusion processes into every page's first chunk.
import { OBJECTIVES } from '../engine/training/objectives';
import { PLANE_SAMPLERS } from '../engine/plane/samplers2';
import { PLANE_OBJECTIVES } from '../engine/plane/trainConfig2';
import { enumParam, mixture2Param, mixtureParam, numberParam, textParam } from './codecs';
import type { ScoreSource } from '../worker/samplerProtocol';
import type { EnumKeys, NumberKeys, ParamSchema, ValuesOf } from './paramSpec';

export const BACKENDS = ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

/** Shared by every page and carried along when the reader moves between pages. */
export const commonSchema = {
  mix: mixtureParam('Mixture', DEFAULT_MIXTURE),
  seed: numberParam({ label: 'Seed', default: 1, min: 0, max: 2_147_483_647, integer: true }),
  backend: enumParam('Backend', BACKENDS, 'auto'),
} as const satisfies ParamSchema;

export const COMMON_PARAMS = Object.keys(commonSchema);

export const pageSchemas = {
  home: {},
  score: {
    view: enumParam('View', ['density', 'log', 'energy'], 'density'),
    Z: numberParam({ label: 'Scale Z', default: 1, min: 0.01, max: 100, log: true }),
  },
  perturb: {
    sigma: numberParam({ label: 'Noise σ', default: 0.5, min: 0.01, max: 10, log: true }),
    n: numberParam({ label: 'Samples n', default: 40, min: 1, max: 5000, integer: true, log: true }),
  },
  dsm: {
    sigma: numberParam({ label: 'Noise σ', default: 0.5, min: 0.01, max: 10, log: true }),
    n: numberParam({
      label: 'Clean samples n',
      default: 2000,
      min: 10,
      max: 200_000,
      integer: true,
      log: true,
    }),
  },
  train: {
    objective: enumParam('Objective', OBJECTIVES, 'ncsn'),
    smin: numberParam({ label: 'σ_min', default: 0.05, min: 0.01, max: 10, log: true }),
    smax: numberParam({ label: 'σ_max', default: 5, min: 0.05, max: 20, log: true }),
    levels: numberParam({ label: 'Levels L', default: 10, min: 1, max: 30, integer: true }),
    width: numberParam({ label: 'Width', default: 64, min: 4, max: 256, integer: true, log: true }),
    depth: numberParam({ label: 'Depth', default: 2, min: 1, max: 6, integer: true }),
    lr: numberParam({ label: 'Learning rate', default: 0.003, min: 1e-4, max: 0.1, log: true }),
    batch: numberParam({ label: 'Batch', default: 512, min: 16, max: 4096, integer: true, log: true }),
    steps: numberParam({
      label: 'Steps of a scripted run',
      default: 2000,
      min: 10,
      max: 100_000,
      integer: true,
      log: true,
    }),
    data: numberParam({ label: 'Training set', default: 0, min: 0, max: 100_000, integer: true }),
    // The default shows the smallest σ (the page clamps the level to L − 1), where learning is hardest.
    level: numberParam({ label: 'Shown level', default: 29, min: 0, max: 29, integer: true }),
  },
  // Defaults: the lecture example (engine/sampling/presets.ts says why each number). `score=true` is the exact
  // score of the mixture, `learned` the network trained on the train page.
  langevin: {
    n: particleSpec(DEFAULT_LANGEVIN.n),
    eps: numberParam({
      label: 'Step size ε',
      default: DEFAULT_LANGEVIN.eps,
      min: 1e-5,
      max: 10,
      log: true,
    }),
    steps: numberParam({
      label: 'Steps',
      default: DEFAULT_LANGEVIN.steps,
      min: 1,
      max: 20_000,
      integer: true,
      log: true,
    }),
    init: initSpec(DEFAULT_LANGEVIN.init),
    score: scoreSpec(),
  },
  annealed: {
    n: particleSpec(DEFAULT_ANNEALED.n),
    eps: numberParam({
      label: 'Step size ε',
      default: DEFAULT_ANNEALED.eps,
      min: 1e-6,
      max: 10,
      log: true,
    }),
    smin: numberParam({ label: 'σ_min', default: DEFAULT_ANNEALED.smin, min: 0.001, max: 10, log: true }),
    smax: numberParam({ label: 'σ_max', default: DEFAULT_ANNEALED.smax, min: 0.01, max: 50, log: true }),
    levels: numberParam({
      label: 'Levels L',
      default: DEFAULT_ANNEALED.levels,
      min: 1,
      max: 50,
      integer: true,
    }),
    T: numberParam({
      label: 'Steps per level T',
      default: DEFAULT_ANNEALED.T,
      min: 1,
      max: 5000,
      integer: true,
      log: true,
    }),
    init: initSpec(DEFAULT_ANNEALED.init),
    score: scoreSpec(),
  },
  schedules: {
    schedules: schedulesSpec(),
    T: numberParam({ label: 'Steps T', default: 1000, min: 2, max: 5000, integer: true, log: true }),
  },
  // The diffusion page (CONTRACT.md): `sde` = vp | ve (continuous SDEs) | ddpm (a discrete `schedule` of T steps)
  // | fm (flow matching's straight path, sampled by its ODE only: crossRules.ts);
  // `steps` sampling steps (fewer than T skips); `score` = true (the exact score of p_t) or learned (an ε-model
  // trained on the page). The rest refine the sampler and the training run.
  diffusion: {
    sde: enumParam('Process', ['vp', 've', 'ddpm', 'fm'], 'ddpm'),
    schedule: enumParam('Schedule', SCHEDULE_NAMES, 'linear'),
    T: numberParam({
      label: 'Schedule length T',
      default: 1000,
      min: 2,
      max: 5000,
      integer: true,
      log: true,
    }),
    sampler: enumParam('Sampler', ['ancestral', 'sde', 'ode', 'pc'], 'ancestral'),
    steps: numberParam({
      label: 'Sampling steps',
      default: 100,
      min: 1,
      max: 5000,
      integer: true,
      log: true,
    }),
    n: particleSpec(10_000),
    score: scoreSpec(),
    solver: enumParam('ODE solver', ['euler', 'heun'], 'heun'),
    // What Play animates: the sampler from noise to data (reverse) or the data noised to t = 1 (forward).
    direction: enumParam('Play direction', ['reverse', 'forward'], 'reverse'),
    variance: enumParam('Ancestral variance', ['betaTilde', 'beta'], 'betaTilde'),
    snr: numberParam({ label: 'Corrector SNR r', default: 0.16, min: 0.01, max: 1, log: true }),
    corrector: numberParam({ label: 'Corrector steps', default: 1, min: 1, max: 10, integer: true }),
    width: numberParam({
      label: 'Network width',
      default: 64,
      min: 8,
      max: 256,
      integer: true,
      log: true,
    }),
    train: numberParam({
      label: 'ε-model training steps',
      default: 3000,
      min: 50,
      max: 50_000,
      integer: true,
      log: true,
    }),
  },
  // Part two, in the plane (CONTRACT.md §3). `mix2` is the 2D mixture; `sigma` the noise level of the field shown.
  field2d: {
    mix2: mixture2Param('Mixture in the plane', DEFAULT_MIXTURE_2D),
    sigma: numberParam({ label: 'Noise σ', default: 0.3, min: 0.01, max: 10, log: true }),
    ...field2dTrainSchema(),
  },
  // Particles in the plane. Defaults: annealed Langevin on the default mixture, σ from 5 (about the largest
  // distance between its means) down to 0.05, with α_i/σ_i² = ε/σ_L² = 0.2 at every level as on the line.
  // `steps` is Langevin's steps and the diffusion samplers' steps; `T` the annealed steps per level.
  sampling2d: {
    mix2: mixture2Param('Mixture in the plane', DEFAULT_MIXTURE_2D),
    sampler: enumParam('Sampler', PLANE_SAMPLERS, 'annealed'),
    n: particleSpec(10_000),
    eps: numberParam({ label: 'Step size ε', default: 5e-4, min: 1e-6, max: 10, log: true }),
    steps: numberParam({ label: 'Steps', default: 200, min: 1, max: 20_000, integer: true, log: true }),
    T: numberParam({ label: 'Steps per level T', default: 100, min: 1, max: 5000, integer: true, log: true }),
    smin: numberParam({ label: 'σ_min', default: 0.05, min: 0.001, max: 10, log: true }),
    smax: numberParam({ label: 'σ_max', default: 5, min: 0.01, max: 50, log: true }),
    levels: numberParam({ label: 'Levels L', default: 10, min: 1, max: 50, integer: true }),
    init: initSpec({ kind: 'uniform', a: -6, b: 6 }),
    score: scoreSpec(),
  },
} as const satisfies Record<string, ParamSchema>;

/**
 * field2d's training run (issue 15): the objective, SSM's projections (`proj`, `nproj`, `vr` = the
 * variance-reduced form) and the train page's network and optimiser names with the train page's ranges, except
 * width and depth, which keep to what the plane's network accepts (engine/plane/trainConfig2.ts PLANE_LIMITS).
 * dsm, esm, ism and ssm learn the one level `sigma` (the field shown); ncsn learns the ladder smin … smax.
 */
function field2dTrainSchema() {
  return {
    objective: enumParam('Objective', PLANE_OBJECTIVES, 'ncsn'),
    proj: enumParam('Projections', ['gaussian', 'rademacher'], 'rademacher'),
    nproj: numberParam({ label: 'Projections per sample', default: 1, min: 1, max: 8, integer: true }),
    vr: enumParam('Variance-reduced SSM', ['off', 'on'], 'off'),
    smin: numberParam({ label: 'σ_min', default: 0.1, min: 0.01, max: 10, log: true }),
    smax: numberParam({ label: 'σ_max', default: 8, min: 0.05, max: 20, log: true }),
    levels: numberParam({ label: 'Levels L', default: 10, min: 1, max: 30, integer: true }),
    width: numberParam({ label: 'Width', default: 64, min: 16, max: 256, integer: true, log: true }),
    depth: numberParam({ label: 'Depth', default: 2, min: 1, max: 4, integer: true }),
    lr: numberParam({ label: 'Learning rate', default: 0.003, min: 1e-4, max: 0.1, log: true }),
    batch: numberParam({ label: 'Batch', default: 512, min: 16, max: 4096, integer: true, log: true }),
    steps: numberParam({
      label: 'Steps of a scripted run',
      default: 1000,
      min: 10,
      max: 100_000,
      integer: true,
    }),
  } as const;
}

/** Particles: at most 10⁶, which keeps a tab alive (CONTRACT.md §1). */
function particleSpec(defaultN: number) {
  return numberParam({
    label: 'Particles n',
    default: defaultN,
    min: 100,
    max: 1_000_000,
    integer: true,
    log: true,
  });
}

/** `init=uniform:a:b | normal:m:s | point:x0`, parsed once here into the InitSpec the samplers take. */
function initSpec(fallback: InitSpec) {
  return textParam('Initial distribution', fallback, parseInitParam, initText);
}

/**
 * Which score a sampler follows (`ScoreSource`): `exact`, the closed-form score of the mixture (written `true` in
 * links, CONTRACT.md §1), or `learned`, a trained network. The link's word is translated here and nowhere else.
 */
function scoreSpec() {
  return enumParam<ScoreSource>('Score', ['exact', 'learned'], 'exact', { exact: 'true' });
}

/**
 * `schedules=`: the known names of a comma list, in the canonical order. Unknown names are dropped with a notice
 * (rejecting `linear,banana` whole would throw `linear` away too); a list with no known name falls back.
 */
function schedulesSpec() {
  return textParam(
    'Schedules',
    'linear,cosine,geometric,karras',
    (raw) => {
      const { names, unknown } = parseScheduleList(raw);
      if (names.length === 0)
        return { error: `no known schedule in ${quote(raw)} (known: ${SCHEDULE_NAMES.join(', ')}).` };
      const notices =
        unknown.length === 0
          ? []
          : [
              `schedules: ${unknown.map(quote).join(', ')} ${unknown.length === 1 ? 'is not a schedule' : 'are not schedules'} ` +
                `(known: ${SCHEDULE_NAMES.join(', ')}); dropped.`,
            ];
      return { value: names.join(','), notices };
    },
    (value) => value,
  );
}

export type PageId = keyof typeof pageSchemas;

export function isPageId(id: string): id is PageId {
  return Object.prototype.hasOwnProperty.call(pageSchemas, id);
}

export type CommonSchema = typeof commonSchema;
/** A page's full schema type: its own parameters plus the common ones. */
export type PageSchema<P extends PageId> = (typeof pageSchemas)[P] & CommonSchema;
/** A page's values, one typed field per parameter (`PageValues<'dsm'>['sigma']` is a number). */
export type PageValues<P extends PageId> = ValuesOf<PageSchema<P>>;
export type CommonValues = ValuesOf<CommonSchema>;
/** The numeric parameters of a page: for a union of pages, those all of them have. */
export type NumberParam<P extends PageId> = NumberKeys<PageSchema<P>>;
export type EnumParam<P extends PageId> = EnumKeys<PageSchema<P>>;

/** The full schema of a page: its own parameters plus the common ones. */
export function schemaFor<P extends PageId>(page: P): PageSchema<P> & ParamSchema {
  const schema: ParamSchema = { ...pageSchemas[page], ...commonSchema };
  // The spread has exactly the two tables' entries; TypeScript cannot spread a generic indexed type itself.
  return schema as PageSchema<P> & ParamSchema;
}

/** Every parameter name some page has. */
export type ParamName = { [P in PageId]: keyof PageSchema<P> }[PageId] & string;
/** The value type of a parameter name (the same on every page that has it). */
export type ParamValueOf<K extends ParamName> = {
  [P in PageId]: K extends keyof PageValues<P> ? PageValues<P>[K] : never;
}[PageId];
/** A change to some of the current page's parameters, by name. */
export type ParamChanges = { [K in ParamName]?: ParamValueOf<K> };
