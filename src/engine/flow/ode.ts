/**
 * Sampling by flow matching: integrate dx/dt = v(x, t) from t = 1 (noise) down to t = 0 (data), SCIENCE.md §10.
 * With h = t − t' > 0 the reverse step is
 *
 *   Euler:  x' = x − h v(x, t)
 *   Heun:   x̃ = x − h v(x, t),  x' = x − ½ h (v(x, t) + v(x̃, t'))   (one more velocity call, second order).
 *
 * Each step is written once, as a generator that yields the velocity requests it needs and receives nothing
 * back but the filled buffer: `driveSync` answers them with a plain function (the exact field), `driveAsync`
 * with a promise (a network in the training worker). So the same arithmetic runs in both.
 */
import type { Velocity } from './velocity';

export type FlowSolver = 'euler' | 'heun';

/** A request for v(xs, t), to be written into out. */
export interface VelocityRequest {
  xs: Float64Array;
  t: number;
  out: Float64Array;
}

/** The buffers of one run: positions, the velocity at x, Heun's guess and the velocity there. */
export interface FlowBuffers {
  x: Float64Array;
  velocity: Float64Array;
  guess: Float64Array;
  velocityNext: Float64Array;
}

export function flowBuffers(x: Float64Array): FlowBuffers {
  const n = x.length;
  return { x, velocity: new Float64Array(n), guess: new Float64Array(n), velocityNext: new Float64Array(n) };
}

/** One step from t down to t' < t, in place on b.x; yields its velocity requests. */
export function* flowStep(
  b: FlowBuffers,
  t: number,
  tNext: number,
  solver: FlowSolver,
): Generator<VelocityRequest, void, void> {
  const h = t - tNext;
  const { x, velocity, guess, velocityNext } = b;
  yield { xs: x, t, out: velocity };
  if (solver === 'euler') {
    for (let i = 0; i < x.length; i++) x[i] -= h * velocity[i];
    return;
  }
  for (let i = 0; i < x.length; i++) guess[i] = x[i] - h * velocity[i];
  yield { xs: guess, t: tNext, out: velocityNext };
  for (let i = 0; i < x.length; i++) x[i] -= 0.5 * h * (velocity[i] + velocityNext[i]);
}

/** Runs a step generator to its end, answering each request with a synchronous field. Returns the calls made. */
export function driveSync(step: Generator<VelocityRequest, void, void>, field: Velocity): number {
  let calls = 0;
  for (let r = step.next(); !r.done; r = step.next()) {
    field(r.value.xs, r.value.t, r.value.out);
    calls++;
  }
  return calls;
}

/** An asynchronous batched field (a network): resolves with v(xs, t). */
export type AsyncVelocity = (xs: Float64Array, t: number) => Promise<ArrayLike<number>>;

/** Runs a step generator to its end, awaiting each velocity. Returns the calls made. */
export async function driveAsync(
  step: Generator<VelocityRequest, void, void>,
  field: AsyncVelocity,
): Promise<number> {
  let calls = 0;
  for (let r = step.next(); !r.done; r = step.next()) {
    const v = await field(r.value.xs, r.value.t);
    const out = r.value.out;
    for (let i = 0; i < out.length; i++) out[i] = v[i];
    calls++;
  }
  return calls;
}

/** `steps + 1` evenly spaced decreasing times from 1 to 0: every velocity is finite at both ends. */
export function flowGrid(steps: number): Float64Array {
  const n = Math.max(1, Math.floor(steps));
  const out = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) out[i] = 1 - i / n;
  out[n] = 0;
  return out;
}
