/**
 * `window.scoreLab`, the automation hook of CONTRACT.md §2. Present in every build; returns plain JSON data.
 */
import { version } from '../../package.json';
import { useAppStore } from '../store/appStore';
import { currentProbe } from '../store/probe';
import type { ParamValue } from '../store/paramSpec';

export interface ScoreLabHook {
  version: string;
  page(): string;
  params(): Record<string, unknown>;
  notices(): string[];
  backend(): { name: string; reason: string };
  metrics(): Record<string, unknown>;
  run(): Promise<Record<string, unknown>>;
}

declare global {
  interface Window {
    scoreLab: ScoreLabHook;
  }
}

/** Mixtures become arrays of {weight, mean, std}; everything else is already plain. */
function plain(value: ParamValue): unknown {
  return Array.isArray(value) ? value.map((c) => ({ ...c })) : value;
}

export function installHook(): void {
  const hook: ScoreLabHook = {
    version,
    page: () => useAppStore.getState().page,
    params: () =>
      Object.fromEntries(Object.entries(useAppStore.getState().values).map(([k, v]) => [k, plain(v)])),
    notices: () => useAppStore.getState().notices.map((n) => n.text),
    backend: () => ({ ...useAppStore.getState().backend }),
    metrics: () => currentProbe()?.metrics() ?? {},
    run: () => currentProbe()?.run() ?? Promise.resolve({}),
  };
  window.scoreLab = hook;
}
