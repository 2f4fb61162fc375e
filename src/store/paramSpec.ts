/**
 * One declarative table of URL parameters drives parsing, clamping, serialisation and the controls' ranges.
 * Each entry is a codec for one typed value: URL text ⇄ value, plus what a control needs (range, options).
 * Keys are typed values (never UI labels); labels live beside them only for display.
 */
import type { Mixture } from '../engine/mixture';
import type { Mixture2 } from '../engine/plane/mixture2';
import type { InitSpec } from '../engine/sampling';

/** A value with a sentence per part that was not used as given (empty when nothing changed). */
export interface Parsed<T> {
  value: T;
  notices: string[];
}

/**
 * URL text ⇄ one typed value. For every value `v` the codec can produce, `parse(format(v))` gives `v` back with
 * no notice; any other text gives a valid value (the default when nothing of it is usable) and a notice that
 * names the parameter. Methods (not function properties), so a codec of a narrower type is a `ParamSpec`.
 */
export interface Codec<T> {
  label: string;
  default: T;
  /** `null`: the parameter is absent, so the default is used silently. */
  parse(raw: string | null, name: string): Parsed<T>;
  format(value: T): string;
  /**
   * A value set by a control, already typed: kept, clamped (with a notice), or — for a value outside an
   * enumeration — refused with a notice (`value` undefined), so the previous value stays.
   */
  check(value: T, name: string): { value?: T; notices: string[] };
}

export interface NumberSpec extends Codec<number> {
  kind: 'number';
  min: number;
  max: number;
  /** Only whole numbers are valid (seeds, counts). */
  integer?: boolean;
  /** The quantity spans decades: sliders move in log space. */
  log?: boolean;
}

export interface EnumSpec<O extends string = string> extends Codec<O> {
  kind: 'enum';
  options: readonly O[];
  /** The URL text of each option, in the same order (usually the option itself). */
  words: readonly string[];
}

export type MixtureSpec = Codec<Mixture> & { kind: 'mixture' };

/** A mixture in the plane (`mix2`, CONTRACT.md §3). */
export type Mixture2Spec = Codec<Mixture2> & { kind: 'mixture2' };

/** A value written as free-form text, with its own parser (a schedule list; an initial distribution `uniform:a:b`). */
export type TextSpec<T = string> = Codec<T> & { kind: 'text' };

export type ParamSpec = NumberSpec | EnumSpec | MixtureSpec | Mixture2Spec | TextSpec | TextSpec<InitSpec>;
export type ParamSchema = Readonly<Record<string, ParamSpec>>;
export type ParamValue = number | string | Mixture | Mixture2 | InitSpec;
/** Values of some page, not yet known which: only the store and the URL layer handle them. */
export type ParamValues = Record<string, ParamValue>;

/** The value type a spec's codec produces. */
export type ValueOf<S> = S extends Codec<infer T> ? T : never;

/** The values of a schema, one typed field per parameter: `ValuesOf<typeof schema>['sigma']` is `number`. */
export type ValuesOf<S> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/** The names of a schema's numeric parameters (what a slider can bind to). */
export type NumberKeys<S> = { [K in keyof S]: S[K] extends NumberSpec ? K : never }[keyof S] & string;

/** The names of a schema's enumerated parameters (what a segmented control can bind to). */
export type EnumKeys<S> = { [K in keyof S]: S[K] extends EnumSpec<string> ? K : never }[keyof S] & string;
