/**
 * How long the playing run still takes, as the animation loop measures it (no DOM). The speed asks for a rate;
 * what the run gets is what the sampler worker and the page's paints allow on this machine. The estimate uses the
 * rate asked for until a second of playing has shown the rate actually reached, then the lower of the two.
 */
import { create } from 'zustand';

export interface RunClock {
  /** Steps per second the speed asks for (null: as fast as possible). */
  wanted: number | null;
  /** When this stretch of playing began (ms, performance.now()) and the step it began at; null when not playing. */
  since: number | null;
  fromStep: number;
  /** The latest step painted, and when. */
  step: number;
  at: number;
  totalSteps: number;
}

export const useRunClock = create<RunClock>(() => ({
  wanted: null,
  since: null,
  fromStep: 0,
  step: 0,
  at: 0,
  totalSteps: 0,
}));

/** Below this much playing time the measured rate is too noisy to trust. */
export const MEASURE_MS = 1000;

/** Steps per second reached since playing began (null before MEASURE_MS of it). */
export function measuredRate(c: RunClock): number | null {
  if (c.since === null || c.at - c.since < MEASURE_MS) return null;
  return (1000 * (c.step - c.fromStep)) / (c.at - c.since);
}

/**
 * Seconds left until the run ends: the steps left over the rate it goes at (the rate asked for, or the measured
 * one when lower: the machine, not the setting, is then the limit). null when nothing is known.
 */
export function secondsLeft(c: RunClock): { seconds: number; limited: boolean } | null {
  const left = c.totalSteps - c.step;
  const measured = measuredRate(c);
  const limited = measured !== null && (c.wanted === null || measured < 0.9 * c.wanted);
  const rate = limited ? measured : c.wanted;
  if (rate === null || !(rate > 0) || left < 0) return null;
  return { seconds: left / rate, limited };
}
