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

/** One arrow-key press moves the slider by one unit of its track, as the native range input does. */
export const KEY_STEP = 1 / SLIDER_RESOLUTION;

const KEY_STEPS: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };

/**
 * The value one arrow-key press leads to, or null for any other key (the range input handles those natively).
 * A press always moves an integer slider by at least one: on a log scale one unit of the track can round back to
 * the same integer (64 × 64^0.001 on the 4 … 256 width track), and the range input would then never leave it.
 */
export function keyStep(scale: SliderScale, value: number, key: string): number | null {
  const steps = KEY_STEPS[key];
  if (steps === undefined) return null;
  const next = fromPosition(scale, toPosition(scale, value) + steps * KEY_STEP);
  if (next !== value || !scale.integer) return next;
  return Math.min(scale.max, Math.max(scale.min, value + steps));
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
