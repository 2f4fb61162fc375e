/**
 * The codecs of paramSpec.ts, one factory per kind. Every parse is total: text it cannot use gives the default
 * and a sentence naming the parameter; a number outside its range is clamped and said so.
 */
import type { Mixture } from '../engine/mixture';
import type { Mixture2 } from '../engine/plane/mixture2';
import { quote, readDecimal } from '../engine/textInput';
import { formatMixture2, parseMixture2 } from './mixture2Param';
import { formatMixture, formatNumber, parseMixture } from './mixtureParam';
import type { EnumSpec, Mixture2Spec, MixtureSpec, NumberSpec, Parsed, TextSpec } from './paramSpec';

const silent = <T>(value: T): Parsed<T> => ({ value, notices: [] });

interface NumberOptions {
  label: string;
  default: number;
  min: number;
  max: number;
  integer?: boolean;
  log?: boolean;
}

/** Clamps (and rounds, for whole-number specs) a number into [min, max]; a non-finite one gives the default. */
function checkNumber(spec: NumberSpec, name: string, input: number): Parsed<number> {
  if (!Number.isFinite(input))
    return {
      value: spec.default,
      notices: [`${name}: "${input}" is not a number; the default ${spec.default} is used.`],
    };
  const rounded = spec.integer ? Math.round(input) : input;
  const value = Math.min(spec.max, Math.max(spec.min, rounded));
  if (value === input) return silent(value);
  if (value === rounded)
    return { value, notices: [`${name}: ${input} is not a whole number; rounded to ${value}.`] };
  return {
    value,
    notices: [`${name}: ${input} is out of range [${spec.min}, ${spec.max}]; clamped to ${value}.`],
  };
}

export function numberParam(options: NumberOptions): NumberSpec {
  const spec: NumberSpec = {
    kind: 'number',
    ...options,
    parse(raw, name) {
      if (raw === null) return silent(spec.default);
      // Plain decimals only (engine/textInput.ts): "0x10" is refused rather than read as 16.
      const parsed = readDecimal(raw);
      if (!Number.isFinite(parsed)) {
        const what = Number.isNaN(parsed) ? 'not a decimal number' : 'not a finite number';
        return {
          value: spec.default,
          notices: [`${name}: ${quote(raw)} is ${what}; the default ${spec.default} is used.`],
        };
      }
      return checkNumber(spec, name, parsed);
    },
    // Whole numbers in full (seeds reach 2³¹ − 1); others with 4 significant digits, which parse reads back.
    format: (value) => (spec.integer ? String(value) : formatNumber(value)),
    check: (value, name) => checkNumber(spec, name, value),
  };
  return spec;
}

/**
 * One of a fixed list of values; `options` keeps its literal types, so the value is a union of them. `words`
 * gives the URL text of a value whose name in the link differs from its name in the code (the link's
 * `score=true` is the value `'exact'`); the others are written as themselves.
 */
export function enumParam<const O extends string>(
  label: string,
  options: readonly O[],
  fallback: NoInfer<O>,
  words?: Readonly<Partial<Record<NoInfer<O>, string>>>,
): EnumSpec<O> {
  const has = (v: string): v is O => (options as readonly string[]).includes(v);
  const word = (o: O): string => words?.[o] ?? o;
  const texts = options.map(word);
  return {
    kind: 'enum',
    label,
    default: fallback,
    options,
    words: texts,
    parse(raw, name) {
      if (raw === null) return silent(fallback);
      const i = texts.indexOf(raw);
      if (i >= 0) return silent(options[i]);
      return {
        value: fallback,
        notices: [`${name}: ${quote(raw)} is not one of ${texts.join(', ')}; "${word(fallback)}" is used.`],
      };
    },
    format: word,
    check: (value, name) =>
      has(value) ? silent(value) : { notices: [`${name}: "${String(value)}" is not an option.`] },
  };
}

/** The `mix` parameter (mixtureParam.ts says how text becomes components). */
export function mixtureParam(label: string, fallback: Mixture): MixtureSpec {
  return {
    kind: 'mixture',
    label,
    default: fallback,
    parse: (raw) =>
      raw === null
        ? silent(fallback)
        : (({ mixture, notices }) => ({ value: mixture, notices }))(parseMixture(raw)),
    format: formatMixture,
    // The mixture editor builds valid mixtures (normalised, clamped) itself.
    check: (value) => silent(value),
  };
}

/** The `mix2` parameter of the plane pages (mixture2Param.ts says how text becomes components). */
export function mixture2Param(label: string, fallback: Mixture2): Mixture2Spec {
  return {
    kind: 'mixture2',
    label,
    default: fallback,
    parse: (raw) =>
      raw === null
        ? silent(fallback)
        : (({ mixture, notices }) => ({ value: mixture, notices }))(parseMixture2(raw)),
    format: formatMixture2,
    // The plane editor builds valid mixtures (normalised, clamped) itself.
    check: (value) => silent(value),
  };
}

/**
 * A value written as free-form text, with its own reader and writer: `read` returns the value (with a sentence
 * per part it had to change) or one error sentence, on which the default is used and said so; `write` gives the
 * canonical text, which `read` takes back unchanged. The value may be the text itself (a schedule list, written
 * as read) or what it describes (an initial distribution), so pages never parse it again.
 */
export function textParam<T>(
  label: string,
  fallback: T,
  read: (raw: string) => { value: NoInfer<T>; notices?: string[] } | { error: string },
  write: (value: NoInfer<T>) => string,
): TextSpec<T> {
  return {
    kind: 'text',
    label,
    default: fallback,
    parse(raw, name) {
      if (raw === null) return silent(fallback);
      const result = read(raw);
      if ('value' in result) return { value: result.value, notices: result.notices ?? [] };
      // A reader may name the parameter itself ("init: …"); say it once.
      const error = result.error.startsWith(`${name}:`) ? result.error : `${name}: ${result.error}`;
      return { value: fallback, notices: [`${error} "${write(fallback)}" is used.`] };
    },
    format: write,
    // Controls set values their own reader accepted (the init editor parses before it sets).
    check: (value) => silent(value),
  };
}
