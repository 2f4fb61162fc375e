/**
 * The engine's one window on time. The engine compiles without the DOM library (tsconfig.engine.json), so the one
 * timing global it needs is declared here by shape: `performance.now()` exists in browsers, workers and Node alike.
 * Code that paces itself takes a `Clock` so tests can drive time exactly.
 */
declare const performance: { now(): number };

/** Milliseconds from an arbitrary origin, monotonic. */
export type Clock = () => number;

export const monotonicClock: Clock = () => performance.now();
