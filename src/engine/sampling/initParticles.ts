/**
 * The initial distribution of the particles: the `init` URL parameter (CONTRACT.md §1) and the draws.
 *
 *   uniform:a:b   U(a, b), a < b
 *   normal:m:s    N(m, s²), s > 0
 *   point:x0      every particle at x0 (the noise of the first steps spreads them)
 *
 * Parsing never throws. A malformed value gives an error sentence (the URL layer then falls back to the
 * default and shows it); a value beyond ±INIT_LIMIT is clamped and the clamp reported as a notice.
 */
import type { Rng } from '../rng';
import { quote, readDecimal } from '../textInput';
import { fmt } from './stability';

/** Largest |value| accepted in `init`: well beyond any mixture the app draws (means within ±10). */
export const INIT_LIMIT = 50;

export type InitSpec =
  | { kind: 'uniform'; a: number; b: number }
  | { kind: 'normal'; mean: number; std: number }
  | { kind: 'point'; x0: number };

export type InitParse =
  { ok: true; spec: InitSpec; text: string; notices: string[] } | { ok: false; error: string };

export const DEFAULT_INIT: InitSpec = { kind: 'uniform', a: -3, b: 3 };

const FIELDS: Record<InitSpec['kind'], string[]> = {
  uniform: ['a', 'b'],
  normal: ['m', 's'],
  point: ['x0'],
};

function writeInit(spec: InitSpec, write: (v: number) => string): string {
  switch (spec.kind) {
    case 'uniform':
      return `uniform:${write(spec.a)}:${write(spec.b)}`;
    case 'normal':
      return `normal:${write(spec.mean)}:${write(spec.std)}`;
    case 'point':
      return `point:${write(spec.x0)}`;
  }
}

/**
 * The text of a spec built by the controls (what goes into the URL): 12 significant digits, so float noise from
 * arithmetic (0.1 + 0.2 = 0.30000000000000004) does not reach the link.
 */
export function formatInit(spec: InitSpec): string {
  return writeInit(spec, (v) => String(Number(v.toPrecision(12))));
}

export function parseInit(raw: string): InitParse {
  const parts = raw.trim().split(':');
  const kind = parts[0].trim().toLowerCase();
  if (kind !== 'uniform' && kind !== 'normal' && kind !== 'point') {
    return {
      ok: false,
      error: `init: ${quote(raw)} should be uniform:a:b, normal:m:s or point:x0.`,
    };
  }
  const names = FIELDS[kind];
  const fields = parts.slice(1);
  if (fields.length !== names.length) {
    return { ok: false, error: `init: ${quote(raw)} should be ${kind}:${names.join(':')}.` };
  }
  const values: number[] = [];
  for (let i = 0; i < fields.length; i++) {
    // Plain decimals only: Number('') would be 0 and Number('0x10') 16.
    const v = readDecimal(fields[i]);
    if (!Number.isFinite(v)) {
      return {
        ok: false,
        error: `init: ${names[i]} = ${quote(fields[i])} in ${quote(raw)} is not a finite decimal number.`,
      };
    }
    values.push(v);
  }
  const notices: string[] = [];
  const clamped = values.map((v, i) => {
    const c = Math.min(INIT_LIMIT, Math.max(-INIT_LIMIT, v));
    if (c !== v) notices.push(`init: ${names[i]} = ${fmt(v)} was clamped to ${fmt(c)}.`);
    return c;
  });
  let spec: InitSpec;
  if (kind === 'uniform') {
    const [a, b] = clamped;
    if (!(a < b)) {
      const after = notices.length > 0 ? ' after clamping' : '';
      return { ok: false, error: `init: uniform:a:b needs a < b, got a = ${fmt(a)}, b = ${fmt(b)}${after}.` };
    }
    spec = { kind, a, b };
  } else if (kind === 'normal') {
    const [mean, std] = clamped;
    if (!(std > 0)) return { ok: false, error: `init: normal:m:s needs s > 0, got s = ${fmt(std)}.` };
    spec = { kind, mean, std };
  } else {
    spec = { kind, x0: clamped[0] };
  }
  // The canonical text of a link's value keeps every number exactly as read (the shortest text of the same
  // double): a value from a link is never rounded silently.
  return { ok: true, spec, text: initText(spec), notices };
}

/**
 * The canonical link text of a spec: every number as the shortest text of the same double, so reading it back
 * with `parseInit` gives the same spec (formatInit rounds instead, for values built by arithmetic).
 */
export function initText(spec: InitSpec): string {
  return writeInit(spec, String);
}

/**
 * The same parser in the shape of the URL table's text parameters (`textParam`'s reader): the spec with a
 * sentence per clamped field, or the error sentence.
 */
export function parseInitParam(raw: string): { value: InitSpec; notices: string[] } | { error: string } {
  const parsed = parseInit(raw);
  return parsed.ok ? { value: parsed.spec, notices: parsed.notices } : { error: parsed.error };
}

/** n particles drawn from `spec` with `rng`, into `out` when given (its first n entries). */
export function drawInitialParticles(spec: InitSpec, n: number, rng: Rng, out?: Float32Array): Float32Array {
  const xs = out ?? new Float32Array(n);
  switch (spec.kind) {
    case 'uniform': {
      const width = spec.b - spec.a;
      for (let i = 0; i < n; i++) xs[i] = spec.a + width * rng.uniform();
      break;
    }
    case 'normal':
      for (let i = 0; i < n; i++) xs[i] = spec.mean + spec.std * rng.normal();
      break;
    case 'point':
      xs.fill(spec.x0, 0, n);
      break;
  }
  return xs;
}
