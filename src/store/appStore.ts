/**
 * The app's state: the page on screen, its URL parameters (after defaults and clamping) and the notices shown.
 * Parameters are mirrored into the location hash on every change, so a copied link reproduces the view.
 */
import { create } from 'zustand';
import { quote } from '../engine/textInput';
import { crossRulesFor } from './crossRules';
import { formatQuery, parseQuery } from './params';
import type { ParamValue, ParamValues } from './paramSpec';
import {
  COMMON_PARAMS,
  isPageId,
  pageSchemas,
  schemaFor,
  type CommonValues,
  type PageId,
  type PageValues,
  type ParamChanges,
  type ParamName,
  type ParamValueOf,
} from './schemas';

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
  /** The current page's values, parsed by its schema; read them typed with `usePageValues(page)`. */
  values: ParamValues;
  notices: Notice[];
  backend: BackendInfo;
  /** Reads `#/<page>?<query>`; unknown pages fall back to the start page with a notice. */
  loadLocation(hash: string): void;
  /** Sets one parameter from a control; out-of-range input is clamped with a notice. */
  setParam<K extends ParamName>(name: K, value: ParamValueOf<K>): void;
  /** Names the current page does not have are ignored. */
  setParams(values: ParamChanges): void;
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
export function hrefFor(page: PageId, values: Partial<CommonValues>): string {
  const path = page === 'home' ? '#/' : `#/${page}`;
  if (page === 'home') return path;
  const schema = schemaFor(page);
  const carried: ParamValues = {};
  for (const name of COMMON_PARAMS) {
    const value = (values as ParamValues)[name];
    if (value !== undefined) carried[name] = value;
  }
  return `${path}?${formatQuery(schema, { ...defaultsOf(page), ...carried })}`;
}

export function defaultsOf(page: PageId): ParamValues {
  const out: ParamValues = {};
  for (const [name, spec] of Object.entries(schemaFor(page))) out[name] = spec.default;
  return out;
}

/** Each page's defaults, built once: what a page's typed view shows while another page's values are loaded. */
const DEFAULTS = Object.fromEntries(Object.keys(pageSchemas).map((p) => [p, defaultsOf(p as PageId)])) as {
  [P in PageId]: ParamValues;
};

/** A page's defaults, typed by its schema. */
export function defaultValues<P extends PageId>(page: P): PageValues<P> {
  // Sound: built from schemaFor(page)'s own defaults.
  return DEFAULTS[page] as PageValues<P>;
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
      if (!spec || value === undefined) continue;
      // `check` takes its spec's own value type; a name has one value type on every page (ParamValueOf).
      const checked = (spec.check as (v: unknown, n: string) => { value?: ParamValue; notices: string[] })(
        value,
        name,
      );
      if (checked.value !== undefined) next[name] = checked.value;
      notices.push(...checked.notices);
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

/**
 * The values of `page`, typed by its schema. The store holds the values its schema parsed only while `page` is on
 * screen; in the moment another page's values are loaded (a component of the old page may still read), the
 * page's defaults are shown instead, so a typed field never holds another page's value.
 */
export function valuesOf<P extends PageId>(state: Pick<AppState, 'page' | 'values'>, page: P): PageValues<P> {
  // Sound: `values` came from parseQuery(schemaFor(state.page)) or setParams checked against that schema.
  return (state.page === page ? state.values : DEFAULTS[page]) as PageValues<P>;
}

/** One parameter by a name known only as text (generic controls): `undefined` when the page has none. */
export function rawParam(
  state: Pick<AppState, 'page' | 'values'>,
  page: PageId,
  name: string,
): ParamValue | undefined {
  const values: ParamValues = state.page === page ? state.values : DEFAULTS[page];
  return values[name];
}

/** The current values of `page` (a React hook: the component re-renders when any of them changes). */
export function usePageValues<P extends PageId>(page: P): PageValues<P> {
  return useAppStore((s) => valuesOf(s, page));
}

/** One parameter of `page` (re-renders only when it changes). */
export function useParam<P extends PageId, K extends keyof PageValues<P>>(
  page: P,
  name: K,
): PageValues<P>[K] {
  return useAppStore((s) => valuesOf(s, page)[name]);
}

/** The values of `page` now, outside React (event handlers, probes). */
export function pageValues<P extends PageId>(page: P): PageValues<P> {
  return valuesOf(useAppStore.getState(), page);
}

/** A parameter every page has (the mixture, the seed, the backend). */
export function useCommonParam<K extends keyof CommonValues>(name: K): CommonValues[K] {
  return useAppStore((s) => valuesOf(s, s.page)[name]);
}

/** The parameters every page has, now (outside React). */
export function commonValues(): CommonValues {
  const state = useAppStore.getState();
  return valuesOf(state, state.page);
}
