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
