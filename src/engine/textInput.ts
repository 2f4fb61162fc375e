/**
 * Reading numbers typed by people (links, model files) and quoting what they typed back to them.
 *
 * `Number()` accepts far more than a decimal number — "0x10" is 16, "0b101" is 5, "" is 0 — so a link
 * could carry a value that reads differently to a person than to the app. Only plain decimal and scientific
 * forms are numbers here: an optional sign, digits with at most one point, an optional exponent.
 */

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The number a plain decimal text means (surrounding spaces allowed), or NaN for anything else. */
export function readDecimal(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
}

/** Longest stretch of a value quoted in a sentence; longer values are cut, with their length said. */
export const QUOTE_LIMIT = 40;

/**
 * A value in double quotes for a notice: whole when short, else its first QUOTE_LIMIT characters followed by
 * "… (N characters)", so a 100 kB link never turns into a 100 kB sentence.
 */
export function quote(raw: string): string {
  if (raw.length <= QUOTE_LIMIT) return `"${raw}"`;
  return `"${raw.slice(0, QUOTE_LIMIT)}…" (${raw.length.toLocaleString('en-US')} characters)`;
}
