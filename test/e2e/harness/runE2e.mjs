// Runs the extension-host test suite (test/e2e/suite) inside a real VS Code:
// code-server, driven by Debian's Chromium through playwright-core. The suite
// is the same module @vscode/test-electron runs (test/e2e/runTests.mjs) on
// machines that can download desktop VS Code.
//
// The suite writes its results to a file this harness reads; it asks for
// screenshots by writing request files, which the harness answers from the
// browser. Fails with a clear message on a time-out and stops every process it
// started.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { startCodeServer, waitGroupGone } from './codeServer.mjs';
import { chromiumPath, install } from './install.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TIMEOUT_MS = Number(process.env.DST_E2E_TIMEOUT_MS ?? 300_000);

/** Bundles the suite for the extension host (vscode and mocha stay external). */
export async function buildSuite(outDir) {
  await esbuild.build({
    entryPoints: [join(root, 'test/e2e/suite/index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
    nodePaths: [join(root, 'node_modules')],
  });
}

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Builds the VSIX and checks what it holds: bundles and manifest, no sources, tests or dependencies, under 1 MB. */
function packageVsix() {
  execFileSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
  const vsix = join(root, 'daemonset-tools.vsix');
  const size = statSync(vsix).size;
  const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const problems = [];
  if (size >= 1024 * 1024) problems.push(`the VSIX is ${size} bytes, over 1 MB`);
  for (const entry of listing) {
    if (/\.ts$|\.map$|node_modules\/|^extension\/(test|server|client|scripts|bench)\//.test(entry)) problems.push(`the VSIX holds ${entry}`);
  }
  for (const wanted of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/cli.js', 'extension/readme.md']) {
    if (!listing.includes(wanted)) problems.push(`the VSIX lacks ${wanted}`);
  }
  if (problems.length) throw new Error(`VSIX check failed:\n  ${problems.join('\n  ')}`);
  console.log(`[e2e] VSIX ${(size / 1024).toFixed(0)} KB, ${listing.length} files: ${listing.join(', ')}`);
  return vsix;
}

async function main() {
  install();
  // --vsix: run the suite against the packaged extension installed into VS Code.
  const vsix = process.argv.includes('--vsix') ? packageVsix() : undefined;
  if (!existsSync(join(root, 'dist/server.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'dst-e2e-'));
  const suiteDir = join(root, '.cache', 'e2e-suite');
  rmSync(suiteDir, { recursive: true, force: true });
  await buildSuite(suiteDir);
  // The suite edits documents; it works on a copy so examples/ never changes.
  const workspace = join(work, 'workspace');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  // A Git repository with the examples committed, for "Compare with Git HEAD".
  const git = (...args) => execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@localhost', ...args], { cwd: workspace, stdio: 'ignore' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'examples');
  const resultsFile = join(work, 'results.json');
  const shotsDir = join(work, 'shots');
  mkdirSync(shotsDir);
  writeFileSync(join(suiteDir, 'config.json'), JSON.stringify({ resultsFile, shotsDir, workspace }));
  // Screenshots are test artifacts (test-results/, ignored); `npm run screenshots`
  // writes them to docs/images/ for the README.
  const imagesDir = process.env.DST_UPDATE_SCREENSHOTS ? join(root, 'docs', 'images') : join(root, 'test-results', 'screenshots');
  mkdirSync(imagesDir, { recursive: true });

  const server = await startCodeServer({ folder: workspace, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'], installExtension: vsix });
  let browser;
  let failed = true;
  try {
    // VS Code runs a test module only for an extension under development: with
    // --vsix that is the VSIX as code-server unpacked it into its extensions folder.
    const extensionPath = vsix ? join(server.extensionsDir, readdirSync(server.extensionsDir).find((d) => d.startsWith('daemonset-tools.')) ?? 'missing') : root;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${extensionPath}`],
      ['extensionTestsPath', `vscode-remote://127.0.0.1:${server.port}${join(suiteDir, 'index.js')}`],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    console.log(`[e2e] VS Code ${server.url} running the suite on ${workspace}`);
    const deadline = Date.now() + TIMEOUT_MS;
    while (!existsSync(resultsFile)) {
      if (Date.now() > deadline) throw new Error(`time-out: the extension-host suite did not finish within ${TIMEOUT_MS / 1000}s (see the code-server log by running with DST_E2E_LOG=1)`);
      // What the workbench renders: the text of the elements a CSS selector matches (the request file holds the selector).
      for (const name of readdirSync(shotsDir).filter((f) => f.endsWith('.dom-request'))) {
        const selector = readFileSync(join(shotsDir, name), 'utf8');
        const texts = await page.evaluate((css) => [...document.querySelectorAll(css)].map((element) => element.textContent ?? ''), selector);
        rmSync(join(shotsDir, name));
        writeFileSync(join(shotsDir, name.replace(/\.dom-request$/, '.dom.json')), JSON.stringify(texts));
      }
      // A click as the user makes it: the first visible element matching the CSS selector whose text contains the given text.
      for (const name of readdirSync(shotsDir).filter((f) => f.endsWith('.click-request'))) {
        const { selector, text } = JSON.parse(readFileSync(join(shotsDir, name), 'utf8'));
        const clicked = await page.locator(selector).filter({ hasText: text, visible: true }).first().click({ timeout: 5_000 }).then(() => true, () => false);
        rmSync(join(shotsDir, name));
        writeFileSync(join(shotsDir, name.replace(/\.click-request$/, '.click.json')), JSON.stringify(clicked));
      }
      for (const name of readdirSync(shotsDir).filter((f) => f.endsWith('.request'))) {
        const shot = name.replace(/\.request$/, '');
        await page.screenshot({ path: join(imagesDir, `${shot}.png`) });
        rmSync(join(shotsDir, name));
        writeFileSync(join(shotsDir, `${shot}.done`), '');
        console.log(`[e2e] screenshot ${join(imagesDir, `${shot}.png`)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    for (const test of results.tests) console.log(`${test.state === 'passed' ? '✔' : '✖'} ${test.title}${test.error ? `\n    ${test.error}` : ''}`);
    console.log(`${vsix ? 'vsix' : 'e2e'}: ${results.passed} passed, ${results.failed} failed`);
    failed = results.failed > 0 || results.passed === 0;
  } finally {
    await browser?.close();
    server.stop();
    const gone = await waitGroupGone(server.child.pid);
    if (!gone) console.error('[e2e] code-server had to be killed');
    rmSync(work, { recursive: true, force: true });
    rmSync(server.base, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
