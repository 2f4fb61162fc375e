/**
 * Keeps the sampler worker in step with the page's URL parameters: a new run (playing) whenever the setting
 * changes, debounced while a slider moves; a fresh start when the reader comes to the page (a trained model
 * may have moved on); and everything stopped when the page goes.
 */
import { useEffect, useRef } from 'react';
import { useAppStore, usePageValues } from '../../store/appStore';
import { clearSamplerRun, samplerClient, useSamplerSession } from '../../store/samplerSession';
import type { SamplerConfig, SamplerKind } from '../../worker/samplerProtocol';
import { samplerConfigFrom } from './samplerConfig';
import { cancelTraining, pause, startRun } from './samplerRun';

const CONFIGURE_DEBOUNCE_MS = 150;

/** Readers who asked for less motion get a paused run; play is one key away. */
function autoplay(): boolean {
  return !(typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
}

export function useSampler(kind: SamplerKind): void {
  const values = usePageValues(kind);
  const { config, notices } = samplerConfigFrom(kind, values);
  const key = JSON.stringify(config);
  const noticeKey = notices.join('\n');
  // The first start after mounting is forced for the learned score (the trained model may have moved on since
  // the run on screen was made); cleared only when it has really happened (StrictMode runs effects twice, and
  // the first timer is cancelled).
  const forceNext = useRef(true);

  useEffect(() => {
    samplerClient();
    if (useSamplerSession.getState().config?.kind !== kind) clearSamplerRun();
  }, [kind]);

  useEffect(() => {
    for (const text of noticeKey ? noticeKey.split('\n') : [])
      useAppStore.getState().addNotice(text, 'input', 'warning');
  }, [noticeKey]);

  useEffect(() => {
    const timer = setTimeout(
      () => {
        const config = JSON.parse(key) as SamplerConfig;
        const force = forceNext.current && config.score === 'learned';
        forceNext.current = false;
        void startRun(config, { autoplay: autoplay(), force });
      },
      forceNext.current ? 0 : CONFIGURE_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [key]);

  useEffect(
    () => () => {
      pause();
      cancelTraining();
    },
    [],
  );
}
