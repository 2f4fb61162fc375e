/**
 * The measured `auto` in the real browser (wasm; WebGPU only on the software SwiftShader adapter here): a first
 * visit has one candidate and measures nothing; the re-measure button times the page's network on wasm and on the
 * software adapter (through its fused kernels), states both rates and keeps the faster; a verdict kept in
 * IndexedDB is what a later visit starts from.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { hook, openPage, watchErrors } from './helpers';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

declare global {
  /** Defined in the page by the init script below: one request on the verdict store of the measured auto. */
  function idb<T>(request: (store: IDBObjectStore) => IDBRequest, mode?: IDBTransactionMode): Promise<T>;
}

const backend = (page: Page) => hook<{ name: string; reason: string }>(page, 'backend()');

/** Adds `idb` to every document of the page: IndexedDB as the app's verdictStore.ts lays it out. */
async function withIdb(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (globalThis as unknown as { idb: typeof idb }).idb = (request, mode = 'readonly') =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('score-lab-backend', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('verdicts');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const r = request(open.result.transaction('verdicts', mode).objectStore('verdicts'));
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        };
      });
  });
}

async function openTrain(page: Page): Promise<void> {
  await openPage(page, '#/train?objective=dsm&width=16&depth=1&batch=64&seed=2', 'sigmas');
  await page.waitForFunction(() => (window.scoreLab.backend() as { name: string }).name !== 'none');
}

const RATE = String.raw`[\d,.]+ steps/s`;

test('auto starts wasm at once without a hardware GPU, re-measures on request, and starts a later visit from the kept verdict', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await withIdb(page);
  await openTrain(page);
  // No hardware GPU here: wasm is the only candidate of a first visit, and no time is spent measuring.
  const first = await backend(page);
  expect(first.name).toBe('wasm');
  expect(first.reason).toMatch(
    /^auto: no hardware GPU adapter \(fallback adapter only: .+\); wasm is the only candidate, nothing to measure; wasm /,
  );
  const badge = page.getByTestId('backend-badge');

  // Re-measure: training steps of the page's network are timed on wasm and on the software adapter.
  const button = page.getByTestId('backend-remeasure');
  await button.click();
  await expect(badge).toContainText('WebGPU (software adapter)', { timeout: 60_000 });
  await expect(button).toBeEnabled();
  const measured = await backend(page);
  // Both candidates were timed, the software adapter through the fused kernels (dsm is one they train). Whichever
  // won is named first, with the higher of the two measured rates, and is the backend now in use. measure.ts gives
  // a candidate up when its first step (the fused kernels' compilation included) outlasts 1.5 s, which SwiftShader
  // can on a loaded machine: then the reason says so, wasm (the one with a rate) is in use, and it is not kept.
  const SOFTWARE = String.raw`WebGPU \(software adapter\)`;
  const pair = new RegExp(
    `^auto, measured just now: (wasm|${SOFTWARE}) (${RATE}) vs (wasm|${SOFTWARE}) (${RATE}) on this machine`,
  );
  const match = pair.exec(measured.reason);
  if (match) {
    const [, winner, winnerRate, other, otherRate] = match;
    expect(new Set([winner, other])).toEqual(new Set(['wasm', 'WebGPU (software adapter)']));
    const rate = (text: string) => Number(text.replace(/,/g, '').replace(' steps/s', ''));
    expect(rate(winnerRate)).toBeGreaterThan(rate(otherRate));
    expect(measured.name).toBe(winner === 'wasm' ? 'wasm' : 'webgpu');
    console.log(`re-measured: ${winner} ${winnerRate} vs ${other} ${otherRate}`);
  } else {
    expect(measured.reason).toMatch(
      new RegExp(
        `^auto, measured just now: wasm ${RATE} vs ${SOFTWARE} not measured \\(its first step took over 1\\.5 s\\) on this machine .*; not kept for later visits`,
      ),
    );
    expect(measured.name).toBe('wasm');
    console.log('re-measured: the software adapter was given up during its warm-up step');
  }
  expect(measured.reason).toContain(
    '(training steps of dsm, one hidden layer of 16, batch 64; on WebGPU through the fused kernels)',
  );

  // The run still trains on the chosen backend.
  await page.getByTestId('step').click();
  await expect(page.getByTestId('train-step')).not.toHaveText('0');

  // The re-measurement wrote one key (app version | adapter | workload), holding its verdict, or null when it
  // gave a candidate up. A verdict stored under that key is what a later visit starts from, without measuring.
  const keys = await page.evaluate(() => idb<IDBValidKey[]>((store) => store.getAllKeys()));
  expect(keys).toHaveLength(1);
  const key = String(keys[0]);
  expect(key).toMatch(new RegExp(`^${version.replace(/\./g, '\\.')}\\|.*swiftshader.*\\|training$`, 'i'));
  const verdict = {
    name: 'wasm',
    software: false,
    unit: 'steps/s',
    what: 'training steps of a stored verdict',
    measurements: [
      { name: 'wasm', label: 'wasm', rate: 123 },
      { name: 'webgpu', label: 'WebGPU (software adapter)', rate: 4.5, software: true },
    ],
  };
  await page.evaluate(([k, v]) => idb((store) => store.put(v, k as string), 'readwrite'), [
    key,
    verdict,
  ] as const);
  await page.reload();
  await openTrain(page);
  expect((await backend(page)).reason).toMatch(
    /^auto, as measured earlier in this browser: wasm 123 steps\/s vs WebGPU \(software adapter\) 4\.5 steps\/s on this machine \(training steps of a stored verdict\); wasm with SIMD/,
  );
  expect(errors).toEqual([]);
});

test('a forced backend shows no re-measure control and does not measure', async ({ page }) => {
  await openPage(page, '#/train?backend=cpu&width=16&depth=1', 'sigmas');
  await page.waitForFunction(() => (window.scoreLab.backend() as { name: string }).name === 'cpu');
  expect((await backend(page)).reason).toBe('asked for CPU; CPU (plain JavaScript)');
  await expect(page.getByTestId('backend-remeasure')).toHaveCount(0);
});
