/**
 * Seeded random links for the fuzz suites (tests/unit/params-fuzz.test.ts, tests/e2e/fuzz.spec.ts), and an oracle
 * that says which parameters a page did not take as given.
 *
 * Every page and every parameter name comes from the URL table (src/store/schemas.ts, CONTRACT.md §1). Values are
 * drawn from good ones (in range), clamped ones (out of range, fractional counts), malformed ones (hexadecimal,
 * empty, words), extreme ones (1e308, 1e400, a 100,000-character string) and markup meant to run if echoed as HTML.
 * Some links repeat a key, name a parameter no page has, or name no page at all.
 *
 * The oracle reads a given value with plain `Number()` — deliberately not the app's own parser — so any value the
 * app shows differently from what `Number()` reads (0x10 is 16 there, the default here) must come with a notice.
 */
import { createRng, type Rng } from '../../src/engine/rng';
import type { Component2 } from '../../src/engine/plane/mixture2';
import type { EnumSpec, NumberSpec, ParamSpec, TextSpec } from '../../src/store/paramSpec';
import { pageSchemas, schemaFor, type PageId } from '../../src/store/schemas';

/** Values that would create elements or run script if a page ever put them into HTML. */
export const MARKUP = [
  '<img src=x onerror="window.__fuzzInjected=1">',
  '"><b id="fuzz-injected">x</b>',
  '<svg onload="window.__fuzzInjected=1"></svg>',
  "');window.__fuzzInjected=1;('",
];

const GIANT = 'A'.repeat(100_000);

const HOSTILE_NUMBERS = [
  '0x10',
  '0b101',
  '0o7',
  '1e308',
  '-1e308',
  '1e400',
  'NaN',
  'Infinity',
  '-Infinity',
  '',
  ' ',
  '1,5',
  '1_000',
  '5e',
  '.',
  '+5',
  '-0',
  '１２',
  'abc',
];

/** Parameters whose large values cost the browser seconds: the end-to-end sample keeps them moderate. */
const LIGHT_CAPS: Record<string, number> = {
  n: 5000,
  steps: 500,
  T: 1000,
  width: 64,
  batch: 1024,
  data: 20_000,
  train: 2000,
  corrector: 3,
  levels: 30,
};

export interface FuzzLink {
  /** What the link names as its page (perhaps no page). */
  route: string;
  /** The page the app should show. */
  page: PageId;
  hash: string;
  /** The first value given for each parameter of the page's table, as the URL decodes it. */
  given: Record<string, string>;
  /** Keys given more than once. */
  repeated: string[];
}

export interface FuzzOptions {
  /** Keep costly parameters moderate and stay on the backends a machine without a GPU runs fast. */
  light?: boolean;
  /** Include 100,000-character values (default true). */
  giant?: boolean;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng.uniform() * items.length)];

function numberValue(rng: Rng, name: string, spec: NumberSpec, options: FuzzOptions): string {
  const cap = options.light ? LIGHT_CAPS[name] : undefined;
  const hi = cap !== undefined ? Math.min(spec.max, cap) : spec.max;
  const u = rng.uniform();
  const inRange = (): number => {
    const t = rng.uniform();
    const v = spec.log && spec.min > 0 ? spec.min * (hi / spec.min) ** t : spec.min + t * (hi - spec.min);
    return spec.integer ? Math.round(v) : Number(v.toPrecision(3));
  };
  if (u < 0.4) return String(inRange());
  if (u < 0.5) return String(spec.min - (spec.min > 0 ? spec.min / 2 : 1));
  if (u < 0.6 && cap === undefined) return String(spec.max * 10 + 1);
  if (u < 0.65 && spec.integer) return String(inRange() + 0.5);
  if (u < 0.9) return pick(rng, HOSTILE_NUMBERS);
  if (u < 0.97 || options.giant === false) return pick(rng, MARKUP);
  return GIANT;
}

function enumValue(rng: Rng, name: string, options: readonly string[], fuzz: FuzzOptions): string {
  const allowed =
    fuzz.light && name === 'backend' ? options.filter((o) => ['auto', 'wasm', 'cpu'].includes(o)) : options;
  const u = rng.uniform();
  if (u < 0.6) return pick(rng, allowed);
  if (u < 0.7) return pick(rng, allowed).toUpperCase();
  if (u < 0.78) return '';
  if (u < 0.83 && !(fuzz.light && name === 'backend')) return `${pick(rng, allowed)} `;
  if (u < 0.97 || fuzz.giant === false) return pick(rng, MARKUP);
  return GIANT;
}

