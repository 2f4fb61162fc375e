// Shared plumbing for the benchmark: build, serve the production build, and drive headless Chromium.
import { spawn, execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

// The same Chromium flags as the end-to-end tests (BROWSER.md): software WebGL and WebGPU on a machine without a GPU.
export const FLAGS = JSON.parse(readFileSync(new URL('../chromium-flags.json', import.meta.url), 'utf8'));

export function build() {
  execSync('npx vite build', { stdio: 'inherit' });
}

/** Starts `vite preview` on the port and resolves once it answers; returns a stop function. */
export async function servePreview(port) {
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => stopGroup(server.pid) };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stopGroup(server.pid);
  throw new Error(`the preview server did not start on port ${port}`);
}

function stopGroup(pid) {
  try {
    process.kill(-pid);
  } catch {
    // already gone
  }
}

export async function launch() {
  const executablePath =
    process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({ executablePath, args: FLAGS });
}

/** Opens a route in a fresh page and waits for the tensor backend to report itself. */
export async function openTrain(browser, url, query) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  await page.goto(`${url}#/train?${query}`);
  await page.waitForFunction(
    () => window.scoreLab?.backend().name !== 'none' && window.scoreLab.metrics().mode === 'idle',
    null,
    {
      timeout: 120_000,
    },
  );
  return page;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * A page on the preview server's origin (WebGPU needs a secure context) that runs one test-only TypeScript entry,
 * bundled here with rolldown and served through page.route; resolves once the entry has set document.title to
 * `ready`. The entry is never part of the app's build.
 */
export async function openProbe(browser, url, entry, ready) {
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({ input: entry, platform: 'browser', logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'esm', codeSplitting: false });
  await bundle.close();
  if (output.length !== 1) throw new Error(`expected one bundled file, got ${output.length}`);
  const code = output[0].code;
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  await page.route('**/__probe/**', (route) =>
    route.request().url().endsWith('.js')
      ? route.fulfill({ contentType: 'text/javascript', body: code })
      : route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><script type="module" src="probe.js"></script>',
        }),
  );
  await page.goto(`${url}__probe/index.html`);
  await page.waitForFunction((title) => document.title === title, ready, { timeout: 60_000 });
  return page;
}
