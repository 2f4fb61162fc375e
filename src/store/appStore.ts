/**
 * The app's state: the page on screen, its URL parameters (after defaults and clamping) and the notices shown.
 * Parameters are mirrored into the location hash on every change, so a copied link reproduces the view.
 */
import { create } from 'zustand';
import type { Mixture } from '../engine/mixture';
import { quote } from '../engine/textInput';
import { crossRulesFor } from './crossRules';
import { checkNumber, formatQuery, parseQuery } from './params';
import type { ParamValue, ParamValues } from './paramSpec';
import { COMMON_PARAMS, isPageId, schemaFor, type PageId } from './schemas';

export type NoticeSource = 'link' | 'input' | 'runtime';

export interface Notice {
  id: number;
  text: string;
  source: NoticeSource;
  tone: 'info' | 'warning' | 'error';
}

export interface BackendInfo {
  name: string;
  reason: string;
}

interface AppState {
  page: PageId;
  values: ParamValues;
  notices: Notice[];
  backend: BackendInfo;
  /** Reads `#/<page>?<query>`; unknown pages fall back to the start page with a notice. */
  loadLocation(hash: string): void;
  /** Sets one parameter from a control; out-of-range input is clamped with a notice. */
  setParam(name: string, value: ParamValue): void;
  setParams(values: ParamValues): void;
  addNotice(text: string, source?: NoticeSource, tone?: Notice['tone']): void;
  dismissNotice(id: number): void;
  setBackend(info: BackendInfo): void;
}

let nextNoticeId = 1;

export function parseHash(hash: string): { page: string; query: URLSearchParams } {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = (q >= 0 ? body.slice(0, q) : body).replace(/\/+$/, '');
  return { page: path === '' ? 'home' : path, query: new URLSearchParams(q >= 0 ? body.slice(q + 1) : '') };
}

/** The link for a page, carrying the given common parameters (mixture, seed, backend). */
export function hrefFor(page: PageId, values: ParamValues): string {
  const path = page === 'home' ? '#/' : `#/${page}`;
  if (page === 'home') return path;
  const schema = schemaFor(page);
  const carried: ParamValues = {};
  for (const name of COMMON_PARAMS) if (values[name] !== undefined) carried[name] = values[name];
  return `${path}?${formatQuery(schema, { ...defaultsOf(page), ...carried })}`;
}

export function defaultsOf(page: PageId): ParamValues {
  const out: ParamValues = {};
  for (const [name, spec] of Object.entries(schemaFor(page))) out[name] = spec.default;
  return out;
}

function writeHash(page: PageId, values: ParamValues): void {
  if (typeof window === 'undefined' || page === 'home') return;
  const hash = `#/${page}?${formatQuery(schemaFor(page), values)}`;
  if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
}

export const useAppStore = create<AppState>((set, get) => ({
  page: 'home',
  values: defaultsOf('home'),
  notices: [],
  backend: {
    name: 'none',
    reason: 'No tensor backend is loaded on this page: its maths runs in plain TypeScript.',
  },

  loadLocation(hash) {
    const { page: rawPage, query } = parseHash(hash);
    const linkNotices: string[] = [];
    let page: PageId = 'home';
    if (isPageId(rawPage)) page = rawPage;
    else linkNotices.push(`There is no page ${quote(rawPage)}; showing the start page.`);
    const { values, notices } = parseQuery(schemaFor(page), query, crossRulesFor(page));
    linkNotices.push(...notices);
    const kept = get().notices.filter((n) => n.source === 'runtime' && get().page === page);
    set({
      page,
      values,
      notices: [...kept, ...linkNotices.map((text) => makeNotice(text, 'link', 'warning'))],
    });
    writeHash(page, values);
  },

  setParam(name, value) {
    get().setParams({ [name]: value });
  },

  setParams(changes) {
    const { page, values } = get();
    const schema = schemaFor(page);
    const next = { ...values };
    const notices: string[] = [];
    for (const [name, value] of Object.entries(changes)) {
      const spec = schema[name];
      if (!spec) continue;
      if (spec.kind === 'number') {
        const checked = checkNumber(name, spec, value as number);
        next[name] = checked.value;
        if (checked.notice) notices.push(checked.notice);
      } else if (spec.kind === 'enum') {
        if (spec.options.includes(value as string)) next[name] = value;
        else notices.push(`${name}: "${String(value)}" is not an option.`);
      } else {
        next[name] = value as string | Mixture;
      }
    }
    set({ values: next });
    for (const text of notices) get().addNotice(text, 'input', 'warning');
    writeHash(page, next);
  },

  addNotice(text, source = 'runtime', tone = 'info') {
    if (get().notices.some((n) => n.text === text)) return;
    set({ notices: [...get().notices, makeNotice(text, source, tone)] });
  },

  dismissNotice(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },

  setBackend(info) {
    set({ backend: info });
  },
}));

function makeNotice(text: string, source: NoticeSource, tone: Notice['tone']): Notice {
  return { id: nextNoticeId++, text, source, tone };
}

/** Typed read access for components. */
export function useNumberParam(name: string): number {
  return useAppStore((s) => s.values[name] as number);
}
export function useStringParam(name: string): string {
  return useAppStore((s) => s.values[name] as string);
}
export function useMixtureParam(): Mixture {
  return useAppStore((s) => s.values.mix as Mixture);
}
