/**
 * Keeps the learned curves of the W1-against-steps figure in step with the page: after the velocity model (or a
 * VP ε-model) is trained, the sampler worker integrates both ODEs on the learned fields from the same noise as
 * the exact curves (store/learnedSteps.ts); the state goes to the figure and to the hook (flowFiguresStore.ts).
 */
import { useEffect } from 'react';
import type { Mixture } from '../../engine/mixture';
import { usePageValues } from '../../store/appStore';
import { useDiffusionSession } from '../../store/diffusionSession';
import { learnedSteps } from '../../store/learnedSteps';
import { readerMessage } from '../../store/readerMessage';
import { hasModelFor } from './diffusionActions';
import { STEP_COUNTS, STEPS_N } from './flowFiguresModel';
import { useFlowFigures, type LearnedStepsState } from './flowFiguresStore';

/** Waits for a slider to settle before asking the worker. */
const DEBOUNCE_MS = 300;

const setLearned = (learned: LearnedStepsState) => useFlowFigures.setState({ learned });

export function useLearnedSteps(mixture: Mixture, seed: number): LearnedStepsState | null {
  const values = usePageValues('diffusion');
  const training = useDiffusionSession((s) => s.mode.kind === 'training');
  const modelStep = useDiffusionSession((s) => s.model?.step ?? 0);
  const velocityModel = modelStep > 0 && hasModelFor(values);
  const backend = values.backend;
  useEffect(() => {
    if (training) {
      setLearned({ status: 'training', w1VsSteps: null, models: null });
      return;
    }
    let cancelled = false;
    setLearned({ status: 'computing', w1VsSteps: null, models: null });
    const timer = setTimeout(() => {
      const ask = { mixture, seed, n: STEPS_N, stepCounts: STEP_COUNTS, velocityModel, backend };
      learnedSteps(ask).then(
        (answer) => {
          // A null answer was replaced by a newer request, whose answer follows.
          if (!cancelled && answer.curves)
            setLearned({ status: 'done', w1VsSteps: answer.curves, models: answer.models });
        },
        (error: unknown) => {
          if (!cancelled)
            setLearned({ status: 'failed', w1VsSteps: null, models: null, message: readerMessage(error) });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [mixture, seed, training, modelStep, velocityModel, backend]);
  return useFlowFigures((s) => s.learned);
}
