import { existsSync, readFileSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium when present (no browser downloads work on CI machines), else Playwright's own.
const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// Shared with the benchmark (bench/browser.mjs): software WebGL and WebGPU on a machine without a GPU (BROWSER.md).
export const chromiumFlags: string[] = JSON.parse(
  readFileSync(new URL('./chromium-flags.json', import.meta.url), 'utf8'),
);

// E2E_PORT lets two checkouts run their end-to-end tests side by side.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    // The tests composite in software: measured on the 2-core test machine, 35 end-to-end tests ran in 132 s
    // instead of 155 s with GPU compositing through SwiftShader, and WebGL and WebGPU (SwiftShader) still run.
    // The benchmark keeps chromium-flags.json as it is, so its frame times stay comparable across sessions.
    launchOptions: { executablePath: chromiumPath, args: [...chromiumFlags, '--disable-gpu-compositing'] },
    trace: 'off',
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } } },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