function mixtureValue(rng: Rng, options: FuzzOptions): string {
  const u = rng.uniform();
  if (u < 0.4) {
    const k = 1 + Math.floor(rng.uniform() * 3);
    return Array.from({ length: k }, () =>
      [rng.uniform() * 2, rng.uniform() * 16 - 8, 0.05 + rng.uniform() * 2]
        .map((v) => v.toPrecision(3))
        .join(':'),
    ).join(',');
  }
  if (u < 0.9)
    return pick(rng, [
      '1e308:0:1,1e308:1:1',
      '1e308:-2:0.5,1:2:0.3',
      '1:0:0',
      '1:0:-1,1:2:1',
      '-1:0:1,1:2:1',
      '0:0:1,0:1:1',
      '1:50:1',
      '1:0:99',
      '1:0:1e-9',
      '0x1:0:1',
      'abc',
      '1:2',
      '1:2:3:4',
      '1::1',
      Array.from({ length: 8 }, (_, i) => `1:${i}:1`).join(','),
      '1e-320:0:1,1:1:1',
      '',
    ]);
  if (u < 0.97 || options.giant === false) return pick(rng, MARKUP);
  return GIANT;
}

function initValue(rng: Rng, options: FuzzOptions): string {
  const u = rng.uniform();
  if (u < 0.3) {
    const a = Number((rng.uniform() * 10 - 8).toPrecision(4));
    return pick(rng, [`uniform:${a}:${a + 3}`, `normal:${a}:1.5`, `point:${a}`]);
  }
  if (u < 0.9)
    return pick(rng, [
      'uniform:-100:100',
      'point:1e308',
      'normal:1e308:1e308',
      'normal:0:-1',
      'uniform:5:1',
      'uniform:60:70',
      'point:0x10',
      'POINT:1',
      'point:',
      'banana',
      'uniform:-3.14159:2.71828',
      'normal:0:1e-300',
    ]);
  if (u < 0.97 || options.giant === false) return pick(rng, MARKUP);
  return GIANT;
}

function schedulesValue(rng: Rng, options: FuzzOptions): string {
  const names = ['linear', 'cosine', 'linvar', 'sigmoid', 'tanh', 'softsign', 'geometric', 'karras'];
  const u = rng.uniform();
  if (u < 0.5) return names.filter(() => rng.uniform() < 0.4).join(',') || 'cosine';
  if (u < 0.9)
    return pick(rng, ['linear,banana', 'banana', 'Linear, COSINE', 'karras,,karras', '', 'linear,<b>x</b>']);
  if (u < 0.97 || options.giant === false) return pick(rng, MARKUP);
  return `linear,${GIANT}`;
}

/** `mix2`: usable lists of weight:mx:my:sx:sy:rho, and text that breaks each of its rules. */
function mixture2Value(rng: Rng, options: FuzzOptions): string {
  const u = rng.uniform();
  if (u < 0.4) {
    const k = 1 + Math.floor(rng.uniform() * 4);
    return Array.from({ length: k }, () =>
      [
        rng.uniform() * 2,
        rng.uniform() * 16 - 8,
        rng.uniform() * 16 - 8,
        0.05 + rng.uniform() * 2,
        0.05 + rng.uniform() * 2,
        rng.uniform() * 1.8 - 0.9,
      ]
        .map((v) => v.toPrecision(3))
        .join(':'),
    ).join(',');
  }
  if (u < 0.9 || options.giant === false)
    return pick(rng, [
      '1:0:0:0:1:0',
      '1:0:0:1:1:1',
      '1:0:0:1:1:-3',
      '-1:0:0:1:1:0,1:2:2:1:1:0',
      '0:0:0:1:1:0,0:1:1:1:1:0',
      '1:50:-50:1:1:0',
      '1:0:0:99:1e-9:0',
      '1:2:3',
      '1:0:0:1:1:0:0',
      'abc',
      Array.from({ length: 10 }, (_, k) => `1:${k - 5}:0:0.5:0.5:0`).join(','),
      ...MARKUP,
    ]);
  return `1:0:0:1:1:0,${GIANT}`;
}

function valueFor(rng: Rng, name: string, spec: ParamSpec, options: FuzzOptions): string {
  switch (spec.kind) {
    case 'number':
      return numberValue(rng, name, spec, options);
    case 'enum':
      return enumValue(rng, name, spec.words, options);
    case 'mixture':
      return mixtureValue(rng, options);
    case 'mixture2':
      return mixture2Value(rng, options);
    case 'text':
      return name === 'init' ? initValue(rng, options) : schedulesValue(rng, options);
  }
}

export const PAGES = Object.keys(pageSchemas).filter((p) => p !== 'home') as PageId[];

