/**
 * How long the run on screen takes at the speed chosen, as the animation loop measures it (no DOM): the rate the
 * speed asks for, the fastest rate the sampler worker has shown while it had more work than one request's
 * budget, and from the two an honest estimate of the whole run's duration.
 */
import { create } from 'zustand';

export interface RunClock {
  /** Steps per second the speed asks for (null: as fast as possible). */
  wanted: number | null;
  /** Steps per second the worker reached when it was the limit (null until seen). */
  limit: number | null;
  totalSteps: number;
}

export const useRunClock = create<RunClock>(() => ({ wanted: null, limit: null, totalSteps: 0 }));

/** The rate the run goes at: the wanted one unless the worker has shown it cannot keep it. */
export function effectiveRate(c: RunClock): number | null {
  if (c.wanted === null) return c.limit;
  return c.limit === null ? c.wanted : Math.min(c.wanted, c.limit);
}

/** Seconds the whole run takes at the effective rate (null before any rate is known). */
export function wholeRunSeconds(c: RunClock): number | null {
  const rate = effectiveRate(c);
  return rate && rate > 0 && c.totalSteps > 0 ? c.totalSteps / rate : null;
}

/**
 * A smoothed measurement of the worker's top rate from one saturated request (it used its whole time budget):
 * steps done over the wall time from request to reply, which includes building the frame.
 */
export function measureLimit(previous: number | null, steps: number, ms: number): number | null {
  if (steps <= 0 || ms <= 0) return previous;
  const rate = (1000 * steps) / ms;
  return previous === null ? rate : 0.7 * previous + 0.3 * rate;
}
