/**
 * The flow-matching figures' numbers for the hook (CONTRACT.md allows more metrics): the read-outs of the path
 * figure and the W1-against-steps curves, as the figures last computed them.
 */
import { create } from 'zustand';
import type { StepsCurve } from './flowFiguresModel';

export interface FlowFigureNumbers {
  straightness: { fm: number; vp: number } | null;
  speedDeviation: { fm: number; vp: number } | null;
  w1VsSteps: StepsCurve[] | null;
}

export const useFlowFigures = create<FlowFigureNumbers>(() => ({
  straightness: null,
  speedDeviation: null,
  w1VsSteps: null,
}));

export function flowFigureMetrics(): FlowFigureNumbers {
  return useFlowFigures.getState();
}
