// Renders resources/icon.svg to the 128x128 PNG the Marketplace and Open VSX
// show (resources/icon.png), with the Chromium the e2e harness installs.
// Run after changing the SVG: `node scripts/renderIcon.mjs`.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const svg = readFileSync(`${root}resources/icon.svg`, 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: `${root}resources/icon.png`, omitBackground: true });
} finally {
  await browser.close();
}
