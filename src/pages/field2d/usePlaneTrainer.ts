/**
 * Keeps the plane worker in step with the field page: starts the chosen backend, and when the run's definition
 * (config or mixture) changes, debounced while a slider or a handle moves, configures it. The worker keeps the
 * weights when the network's shape and seed stay (planeService.ts planeKeepsWeights) and starts at step 0
 * otherwise; either way the page says what happened (PlaneRunNotice). A change of σ alone, under ncsn, only moves
 * where the learned field is drawn. Leaving the page pauses training; the published model stays.
 */
import { useEffect, useRef } from 'react';
import type { Mixture2 } from '../../engine/plane/mixture2';
import type { PlaneTrainConfig } from '../../engine/plane/trainConfig2';
import { useAppStore } from '../../store/appStore';
import { planeClient, usePlaneSession } from '../../store/planeSession';
import type { PageValues } from '../../store/schemas';
import type { PlaneView } from '../../worker/planeProtocol';
import { describePlaneChange } from './planeRun';

const CONFIGURE_DEBOUNCE_MS = 200;

function reportError(error: Error): void {
  useAppStore.getState().addNotice(error.message, 'runtime', 'error');
}

/** What the worker was last configured with (the worker outlives the page: coming back changes nothing). */
let sentRun = '';
let sentMixture = '';

export function usePlaneTrainer(
  backend: PageValues<'field2d'>['backend'],
  config: PlaneTrainConfig,
  mixture: Mixture2,
  view: PlaneView,
): void {
  const backendReady = useRef<Promise<unknown> | null>(null);
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  });

  useEffect(() => {
    backendReady.current = planeClient()
      .init(backend)
      .catch((error: Error) => {
        usePlaneSession.setState({ mode: 'failed' });
        reportError(error);
      });
  }, [backend]);

  const runKey = JSON.stringify({ config, mixture });
  useEffect(() => {
    const timer = setTimeout(() => {
      void (async () => {
        await backendReady.current;
        if (sentRun === runKey) return;
        sentRun = runKey;
        const next = JSON.parse(runKey) as { config: PlaneTrainConfig; mixture: Mixture2 };
        const { config: old, step } = usePlaneSession.getState();
        const mixtureChanged = sentMixture !== '' && sentMixture !== JSON.stringify(next.mixture);
        sentMixture = JSON.stringify(next.mixture);
        // The Fisher divergences of another config (or mixture) are another quantity: the curve starts again.
        usePlaneSession.setState({ config: next.config, fisherHistory: [] });
        const reply = await planeClient().configure(next.config, next.mixture, viewRef.current);
        if (old && step > 0)
          usePlaneSession.setState({
            change: {
              kind: reply.kept ? 'kept' : 'reset',
              step: reply.previousStep ?? step,
              what: describePlaneChange(old, next.config, mixtureChanged),
            },
          });
      })().catch(reportError);
    }, CONFIGURE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [runKey]);

  // σ or the box moved without changing the run: only the learned field is drawn anew.
  const viewKey = JSON.stringify(view);
  useEffect(() => {
    if (usePlaneSession.getState().mode === 'starting') return;
    planeClient()
      .view(JSON.parse(viewKey) as PlaneView)
      .catch(() => undefined);
  }, [viewKey]);

  useEffect(
    () => () => {
      void planeClient()
        .pause()
        .catch(() => undefined);
    },
    [],
  );
}
