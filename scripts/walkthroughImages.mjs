// Makes the Getting Started walkthrough's pictures (media/walkthrough/*.jpg)
// from the README screenshots that `npm run screenshots` takes in the real
// VS Code: scaled to the walkthrough's width and saved as JPEG, so the VSIX
// stays small. Run after `npm run screenshots`.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const WIDTH = 720;
const pictures = ['completion', 'hover', 'placement', 'profile-completion', 'compare', 'rules'];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const page = await browser.newPage();
  for (const name of pictures) {
    let png;
    try {
      png = readFileSync(`${root}docs/images/${name}.png`);
    } catch {
      console.log(`[walkthrough] docs/images/${name}.png is missing: skipped`);
      continue;
    }
    await page.setContent(`<html><body style="margin:0"><img id="i" style="display:block;width:${WIDTH}px" src="data:image/png;base64,${png.toString('base64')}"></body></html>`);
    await page.locator('#i').screenshot({ path: `${root}media/walkthrough/${name}.jpg`, type: 'jpeg', quality: 72 });
    console.log(`[walkthrough] media/walkthrough/${name}.jpg`);
  }
} finally {
  await browser.close();
}
