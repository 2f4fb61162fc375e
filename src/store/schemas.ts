/**
 * The URL parameters of every page (CONTRACT.md §1). Names are a public contract: never rename one.
 */
import { DEFAULT_MIXTURE } from '../engine/mixture';
import { DEFAULT_ANNEALED, DEFAULT_LANGEVIN, formatInit, parseInitParam } from '../engine/sampling';
import { parseScheduleList, SCHEDULE_NAMES } from '../engine/schedules/names';
import { quote } from '../engine/textInput';
import type { ParamSchema, ParamSpec } from './paramSpec';

export const BACKENDS = ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

/** Shared by every page and carried along when the reader moves between pages. */
export const commonSchema = {
  mix: { kind: 'mixture', label: 'Mixture', default: DEFAULT_MIXTURE },
  seed: { kind: 'number', label: 'Seed', default: 1, min: 0, max: 2_147_483_647, integer: true },
  backend: { kind: 'enum', label: 'Backend', default: 'auto', options: BACKENDS },
} as const satisfies ParamSchema;

export const COMMON_PARAMS = Object.keys(commonSchema);

export const pageSchemas = {
  home: {},
  score: {
    view: { kind: 'enum', label: 'View', default: 'density', options: ['density', 'log', 'energy'] },
    Z: { kind: 'number', label: 'Scale Z', default: 1, min: 0.01, max: 100, log: true },
  },
  perturb: {
    sigma: { kind: 'number', label: 'Noise σ', default: 0.5, min: 0.01, max: 10, log: true },
    n: { kind: 'number', label: 'Samples n', default: 40, min: 1, max: 5000, integer: true, log: true },
  },
  dsm: {
    sigma: { kind: 'number', label: 'Noise σ', default: 0.5, min: 0.01, max: 10, log: true },
    n: {
      kind: 'number',
      label: 'Clean samples n',
      default: 2000,
      min: 10,
      max: 200_000,
      integer: true,
      log: true,
    },
  },
  train: {
    objective: { kind: 'enum', label: 'Objective', default: 'ncsn', options: ['ncsn', 'dsm', 'esm', 'ism'] },
    smin: { kind: 'number', label: 'σ_min', default: 0.05, min: 0.01, max: 10, log: true },
    smax: { kind: 'number', label: 'σ_max', default: 5, min: 0.05, max: 20, log: true },
    levels: { kind: 'number', label: 'Levels L', default: 10, min: 1, max: 30, integer: true },
    width: { kind: 'number', label: 'Width', default: 64, min: 4, max: 256, integer: true, log: true },
    depth: { kind: 'number', label: 'Depth', default: 2, min: 1, max: 6, integer: true },
    lr: { kind: 'number', label: 'Learning rate', default: 0.003, min: 1e-4, max: 0.1, log: true },
    batch: { kind: 'number', label: 'Batch', default: 512, min: 16, max: 4096, integer: true, log: true },
    steps: {
      kind: 'number',
      label: 'Steps of a scripted run',
      default: 2000,
      min: 10,
      max: 100_000,
      integer: true,
      log: true,
    },
    data: { kind: 'number', label: 'Training set', default: 0, min: 0, max: 100_000, integer: true },
    // The default shows the smallest σ (the page clamps the level to L − 1), where learning is hardest.
    level: { kind: 'number', label: 'Shown level', default: 29, min: 0, max: 29, integer: true },
  },
  // Defaults: the lecture example (engine/sampling/presets.ts says why each number). `score=true` is the exact
  // score of the mixture, `learned` the network trained on the train page.
  langevin: {
    n: particleSpec(DEFAULT_LANGEVIN.n),
    eps: {
      kind: 'number',
      label: 'Step size ε',
      default: DEFAULT_LANGEVIN.eps,
      min: 1e-5,
      max: 10,
      log: true,
    },
    steps: {
      kind: 'number',
      label: 'Steps',
      default: DEFAULT_LANGEVIN.steps,
      min: 1,
      max: 20_000,
      integer: true,
      log: true,
    },
    init: initSpec(formatInit(DEFAULT_LANGEVIN.init)),
    score: scoreSpec(),
  },
  annealed: {
    n: particleSpec(DEFAULT_ANNEALED.n),
    eps: {
      kind: 'number',
      label: 'Step size ε',
      default: DEFAULT_ANNEALED.eps,
      min: 1e-6,
      max: 10,
      log: true,
    },
    smin: { kind: 'number', label: 'σ_min', default: DEFAULT_ANNEALED.smin, min: 0.001, max: 10, log: true },
    smax: { kind: 'number', label: 'σ_max', default: DEFAULT_ANNEALED.smax, min: 0.01, max: 50, log: true },
    levels: {
      kind: 'number',
      label: 'Levels L',
      default: DEFAULT_ANNEALED.levels,
      min: 1,
      max: 50,
      integer: true,
    },
    T: {
      kind: 'number',
      label: 'Steps per level T',
      default: DEFAULT_ANNEALED.T,
      min: 1,
      max: 5000,
      integer: true,
      log: true,
    },
    init: initSpec(formatInit(DEFAULT_ANNEALED.init)),
    score: scoreSpec(),
  },
  schedules: {
    schedules: schedulesSpec(),
    T: { kind: 'number', label: 'Steps T', default: 1000, min: 2, max: 5000, integer: true, log: true },
  },
  // The diffusion page (CONTRACT.md): `sde` = vp | ve (continuous SDEs) | ddpm (a discrete `schedule` of T steps)
  // | fm (flow matching's straight path, sampled by its ODE only: crossRules.ts);
  // `steps` sampling steps (fewer than T skips); `score` = true (the exact score of p_t) or learned (an ε-model
  // trained on the page). The rest refine the sampler and the training run.
  diffusion: {
    sde: { kind: 'enum', label: 'Process', default: 'ddpm', options: ['vp', 've', 'ddpm', 'fm'] },
    schedule: { kind: 'enum', label: 'Schedule', default: 'linear', options: SCHEDULE_NAMES },
    T: {
      kind: 'number',
      label: 'Schedule length T',
      default: 1000,
      min: 2,
      max: 5000,
      integer: true,
      log: true,
    },
    sampler: {
      kind: 'enum',
      label: 'Sampler',
      default: 'ancestral',
      options: ['ancestral', 'sde', 'ode', 'pc'],
    },
    steps: {
      kind: 'number',
      label: 'Sampling steps',
      default: 100,
      min: 1,
      max: 5000,
      integer: true,
      log: true,
    },
    n: particleSpec(10_000),
    score: scoreSpec(),
    solver: { kind: 'enum', label: 'ODE solver', default: 'heun', options: ['euler', 'heun'] },
    variance: {
      kind: 'enum',
      label: 'Ancestral variance',
      default: 'betaTilde',
      options: ['betaTilde', 'beta'],
    },
    snr: { kind: 'number', label: 'Corrector SNR r', default: 0.16, min: 0.01, max: 1, log: true },
    corrector: { kind: 'number', label: 'Corrector steps', default: 1, min: 1, max: 10, integer: true },
    width: {
      kind: 'number',
      label: 'Network width',
      default: 64,
      min: 8,
      max: 256,
      integer: true,
      log: true,
    },
    train: {
      kind: 'number',
      label: 'ε-model training steps',
      default: 3000,
      min: 50,
      max: 50_000,
      integer: true,
      log: true,
    },
  },
} as const satisfies Record<string, ParamSchema>;

