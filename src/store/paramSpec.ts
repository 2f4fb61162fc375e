/**
 * One declarative table of URL parameters drives parsing, clamping, serialisation and the controls' ranges.
 * Keys are typed values (never UI labels); labels live beside them only for display.
 */
import type { Mixture } from '../engine/mixture';

export interface NumberSpec {
  kind: 'number';
  label: string;
  default: number;
  min: number;
  max: number;
  /** Only whole numbers are valid (seeds, counts). */
  integer?: boolean;
  /** The quantity spans decades: sliders move in log space. */
  log?: boolean;
}

export interface EnumSpec {
  kind: 'enum';
  label: string;
  default: string;
  options: readonly string[];
}

export interface MixtureSpec {
  kind: 'mixture';
  label: string;
  default: Mixture;
}

/** A free-form value with its own parser (e.g. an initial distribution `uniform:a:b`). */
export interface TextSpec {
  kind: 'text';
  label: string;
  default: string;
  /** Returns the canonical value (with a sentence per part it had to change), or an error sentence. */
  parse: (raw: string) => { value: string; notices?: string[] } | { error: string };
}

export type ParamSpec = NumberSpec | EnumSpec | MixtureSpec | TextSpec;
export type ParamSchema = Readonly<Record<string, ParamSpec>>;
export type ParamValue = number | string | Mixture;
export type ParamValues = Record<string, ParamValue>;
