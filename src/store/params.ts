/**
 * Reading and writing page parameters: URL text ⇄ typed values, with clamping and notices.
 */
import type { Mixture } from '../engine/mixture';
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
  let value = spec.integer ? Math.round(input) : input;
  value = Math.min(spec.max, Math.max(spec.min, value));
  if (value !== input) {
    const reason =
      value === Math.round(input) && spec.integer && input !== Math.round(input) ? 'rounded' : 'clamped';
    return {
      value,
      notice: `${name}: ${input} is out of range [${spec.min}, ${spec.max}]; ${reason} to ${value}.`,
    };
  }
  return { value };
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
      const trimmed = raw.trim();
      const parsed = trimmed === '' ? NaN : Number(trimmed);
      if (!Number.isFinite(parsed)) {
        return {
          value: spec.default,
          notice: `${name}: "${raw}" is not a number; the default ${spec.default} is used.`,
        };
      }
      return checkNumber(name, spec, parsed);
    }
    case 'enum':
      if (spec.options.includes(raw)) return { value: raw };
      return {
        value: spec.default,
        notice: `${name}: "${raw}" is not one of ${spec.options.join(', ')}; "${spec.default}" is used.`,
      };
    case 'mixture': {
      const { mixture, notices } = parseMixture(raw);
      return { value: mixture, notices };
    }
    case 'text': {
      const result = spec.parse(raw);
      if ('value' in result) return { value: result.value };
      return { value: spec.default, notice: `${name}: ${result.error} "${spec.default}" is used.` };
    }
  }
}

export function parseQuery(
  schema: ParamSchema,
  query: URLSearchParams,
): { values: ParamValues; notices: string[] } {
  const values: ParamValues = {};
  const notices: string[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    const result = parseParam(name, spec, query.get(name) ?? undefined);
    values[name] = result.value;
    if (result.notice) notices.push(result.notice);
    if (result.notices) notices.push(...result.notices);
  }
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
