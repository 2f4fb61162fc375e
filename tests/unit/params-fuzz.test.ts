/**
 * The link fuzz suite, parsing layer (issue 14): thousands of seeded links over every page and parameter go
 * through the store's own entry (`loadLocation`), and for each one
 *  - every value the page uses is valid for its parameter (in range, whole where it must be, a known option,
 *    a usable mixture, a canonical init or schedule list);
 *  - every parameter not taken as given (tests/e2e/fuzzLinks.ts, `changedKeys`) is named by a notice;
 *  - no notice is longer than a sentence, however long the value;
 *  - the link the app writes back reads again with the same page and no notice at all.
 * The browser half (tests/e2e/fuzz.spec.ts) checks a sample of these links on real pages.
 */
import { describe, expect, it } from 'vitest';
import { MAX_COMPONENTS } from '../../src/engine/mixture';
import { useAppStore } from '../../src/store/appStore';
import { MAX_COMPONENTS_2D } from '../../src/engine/plane/mixture2';
import { MEAN_LIMIT_2D, RHO_LIMIT, STD_MAX_2D, STD_MIN_2D } from '../../src/store/mixture2Param';
import { MEAN_LIMIT, STD_MAX, STD_MIN } from '../../src/store/mixtureParam';
import { formatQuery } from '../../src/store/params';
import type { ParamSpec } from '../../src/store/paramSpec';
import { schemaFor } from '../../src/store/schemas';
import {
  changedKeys,
  generateLinks,
  ISSUE_LINKS,
  linkFromHash,
  mentions,
  PAGES,
  type FuzzLink,
} from '../e2e/fuzzLinks';

const LINKS = 3000;

function load(hash: string): { page: string; values: Record<string, unknown>; notices: string[] } {
  useAppStore.setState({ notices: [] });
  useAppStore.getState().loadLocation(hash);
  const s = useAppStore.getState();
  return { page: s.page, values: s.values, notices: s.notices.map((n) => n.text) };
}

function invalid(name: string, spec: ParamSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'number': {
      const v = value as number;
      if (!Number.isFinite(v) || v < spec.min || v > spec.max) return `${name} = ${v} outside its range`;
      if (spec.integer && !Number.isInteger(v)) return `${name} = ${v} is not whole`;
      return null;
    }
    case 'enum':
      return spec.options.includes(value as string) ? null : `${name} = ${String(value)} is not an option`;
    case 'mixture': {
      const m = value as { weight: number; mean: number; std: number }[];
      if (m.length < 1 || m.length > MAX_COMPONENTS) return `${name} has ${m.length} components`;
      const total = m.reduce((s, c) => s + c.weight, 0);
      if (Math.abs(total - 1) > 1e-12) return `${name} weights sum to ${total}`;
      for (const c of m) {
        if (!(c.weight >= 0)) return `${name} weight ${c.weight}`;
        if (!(Math.abs(c.mean) <= MEAN_LIMIT)) return `${name} mean ${c.mean}`;
        if (!(c.std >= STD_MIN && c.std <= STD_MAX)) return `${name} std ${c.std}`;
      }
      return null;
    }
    case 'mixture2': {
      const m = value as { weight: number; mx: number; my: number; sx: number; sy: number; rho: number }[];
      if (m.length < 1 || m.length > MAX_COMPONENTS_2D) return `${name} has ${m.length} components`;
      const total = m.reduce((s, c) => s + c.weight, 0);
      if (Math.abs(total - 1) > 1e-12) return `${name} weights sum to ${total}`;
      for (const c of m) {
        if (!(c.weight >= 0)) return `${name} weight ${c.weight}`;
        if (!(Math.abs(c.mx) <= MEAN_LIMIT_2D && Math.abs(c.my) <= MEAN_LIMIT_2D))
          return `${name} mean ${c.mx}, ${c.my}`;
        for (const s of [c.sx, c.sy]) if (!(s >= STD_MIN_2D && s <= STD_MAX_2D)) return `${name} std ${s}`;
        if (!(Math.abs(c.rho) <= RHO_LIMIT)) return `${name} rho ${c.rho}`;
      }
      return null;
    }
    case 'text': {
      // The value's canonical text reads back as the same value, silently.
      const format = spec.format as (v: unknown) => string;
      const text = format(value);
      const again = spec.parse(text, name);
      if (format(again.value) !== text || again.notices.length > 0)
        return `${name} = ${text} is not canonical`;
      return null;
    }
  }
}

describe('link fuzz: the parsing layer', () => {
  const links: FuzzLink[] = [...generateLinks(20261128, LINKS), ...ISSUE_LINKS.map(linkFromHash)];

  it(`covers every page and every parameter (${LINKS} links and the issue's)`, () => {
    const pages = new Set(links.map((l) => l.page));
    for (const p of PAGES) expect(pages.has(p), p).toBe(true);
    for (const p of PAGES) {
      const given = new Set(links.filter((l) => l.page === p).flatMap((l) => Object.keys(l.given)));
      for (const name of Object.keys(schemaFor(p))) expect(given.has(name), `${p}.${name}`).toBe(true);
    }
  });

  it('gives valid values, a notice for every change, short notices, and links that read back cleanly', () => {
    let notices = 0;
    let changes = 0;
    for (const link of links) {
      const { page, values, notices: texts } = load(link.hash);
      expect(page, link.hash.slice(0, 200)).toBe(link.page);
      const schema = schemaFor(link.page);
      for (const [name, spec] of Object.entries(schema)) {
        expect(invalid(name, spec, values[name]), `${link.hash.slice(0, 200)}`).toBeNull();
      }
      for (const name of changedKeys(link, values)) {
        changes++;
        expect(
          mentions(texts, name),
          `${name} changed silently in ${link.hash.slice(0, 300)}: ${texts.join(' | ')}`,
        ).toBe(true);
      }
      for (const text of texts) expect(text.length, text.slice(0, 200)).toBeLessThan(400);
      notices += texts.length;
      if (link.page !== 'home') {
        const written = `#/${link.page}?${formatQuery(schema, values as never)}`;
        const again = load(written);
        expect(again.page).toBe(link.page);
        expect(again.notices, written).toEqual([]);
      }
    }
    // The counts of the closing note: how much the run exercised.
    console.info(`params fuzz: ${links.length} links, ${changes} changed values, ${notices} notices`);
    expect(changes).toBeGreaterThan(LINKS);
  });
});