/**
 * `count` links from `seed`. Pages are taken in turn (every page gets its share), then each of the page's
 * parameters is given with probability ½; a few links repeat a key, add an unknown key or name no page.
 */
export function generateLinks(seed: number, count: number, options: FuzzOptions = {}): FuzzLink[] {
  const rng = createRng(seed);
  const routes: string[] = [...PAGES, 'home'];
  const links: FuzzLink[] = [];
  for (let i = 0; i < count; i++) {
    let route = routes[i % routes.length];
    if (rng.uniform() < 0.03) route = pick(rng, ['nosuch', 'Score', MARKUP[1]]);
    const page: PageId = route in pageSchemas && route !== 'home' ? (route as PageId) : 'home';
    const schema = schemaFor(page);
    const parts: [string, string][] = [];
    for (const [name, spec] of Object.entries(schema)) {
      if (rng.uniform() < 0.5) parts.push([name, valueFor(rng, name, spec, options)]);
    }
    if (parts.length > 0 && rng.uniform() < 0.1) {
      const [name] = pick(rng, parts);
      parts.push([name, valueFor(rng, name, schema[name], options)]);
    }
    if (rng.uniform() < 0.1) parts.push(['zzz', pick(rng, MARKUP)]);
    const query = parts.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const path = route === 'home' ? '' : encodeURIComponent(route);
    links.push(linkFromHash(`#/${path}${query ? `?${query}` : ''}`));
  }
  return links;
}

/** A link from its hash: the page it names and what it gives, as the URL decodes them. */
export function linkFromHash(hash: string): FuzzLink {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const route = decodeURIComponent(q >= 0 ? body.slice(0, q) : body) || 'home';
  const page: PageId = route in pageSchemas && route !== 'home' ? (route as PageId) : 'home';
  const decoded = new URLSearchParams(q >= 0 ? body.slice(q + 1) : '');
  const given: Record<string, string> = {};
  const repeated: string[] = [];
  for (const name of Object.keys(schemaFor(page))) {
    const all = decoded.getAll(name);
    if (all.length > 0) given[name] = all[0];
    if (all.length > 1) repeated.push(name);
  }
  return { route, page, hash, given, repeated };
}

/** The links issue 14 reported, kept in every fuzz run. */
export const ISSUE_LINKS: readonly string[] = [
  ...['score', 'perturb', 'dsm', 'train', 'langevin', 'annealed', 'diffusion'].map(
    (p) => `#/${p}?mix=1e308:0:1,1e308:1:1`,
  ),
  '#/langevin?init=uniform:-100:100',
  '#/langevin?init=point:1e308',
  '#/annealed?init=normal:1e308:1e308',
  '#/train?level=29&levels=3',
  '#/diffusion?T=2&steps=5000',
  `#/score?Z=${GIANT}`,
  '#/score?seed=1.5',
  '#/score?Z=0x10',
  '#/perturb?sigma=0b101',
  '#/dsm?sigma=%2B5',
  '#/perturb?sigma=0.3&sigma=2',
  '#/train?smin=2&smax=0.5',
  '#/annealed?smin=2&smax=0.5',
];

// ---------------------------------------------------------------------------------------------------------------
// The oracle

type Component = { weight: number; mean: number; std: number };

const close = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

/** A mixture as given: Number() on every field, weights normalised (the documented meaning of `mix`). */
function givenMixture(raw: string): Component[] | null {
  const parts = raw.split(',').filter((p) => p.trim() !== '');
  const comps: Component[] = [];
  for (const part of parts) {
    const f = part.split(':').map((x) => Number(x));
    if (f.length !== 3 || f.some((x) => !Number.isFinite(x))) return null;
    comps.push({ weight: f[0], mean: f[1], std: f[2] });
  }
  if (comps.length === 0) return null;
  const largest = Math.max(...comps.map((c) => c.weight));
  if (!(largest > 0)) return null;
  const scaled = comps.map((c) => c.weight / largest);
  const total = scaled.reduce((s, w) => s + w, 0);
  return comps.map((c, k) => ({ ...c, weight: scaled[k] / total }));
}

function sameMixture(a: Component[], b: unknown): boolean {
  if (!Array.isArray(b) || a.length !== b.length) return false;
  return a.every((c, k) => {
    const d = b[k] as Component;
    return close(c.weight, d.weight) && close(c.mean, d.mean) && close(c.std, d.std);
  });
}

