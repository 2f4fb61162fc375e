/**
 * `window.scoreLab`, the automation hook of CONTRACT.md §2. Present in every build; returns plain JSON data.
 */
import { version } from '../../package.json';
import { useAppStore } from '../store/appStore';
import { currentProbe } from '../store/probe';
import type { ParamSpec, ParamValue } from '../store/paramSpec';
import { isPageId, schemaFor } from '../store/schemas';

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

/**
 * A parameter as CONTRACT.md §1 names it: words and texts as in the link (`score` is `true` | `learned`, `init`
 * is `uniform:a:b`…), numbers as numbers, mixtures as arrays of their components.
 */
function plain(spec: ParamSpec | undefined, value: ParamValue): unknown {
  if (spec?.kind === 'enum' || spec?.kind === 'text') return (spec.format as (v: unknown) => string)(value);
  return Array.isArray(value) ? value.map((c) => ({ ...c })) : value;
}

function currentParams(): Record<string, unknown> {
  const { page, values } = useAppStore.getState();
  const schema: Partial<Record<string, ParamSpec>> = isPageId(page) ? schemaFor(page) : {};
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, plain(schema[k], v)]));
}

export function installHook(): void {
  const hook: ScoreLabHook = {
    version,
    page: () => useAppStore.getState().page,
    params: currentParams,
    notices: () => useAppStore.getState().notices.map((n) => n.text),
    backend: () => ({ ...useAppStore.getState().backend }),
    metrics: () => currentProbe()?.metrics() ?? {},
    run: () => currentProbe()?.run() ?? Promise.resolve({}),
  };
  window.scoreLab = hook;
}
