/**
 * The sampling pages' play loop: the app's animation loop (startAnimationLoop) while the mode is 'playing'; the
 * effect's cleanup cancels it and the worker replies it is waiting for, so a pause, an unmount or a new speed never
 * leaves a second loop behind.
 *
 * Steps and paints are decoupled. The worker is asked for a bounded chunk of work (a number of steps and
 * BUDGET_MS of stepping); its frames are merged as they arrive and committed to the store once per paint, so
 * React renders the figures at most once per frame whatever the worker's pace. At full speed the next request
 * goes out as soon as a frame arrives (the worker never waits for a paint); at a set speed, steps are earned
 * from wall time (never more than a quarter second's worth banked), so a slow frame does not fast-forward.
 *
 * 'auto' promises the whole run in about AUTO_SECONDS. It keeps a schedule rather than a capped bank: the step
 * due at time t is fromStep + rate·(t − start), so a run that falls behind (slow paints, a busy worker) catches
 * up; while behind, the next request goes out as soon as a frame arrives, with a larger budget that amortises
 * building the frame. If the machine still cannot keep the pace, the run takes longer, and runClock measures the
 * rate reached so that RunReadout can say how long it really takes.
 */
import { useEffect } from 'react';
import { useAppStore } from '../../store/appStore';
import {
  applyFrame,
  mergeFrames,
  samplerClient,
  setSamplerMode,
  useSamplerSession,
} from '../../store/samplerSession';
import type { SamplerFrame } from '../../worker/samplerProtocol';
import { startAnimationLoop } from '../../components/animationLoop';
import { createFrameStats } from '../../components/frameStats';
import { useRunClock } from './runClock';
import { monotonicClock } from '../../engine/clock';
import { Pacer } from '../../engine/pacer';

/** Frame timing of the loop, for the hook's fps and frameMs (kept out of React state). */
export const samplerFrameStats = createFrameStats();

export const SPEEDS = [
  ['auto', 'aim: whole run in 6 s'],
  ['max', 'as fast as possible'],
  ['100', '100 steps/s'],
  ['20', '20 steps/s'],
  ['5', '5 steps/s'],
] as const;
export type Speed = (typeof SPEEDS)[number][0];

/** Requests sent by the loop whose frames have not been applied yet (a paused run is settled at 0). */
let requestsInFlight = 0;
export const loopRequestsInFlight = (): number => requestsInFlight;

/** Stepping time the worker spends per request: with the frame's assembly, about one display frame. */
const BUDGET_MS = 14;
/** The budget while an 'auto' run is behind: longer requests, still well under a 50 ms frame on the page. */
const CATCH_UP_BUDGET_MS = 35;
const AUTO_SECONDS = 6;

/** Steps per second for a speed choice (null: as fast as the worker goes). */
export function stepsPerSecond(speed: Speed, totalSteps: number): number | null {
  if (speed === 'max') return null;
  if (speed === 'auto') return Math.max(10, totalSteps / AUTO_SECONDS);
  return Number(speed);
}

export function useSamplerLoop(speed: Speed): void {
  const playing = useSamplerSession((s) => s.mode.kind === 'playing');
  useEffect(() => {
    if (!playing) return;
    const token = { cancelled: false };
    const client = samplerClient();
    const first = useSamplerSession.getState().frame?.state;
    const totalSteps = first?.totalSteps ?? 0;
    const rate = stepsPerSecond(speed, totalSteps);
    const auto = speed === 'auto';
    let inFlight = false;
    let pending: SamplerFrame | null = null;
    // Set speeds earn steps with a quarter second banked at most; 'auto' keeps a schedule (no bank): step
    // fromStep + rate·(t − since) is due at time t.
    const pacer = rate === null ? null : new Pacer(rate, monotonicClock, auto ? null : undefined);
    const since = monotonicClock();
    const fromStep = first?.step ?? 0;
    samplerFrameStats.reset();
    useRunClock.setState({ wanted: rate, since, fromStep, step: fromStep, at: since, totalSteps });

    /** The latest step known here (a frame not yet painted counts). */
    const latestStep = () => (pending ?? useSamplerSession.getState().frame)?.state.step ?? fromStep;
    const dueSteps = () => Math.min(totalSteps, fromStep + (pacer?.earned() ?? 0)) - latestStep();

    const stillPlaying = () => !token.cancelled && useSamplerSession.getState().mode.kind === 'playing';
    const request = (steps: number) => {
      inFlight = true;
      requestsInFlight++;
      client
        .advance(steps, auto ? CATCH_UP_BUDGET_MS : BUDGET_MS)
        .then((reply) => {
          inFlight = false;
          requestsInFlight--;
          if (token.cancelled) return applyFrame(reply.frame);
          pending = pending ? mergeFrames(pending, reply.frame) : reply.frame;
          if (reply.frame.state.done) return;
          if (!stillPlaying()) {
            // Paused before this effect's cleanup ran: show the frame now, and ask for no more.
            applyFrame(pending);
            pending = null;
            return;
          }
          if (pacer === null) request(Number.MAX_SAFE_INTEGER);
          else if (auto) {
            // Behind the promised pace: keep the worker busy instead of waiting for the next paint.
            const due = dueSteps();
            if (due >= 1) request(due);
          }
        })
        .catch((error: Error) => {
          inFlight = false;
          requestsInFlight--;
          useAppStore.getState().addNotice(error.message, 'runtime', 'error');
          setSamplerMode({ kind: 'paused' });
        });
    };

    const stopLoop = startAnimationLoop((frame) => {
      const now = 1000 * frame.now;
      samplerFrameStats.tick(now);
      if (pending) {
        const frame = pending;
        pending = null;
        applyFrame(frame);
        useRunClock.setState({ step: frame.state.step, at: now });
      }
      if (useSamplerSession.getState().mode.kind !== 'playing') return false;
      if (!inFlight) {
        if (pacer === null) request(Number.MAX_SAFE_INTEGER);
        else if (auto) {
          const due = dueSteps();
          if (due >= 1) request(due);
        } else {
          const steps = pacer.takeEarned();
          if (steps >= 1) request(steps);
        }
      }
      return true;
    });
    return () => {
      token.cancelled = true;
      stopLoop();
      if (pending) applyFrame(pending);
      useRunClock.setState({ since: null });
    };
  }, [playing, speed]);
}
