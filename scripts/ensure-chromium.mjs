// Before the end-to-end tests: make sure there is a Chromium to drive. The tests use CHROMIUM_PATH, else
// /usr/bin/chromium (playwright.config.ts); when neither exists (a fresh laptop), Playwright's own Chromium is
// used, and this installs it once if it is missing, so `npm install` and `npm test` are all a reader needs.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const configured = process.env.CHROMIUM_PATH;
if (configured) {
  if (!existsSync(configured)) {
    console.error(`CHROMIUM_PATH is set to ${configured}, which does not exist.`);
    process.exit(1);
  }
} else if (!existsSync('/usr/bin/chromium')) {
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    // no browser registry entry yet
  }
  if (!bundled || !existsSync(bundled)) {
    console.log("No CHROMIUM_PATH and no /usr/bin/chromium: installing Playwright's Chromium (once).");
    execSync('npx playwright install chromium', { stdio: 'inherit' });
  }
}