/** `mix2` read as a person would: six numbers per component, weights normalised, nothing clamped or dropped. */
function givenMixture2(raw: string): Component2[] | null {
  const parts = raw.split(',').filter((p) => p.trim() !== '');
  const comps: Component2[] = [];
  for (const part of parts) {
    const f = part.split(':').map((x) => Number(x));
    if (f.length !== 6 || f.some((x) => !Number.isFinite(x))) return null;
    comps.push({ weight: f[0], mx: f[1], my: f[2], sx: f[3], sy: f[4], rho: f[5] });
  }
  const total = comps.reduce((sum, c) => sum + c.weight, 0);
  if (comps.length === 0 || !(total > 0) || !Number.isFinite(total)) return null;
  return comps.map((c) => ({ ...c, weight: c.weight / total }));
}

function sameMixture2(a: Component2[] | null, b: unknown): boolean {
  if (a === null || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((c, k) => {
    const d = b[k] as Component2;
    return (['weight', 'mx', 'my', 'sx', 'sy', 'rho'] as const).every((key) => close(c[key], d[key]));
  });
}

function initNumbers(text: string): { kind: string; values: number[] } | null {
  const m = /^(uniform|normal|point)((?::[^:]*)*)$/i.exec(text.trim());
  if (!m) return null;
  return {
    kind: m[1].toLowerCase(),
    values: m[2]
      .split(':')
      .slice(1)
      .map((x) => Number(x)),
  };
}

function scheduleSet(text: string): string {
  const names = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  return [...new Set(names)].sort().join(',');
}

/**
 * The link text of a value: the unit suite reads the store's typed values (`score` = 'exact', `init` an object),
 * the browser suite the hook's, which are already in the link's words (`score=true`, `init=uniform:a:b`).
 */
function linkText(spec: EnumSpec | TextSpec<unknown>, value: unknown): string {
  if (spec.kind === 'enum')
    return (spec.options as readonly unknown[]).includes(value)
      ? spec.format(value as string)
      : String(value);
  return typeof value === 'string' ? value : spec.format(value);
}

/** Whether the page's value is the given raw text, read as a person would (see the file comment). */
function takenAsGiven(name: string, spec: ParamSpec, raw: string, value: unknown): boolean {
  switch (spec.kind) {
    case 'number':
      return Number(raw) === value;
    case 'enum':
      return raw === linkText(spec, value);
    case 'mixture': {
      const given = givenMixture(raw);
      return given !== null && sameMixture(given, value);
    }
    case 'mixture2':
      return sameMixture2(givenMixture2(raw), value);
    case 'text': {
      const text = linkText(spec, value);
      if (name !== 'init') return scheduleSet(raw) === scheduleSet(text);
      const a = initNumbers(raw);
      const b = initNumbers(text);
      return (
        a !== null &&
        b !== null &&
        a.kind === b.kind &&
        a.values.length === b.values.length &&
        a.values.every((v, i) => v === b.values[i])
      );
    }
  }
}

function isDefault(spec: ParamSpec, value: unknown): boolean {
  if (spec.kind === 'mixture') return sameMixture([...spec.default], value);
  if (spec.kind === 'mixture2') return sameMixture2([...spec.default], value);
  if (spec.kind === 'number') return spec.default === value;
  return linkText(spec, value) === linkText(spec, spec.default);
}

/** The parameters whose value on the page is not what the link gave (or, when not given, not the default). */
/**
 * Defaults that follow other values: the train page's shown level defaults to its smallest σ, level L − 1 (0 for
 * the single-level objectives), which the link need not name.
 */
function derivedDefault(page: string, name: string, params: Record<string, unknown>): unknown {
  if (page === 'train' && name === 'level')
    return params.objective === 'ncsn' ? Number(params.levels) - 1 : 0;
  return undefined;
}

export function changedKeys(link: FuzzLink, params: Record<string, unknown>): string[] {
  const changed: string[] = [];
  for (const [name, spec] of Object.entries(schemaFor(link.page))) {
    const raw = link.given[name];
    const same =
      raw === undefined
        ? isDefault(spec, params[name]) || derivedDefault(link.page, name, params) === params[name]
        : takenAsGiven(name, spec, raw, params[name]);
    if (!same || link.repeated.includes(name)) changed.push(name);
  }
  return changed;
}

/** Whether some notice names the parameter (as a whole word: "n" in "n: …", not in "notice"). */
export function mentions(notices: readonly string[], name: string): boolean {
  const word = new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`);
  return notices.some((n) => word.test(n));
}

/** Every number in a JSON value is finite; null is allowed (the hook's "not measured yet"). */
export function allFinite(value: unknown, path = 'metrics'): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} = ${value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = allFinite(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = allFinite(v, `${path}.${k}`);
      if (bad) return bad;
    }
  }
  return null;
}
