/**
 * The schedules the app knows, as typed keys with their display names, and the `schedules=` list parser.
 *
 * Two families (SCIENCE.md §5): variance-preserving (VP, DDPM-style) schedules defined by β_t, whose signal
 * is scaled down while noise is added, x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε; and variance-exploding (VE, NCSN/EDM)
 * schedules defined by a noise level σ_t, which leave the signal alone and add ever more noise,
 * x_t = x_0 + σ_t ε.
 */

export const SCHEDULE_NAMES = [
  'linear',
  'cosine',
  'linvar',
  'sigmoid',
  'tanh',
  'softsign',
  'geometric',
  'karras',
] as const;

export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

export type ScheduleFamily = 'vp' | 've';

export interface ScheduleInfo {
  name: ScheduleName;
  family: ScheduleFamily;
  /** Short display name. */
  label: string;
  /** Where it comes from, for captions. */
  source: string;
}

export const SCHEDULE_INFO: Readonly<Record<ScheduleName, ScheduleInfo>> = {
  linear: { name: 'linear', family: 'vp', label: 'Linear β', source: 'Ho et al. 2020 (DDPM)' },
  cosine: { name: 'cosine', family: 'vp', label: 'Cosine', source: 'Nichol & Dhariwal 2021' },
  linvar: { name: 'linvar', family: 'vp', label: 'Linear variance', source: 'ᾱ_t = 1 − t/T' },
  sigmoid: { name: 'sigmoid', family: 'vp', label: 'Sigmoid β', source: 'β shaped by a sigmoid' },
  tanh: { name: 'tanh', family: 'vp', label: 'Tanh β', source: 'β shaped by tanh' },
  softsign: { name: 'softsign', family: 'vp', label: 'Softsign β', source: 'β shaped by u/(1+|u|)' },
  geometric: { name: 'geometric', family: 've', label: 'Geometric σ', source: 'Song & Ermon 2019 (NCSN)' },
  karras: { name: 'karras', family: 've', label: 'Karras σ', source: 'Karras et al. 2022 (EDM)' },
};

export function isScheduleName(name: string): name is ScheduleName {
  return (SCHEDULE_NAMES as readonly string[]).includes(name);
}

export interface ScheduleList {
  /** Known names, each once, in the catalogue's order (so equal selections give equal links). */
  names: ScheduleName[];
  /** Entries that are not schedule names, as written (trimmed). */
  unknown: string[];
}

/** Splits a comma list, keeping known names (case-insensitive) and collecting the rest. */
export function parseScheduleList(raw: string): ScheduleList {
  const picked = new Set<ScheduleName>();
  const unknown: string[] = [];
  for (const part of raw.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '') continue;
    if (isScheduleName(name)) picked.add(name);
    else unknown.push(part.trim());
  }
  return { names: SCHEDULE_NAMES.filter((n) => picked.has(n)), unknown };
}

export function formatScheduleList(names: Iterable<ScheduleName>): string {
  const set = new Set(names);
  return SCHEDULE_NAMES.filter((n) => set.has(n)).join(',');
}
