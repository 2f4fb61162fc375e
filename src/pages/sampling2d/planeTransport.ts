/**
 * Play, pause and step for the sampling2d page. Play runs the app's one animation loop: each display frame with no
 * request in flight asks the worker for up to a speed's worth of steps within a 12 ms budget, and the figure paints
 * whatever reply arrives. So the page keeps its frame rate however slow a step is (10⁵ particles cost tens of ms a
 * step on the exact score), and the cloud moves as fast as the worker steps. The read-outs (about a quarter
 * second of the worker's time, cloudMetrics2.ts) are asked for at most once a second, and once more at the end.
 */
import { startAnimationLoop } from '../../components/animationLoop';
import { createFrameStats } from '../../components/frameStats';
import {
  advancePlane,
  failPlane,
  latestPlaneStage,
  planeBusy,
  setPlaneStopper,
  usePlaneSampling,
} from '../../store/planeSampling';

export const PLANE_SPEEDS = [
  ['slow', 'Slow'],
  ['normal', 'Normal'],
  ['fast', 'Fast'],
] as const;
export type PlaneSpeed = (typeof PLANE_SPEEDS)[number][0];
const STEPS_PER_FRAME: Record<PlaneSpeed, number> = { slow: 1, normal: 4, fast: 64 };
const FRAME_BUDGET_MS = 12;
const METRICS_EVERY_MS = 1000;

const stats = createFrameStats();
let stopLoop: (() => void) | null = null;
let speed: PlaneSpeed = 'normal';
let lastMetricsAt = -Infinity;

function stop(): void {
  stopLoop?.();
  stopLoop = null;
}
setPlaneStopper(() => {
  stop();
  if (usePlaneSampling.getState().mode === 'playing') usePlaneSampling.setState({ mode: 'paused' });
});

export function setPlaneSpeed(next: PlaneSpeed): void {
  speed = next;
}

export function planeSpeed(): PlaneSpeed {
  return speed;
}

export function playPlane(): void {
  if (usePlaneSampling.getState().mode !== 'paused') return;
  stop();
  stats.reset();
  usePlaneSampling.setState({ mode: 'playing' });
  stopLoop = startAnimationLoop(({ now }) => {
    const ms = now * 1000;
    stats.tick(ms);
    if (planeBusy()) return true;
    if (latestPlaneStage()?.done) {
      stopLoop = null;
      return false;
    }
    const metrics = ms - lastMetricsAt > METRICS_EVERY_MS;
    if (metrics) lastMetricsAt = ms;
    advancePlane(STEPS_PER_FRAME[speed], FRAME_BUDGET_MS, metrics)
      .then((frame) => {
        if (frame?.stage.done && !frame.metrics) return advancePlane(0, 0, true);
      })
      .catch(failPlane);
    return true;
  });
}

export function pausePlane(): void {
  if (usePlaneSampling.getState().mode !== 'playing') return;
  stop();
  usePlaneSampling.setState({ mode: 'paused' });
}

/** One step, with fresh read-outs. */
export function stepPlane(): void {
  if (usePlaneSampling.getState().mode !== 'paused' || planeBusy()) return;
  advancePlane(1, Infinity, true).catch(failPlane);
}

const paints: number[] = [];

/** Keeps the last 120 paint times of the figure (ms). */
export function recordPaint(ms: number): void {
  paints.push(ms);
  if (paints.length > 120) paints.shift();
}

/**
 * fps and frame times over the last few seconds of playing (CONTRACT.md §2), and `paintMs`: what painting one
 * frame of particles cost the main thread, over the last 120 paints.
 */
export function planeFrameStats() {
  const sorted = [...paints].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
  return { ...stats.summary(), paintMs: { p50: at(0.5), p95: at(0.95) } };
}
