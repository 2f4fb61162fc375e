/**
 * What the automation hook asks of the page on screen. A page registers a probe while mounted;
 * the hook (src/app/hook.ts) forwards `metrics()` and `run()` to it.
 */
export interface PageProbe {
  metrics(): Record<string, unknown>;
  run(): Promise<Record<string, unknown>>;
}

let current: PageProbe | null = null;

export function registerProbe(probe: PageProbe): () => void {
  current = probe;
  return () => {
    if (current === probe) current = null;
  };
}

export function currentProbe(): PageProbe | null {
  return current;
}
