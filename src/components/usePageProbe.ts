import { useEffect } from 'react';
import { registerProbe, type PageProbe } from '../store/probe';

/**
 * Registers the page's metrics/run for the automation hook while the page is mounted. The probe's functions
 * should read current state through `useAppStore.getState()` so they never go stale.
 */
export function usePageProbe(probe: PageProbe): void {
  useEffect(() => registerProbe(probe), [probe]);
}
