/**
 * What the automation hook asks of the page on screen. A page registers a probe while mounted;
 * the hook (src/app/hook.ts) forwards `metrics()` and `run()` to it.
 *
 * A probe belongs to the page that was current when it registered. Between a link to another page and that
 * page's mount (its code loads lazily), the old page's probe is still registered but its page is gone: the
 * store already holds the new page's parameters, which the old probe cannot read. Then there is no probe.
 */
import { useAppStore } from './appStore';

export interface PageProbe {
  metrics(): Record<string, unknown>;
  run(): Promise<Record<string, unknown>>;
}

let current: { probe: PageProbe; page: string } | null = null;

export function registerProbe(probe: PageProbe): () => void {
  current = { probe, page: useAppStore.getState().page };
  return () => {
    if (current?.probe === probe) current = null;
  };
}

export function currentProbe(): PageProbe | null {
  return current && current.page === useAppStore.getState().page ? current.probe : null;
}
