/**
 * Maps a value to a slider position in [0, 1] and back, linearly or (for quantities spanning decades) in log
 * space, with integers rounded.
 */
export interface SliderScale {
  min: number;
  max: number;
  log?: boolean;
  integer?: boolean;
}

export const SLIDER_RESOLUTION = 1000;

export function toPosition(scale: SliderScale, value: number): number {
  const { min, max, log } = scale;
  const t = log ? Math.log(value / min) / Math.log(max / min) : (value - min) / (max - min);
  return Math.min(1, Math.max(0, t));
}

export function fromPosition(scale: SliderScale, t: number): number {
  const { min, max, log, integer } = scale;
  let value = log ? min * Math.pow(max / min, t) : min + t * (max - min);
  if (integer) value = Math.round(value);
  else value = Number(value.toPrecision(3));
  return Math.min(max, Math.max(min, value));
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/**
 * How many decades a log slider spans, in words: log10(max/min) rounded to a whole number when it is within 0.05
 * of one ("three decades" for 0.01 … 10), else to one decimal ("2.5 decades"). Prose that names the span reads it
 * from the schema, so the text and the slider cannot drift apart.
 */
export function decadesText({ min, max }: { min: number; max: number }): string {
  const span = Math.log10(max / min);
  const whole = Math.round(span);
  if (Math.abs(span - whole) < 0.05) {
    const word = COUNT_WORDS[whole] ?? String(whole);
    return `${word} decade${whole === 1 ? '' : 's'}`;
  }
  return `${span.toFixed(1)} decades`;
}
