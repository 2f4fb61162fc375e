/**
 * Reading and writing page parameters: URL text ⇄ typed values, with clamping and notices.
 */
import type { Mixture } from '../engine/mixture';
import { quote, readDecimal } from '../engine/textInput';
import { formatMixture, formatNumber, parseMixture } from './mixtureParam';
import type { NumberSpec, ParamSchema, ParamSpec, ParamValue, ParamValues } from './paramSpec';

export interface Checked<T> {
  value: T;
  /** A sentence saying what was changed, when the input was not used as given. */
  notice?: string;
}

/** Clamps (and rounds, for integer specs) a number into its spec's range. */
export function checkNumber(name: string, spec: NumberSpec, input: number): Checked<number> {
  if (!Number.isFinite(input)) {
    return {
      value: spec.default,
      notice: `${name}: "${input}" is not a number; the default ${spec.default} is used.`,
    };
  }
  const rounded = spec.integer ? Math.round(input) : input;
  const value = Math.min(spec.max, Math.max(spec.min, rounded));
  if (value === input) return { value };
  if (value === rounded)
    return { value, notice: `${name}: ${input} is not a whole number; rounded to ${value}.` };
  return {
    value,
    notice: `${name}: ${input} is out of range [${spec.min}, ${spec.max}]; clamped to ${value}.`,
  };
}

/** Parses one raw URL value (undefined = absent → default, silently). */
export function parseParam(
  name: string,
  spec: ParamSpec,
  raw: string | undefined,
): Checked<ParamValue> & { notices?: string[] } {
  if (raw === undefined) return { value: spec.default };
  switch (spec.kind) {
    case 'number': {
      // Plain decimals only (engine/textInput.ts): "0x10" is refused rather than read as 16.
      const parsed = readDecimal(raw);
      if (!Number.isFinite(parsed)) {
        const what = Number.isNaN(parsed) ? 'not a decimal number' : 'not a finite number';
        return {
          value: spec.default,
          notice: `${name}: ${quote(raw)} is ${what}; the default ${spec.default} is used.`,
        };
      }
      return checkNumber(name, spec, parsed);
    }
    case 'enum':
      if (spec.options.includes(raw)) return { value: raw };
      return {
        value: spec.default,
        notice: `${name}: ${quote(raw)} is not one of ${spec.options.join(', ')}; "${spec.default}" is used.`,
      };
    case 'mixture': {
      const { mixture, notices } = parseMixture(raw);
      return { value: mixture, notices };
    }
    case 'text': {
      const result = spec.parse(raw);
      if ('value' in result) return { value: result.value, notices: result.notices };
      // A parser may name the parameter itself ("init: …"); say it once.
      const error = result.error.startsWith(`${name}:`) ? result.error : `${name}: ${result.error}`;
      return { value: spec.default, notice: `${error} "${spec.default}" is used.` };
    }
  }
}

/**
 * A rule between parameters that one spec alone cannot express (σ_min ≤ σ_max, a shown level below the number
 * of levels). It reads the parsed values, may change them, and returns a sentence per change. `given` names the
 * parameters the link itself set: a default that another value overrules is adjusted silently (nothing the reader
 * wrote was changed).
 */
export type CrossRule = (values: ParamValues, given: ReadonlySet<string>) => string[];

/**
 * Reads a page's query. Absent parameters take their defaults silently; every value that is not used as given
 * leaves a sentence naming the parameter. A name given more than once: the first value is used, and said so.
 */
export function parseQuery(
  schema: ParamSchema,
  query: URLSearchParams,
  rules: readonly CrossRule[] = [],
): { values: ParamValues; notices: string[] } {
  const values: ParamValues = {};
  const notices: string[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    const all = query.getAll(name);
    if (all.length > 1)
      notices.push(`${name}: given ${all.length} times; the first, ${quote(all[0])}, is used.`);
    const result = parseParam(name, spec, all[0]);
    values[name] = result.value;
    if (result.notice) notices.push(result.notice);
    if (result.notices) notices.push(...result.notices);
  }
  const given = new Set(query.keys());
  for (const rule of rules) notices.push(...rule(values, given));
  return { values, notices };
}

export function formatParam(spec: ParamSpec, value: ParamValue): string {
  switch (spec.kind) {
    case 'number':
      return spec.integer ? String(value) : formatNumber(value as number);
    case 'mixture':
      return formatMixture(value as Mixture);
    default:
      return String(value);
  }
}

/** Every parameter is written, defaults included, so a link reproduces the view even if defaults change. */
export function formatQuery(schema: ParamSchema, values: ParamValues): string {
  const parts: string[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    const value = values[name] ?? spec.default;
    parts.push(
      `${name}=${encodeURIComponent(formatParam(spec, value)).replace(/%3A/gi, ':').replace(/%2C/gi, ',')}`,
    );
  }
  return parts.join('&');
}
