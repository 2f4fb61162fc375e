/**
 * Reading and writing a page's whole query with its schema's codecs (paramSpec.ts), and the rules between
 * parameters that no single codec can express.
 */
import { quote } from '../engine/textInput';
import type { ParamSchema, ParamValues } from './paramSpec';

/**
 * A rule between parameters that one spec alone cannot express (σ_min ≤ σ_max, a shown level below the number
 * of levels). It reads the parsed values, may change them, and returns a sentence per change. `given` names the
 * parameters the link itself set: a default that another value overrules is adjusted silently (nothing the reader
 * wrote was changed).
 */
export type CrossRule<V = ParamValues> = (values: V, given: ReadonlySet<string>) => string[];

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
    const result = spec.parse(all.length > 0 ? all[0] : null, name);
    values[name] = result.value;
    notices.push(...result.notices);
  }
  const given = new Set(query.keys());
  for (const rule of rules) notices.push(...rule(values, given));
  return { values, notices };
}

/**
 * Every parameter is written, defaults included, so a link reproduces the view even if defaults change. `:` and
 * `,` stay readable (they are legal in a query); everything else a value holds is percent-encoded.
 */
export function formatQuery(schema: ParamSchema, values: Readonly<ParamValues>): string {
  const parts: string[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    // `format` takes the spec's own value type; `values` was built by the same schema (or is its default).
    const text = (spec.format as (v: unknown) => string)(values[name] ?? spec.default);
    parts.push(`${name}=${encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',')}`);
  }
  return parts.join('&');
}
