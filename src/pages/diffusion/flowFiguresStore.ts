/**
 * The flow-matching figures' numbers for the hook (CONTRACT.md allows more metrics): the read-outs of the path
 * figure, the W1-against-steps curves on the exact fields, and the learned fields' curves with their state.
 */
import { create } from 'zustand';
import type { ReflowOutcome } from '../../worker/reflow';
import type { StepsCurve } from './flowFiguresModel';

/**
 * The learned curves: `training` while the velocity model trains, `computing` while the sampler worker
 * integrates, `done` with the curves of the models it held for the mixture (`models` says which), `failed`.
 */
export interface LearnedStepsState {
  status: 'training' | 'computing' | 'done' | 'failed';
  w1VsSteps: StepsCurve[] | null;
  models: { fm: boolean; vp: boolean } | null;
  message?: string;
}

/** One round of reflow on the velocity model (worker/reflow.ts): its progress, then its read-outs. */
export type ReflowState =
  | { status: 'running'; step: number; total: number }
  | { status: 'failed'; message: string }
  | ({ status: 'done' } & ReflowOutcome);

export interface FlowFigureNumbers {
  straightness: { fm: number; vp: number } | null;
  speedDeviation: { fm: number; vp: number } | null;
  w1VsSteps: StepsCurve[] | null;
  learned: LearnedStepsState | null;
  reflow: ReflowState | null;
}

export const useFlowFigures = create<FlowFigureNumbers>(() => ({
  straightness: null,
  speedDeviation: null,
  w1VsSteps: null,
  learned: null,
  reflow: null,
}));

export function flowFigureMetrics(): FlowFigureNumbers {
  return useFlowFigures.getState();
}