/** Particles: at most 10⁶, which keeps a tab alive (CONTRACT.md §1). */
function particleSpec(defaultN: number) {
  return {
    kind: 'number',
    label: 'Particles n',
    default: defaultN,
    min: 100,
    max: 1_000_000,
    integer: true,
    log: true,
  } as const satisfies ParamSpec;
}

function initSpec(defaultText: string) {
  return {
    kind: 'text',
    label: 'Initial distribution',
    default: defaultText,
    parse: parseInitParam,
  } as const satisfies ParamSpec;
}

function scoreSpec() {
  return {
    kind: 'enum',
    label: 'Score',
    default: 'true',
    options: ['true', 'learned'],
  } as const satisfies ParamSpec;
}

/**
 * `schedules=`: the known names of a comma list, in the canonical order. Unknown names are dropped with a notice
 * (rejecting `linear,banana` whole would throw `linear` away too); a list with no known name falls back.
 */
function schedulesSpec() {
  return {
    kind: 'text',
    label: 'Schedules',
    default: 'linear,cosine,geometric,karras',
    parse: (raw: string) => {
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
  } as const satisfies ParamSpec;
}

export type PageId = keyof typeof pageSchemas;

export function isPageId(id: string): id is PageId {
  return Object.prototype.hasOwnProperty.call(pageSchemas, id);
}

/** The full schema of a page: its own parameters plus the common ones. */
export function schemaFor(page: PageId): ParamSchema {
  return { ...pageSchemas[page], ...commonSchema };
}
