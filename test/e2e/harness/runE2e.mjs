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
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { startCodeServer, waitGroupGone } from './codeServer.mjs';
import { chromiumPath, install } from './install.mjs';
import { MANIFEST, PICTURES, currentManifest } from '../../../scripts/readmePictures.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const testShotsDir = join(root, 'test-results', 'screenshots');
// A hang detector per session, not a speed requirement: a loaded 2-core machine runs the trusted session in about 5 minutes.
const TIMEOUT_MS = Number(process.env.DST_E2E_TIMEOUT_MS ?? 900_000);
// `npm run screenshots`: the README's pictures (scripts/readmePictures.mjs) go to docs/images, in a larger window
const PICTURE_MODE = Boolean(process.env.DST_UPDATE_SCREENSHOTS);

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

/**
 * A stand-in of another extension (test/e2e/fixtures/<name>: the YAML
 * extension's, the Kubernetes extension's) as a VSIX: code-server loads one
 * development extension only, so a stand-in is installed, bundled with what it
 * requires and pointing at this checkout (yaml-language-server, the DaemonSet
 * schema). Each stays idle until a spec starts it.
 */
async function packageStandIn(outDir, name) {
  const fixture = join(root, 'test/e2e/fixtures', name);
  const stage = join(outDir, name);
  mkdirSync(stage, { recursive: true });
  await esbuild.build({
    entryPoints: [join(fixture, 'extension.js')],
    outfile: join(stage, 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    define: { STAND_IN_ROOT: JSON.stringify(root) },
    logLevel: 'warning',
    nodePaths: [join(root, 'node_modules')],
  });
  for (const file of ['package.json', 'README.md']) cpSync(join(fixture, file), join(stage, file));
  const out = join(outDir, `${name}.vsix`);
  execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: stage, stdio: 'pipe' });
  return out;
}

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

/** A copy of examples/ committed to a fresh Git repository (the suite edits documents; examples/ never changes). */
function exampleWorkspace(workspace) {
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  // A Git repository with the examples committed, for "Compare with Git HEAD".
  const git = (...args) => execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@localhost', ...args], { cwd: workspace, stdio: 'ignore' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'examples');
}

/**
 * One VS Code session running the suite's specs of one `mode` (index.ts picks
 * them) on `workspace`; resolves with the results the suite wrote.
 */
async function runSession({ mode, workspace, work, suiteDir, vsix, imagesDir, framesDir, standIns = [], serverOptions = {} }) {
  const resultsFile = join(work, `results-${mode}.json`);
  const shotsDir = join(work, `shots-${mode}`);
  mkdirSync(shotsDir);
  writeFileSync(join(suiteDir, 'config.json'), JSON.stringify({ resultsFile, shotsDir, workspace, mode, pictures: PICTURE_MODE }));
  let frames = 0;
  const server = await startCodeServer({ folder: workspace, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'], installExtension: [vsix, ...standIns].filter(Boolean), ...serverOptions });
  let browser;
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
    const page = await browser.newPage({ viewport: PICTURE_MODE ? { width: 1440, height: 900 } : { width: 1280, height: 800 } });
    // only until the server answers: the loop below waits for the suite itself (a slow machine may take long to draw the workbench)
    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    console.log(`[e2e] VS Code ${server.url} running the ${mode} suite on ${workspace}`);
    const deadline = Date.now() + TIMEOUT_MS;
    while (!existsSync(resultsFile)) {
      if (Date.now() > deadline) {
        const progress = existsSync(`${resultsFile}.progress`) ? readFileSync(`${resultsFile}.progress`, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
        for (const test of progress) console.log(`${test.state === 'passed' ? '✔' : '✖'} [${mode}] ${test.title}${test.error ? `\n    ${test.error}` : ''}`);
        throw new Error(`time-out: the ${mode} extension-host suite did not finish within ${TIMEOUT_MS / 1000}s, after the ${progress.length} results above (see the code-server log by running with DST_E2E_LOG=1)`);
      }
      // What the workbench renders: the text of the elements a CSS selector
      // matches (the request file holds the selector), in the workbench and in
      // its frames (a webview such as the Markdown preview draws in one).
      for (const name of readdirSync(shotsDir).filter((f) => f.endsWith('.dom-request'))) {
        const selector = readFileSync(join(shotsDir, name), 'utf8');
        const texts = [];
        for (const frame of page.frames()) {
          try {
            texts.push(...(await frame.evaluate((css) => [...document.querySelectorAll(css)].map((element) => element.textContent ?? ''), selector)));
          } catch {
            // a frame that went away meanwhile
          }
        }
        rmSync(join(shotsDir, name));
        // written whole, then renamed: the suite polls for the file and must never read half of it
        const answer = join(shotsDir, name.replace(/\.dom-request$/, '.dom.json'));
        writeFileSync(`${answer}.partial`, JSON.stringify(texts));
        renameSync(`${answer}.partial`, answer);
      }
      // A click as the user makes it: the first visible element matching the CSS selector whose text contains the given text.
      for (const name of readdirSync(shotsDir).filter((f) => f.endsWith('.click-request'))) {
        const { selector, text } = JSON.parse(readFileSync(join(shotsDir, name), 'utf8'));
        const clicked = await page.locator(selector).filter({ hasText: text, visible: true }).first().click({ timeout: 5_000 }).then(() => true, () => false);
        rmSync(join(shotsDir, name));
        const clickAnswer = join(shotsDir, name.replace(/\.click-request$/, '.click.json'));
        writeFileSync(`${clickAnswer}.partial`, JSON.stringify(clicked));
        renameSync(`${clickAnswer}.partial`, clickAnswer);
      }
      for (const name of readdirSync(shotsDir).filter((f) => f.endsWith('.request'))) {
        const shot = name.replace(/\.request$/, '');
        // only the README's pictures go to docs/images (a failed spec's picture never does)
        const path = join(PICTURE_MODE && `${shot}.png` in PICTURES ? imagesDir : testShotsDir, `${shot}.png`);
        await page.screenshot({ path });
        rmSync(join(shotsDir, name));
        writeFileSync(join(shotsDir, `${shot}.done`), '');
        console.log(`[e2e] screenshot ${path}`);
      }
      // A frame of the README's animation (picture mode only): the request says how many frames it lasts.
      for (const name of readdirSync(shotsDir).filter((f) => f.endsWith('.frame-request'))) {
        const { hold } = JSON.parse(readFileSync(join(shotsDir, name), 'utf8'));
        const first = join(framesDir, `${String(frames).padStart(4, '0')}.png`);
        await page.screenshot({ path: first });
        for (let copy = 1; copy < hold; copy++) cpSync(first, join(framesDir, `${String(frames + copy).padStart(4, '0')}.png`));
        frames += Math.max(hold, 1);
        rmSync(join(shotsDir, name));
        writeFileSync(join(shotsDir, name.replace(/\.frame-request$/, '.frame-done')), '');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return JSON.parse(readFileSync(resultsFile, 'utf8'));
  } finally {
    await browser?.close();
    server.stop();
    const gone = await waitGroupGone(server.child.pid);
    if (!gone) console.error('[e2e] code-server had to be killed');
    rmSync(server.base, { recursive: true, force: true });
  }
}

/** The README's animation from the recorded frames: ffmpeg with a palette made for them (small, sharp text). */
function encodeAnimation(framesDir, out) {
  const count = readdirSync(framesDir).filter((f) => f.endsWith('.png')).length;
  if (count === 0) throw new Error('no frame of the animation was recorded');
  const filters = 'scale=960:-1:flags=lanczos,split[a][b];[a]palettegen=max_colors=96:stats_mode=diff[p];[b][p]paletteuse=dither=none:diff_mode=rectangle';
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-framerate', '4', '-i', join(framesDir, '%04d.png'), '-vf', filters, '-loop', '0', out], { stdio: 'inherit' });
  console.log(`[e2e] animation ${out}: ${count} frames, ${(statSync(out).size / 1024).toFixed(0)} KB`);
}

async function main() {
  const startedAt = Date.now();
  install({ pictures: PICTURE_MODE });
  // --vsix: run the suite against the packaged extension installed into VS Code.
  const vsix = process.argv.includes('--vsix') ? packageVsix() : undefined;
  if (!existsSync(join(root, 'dist/server.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'dst-e2e-'));
  const suiteDir = join(root, '.cache', 'e2e-suite');
  rmSync(suiteDir, { recursive: true, force: true });
  await buildSuite(suiteDir);
  // Screenshots are test artifacts (test-results/, ignored); `npm run screenshots`
  // writes the README's pictures to docs/images/.
  const imagesDir = PICTURE_MODE ? join(root, 'docs', 'images') : testShotsDir;
  mkdirSync(imagesDir, { recursive: true });
  mkdirSync(testShotsDir, { recursive: true });
  const framesDir = join(work, 'frames');
  mkdirSync(framesDir);
  let failed = true;
  try {
    const trusted = join(work, 'trusted', 'workspace');
    exampleWorkspace(trusted);
    // picture mode: only the README's pictures, with an editor showing just what they are about
    // Saving is the suite's to do, as in desktop VS Code: the web build auto-saves after a
    // second by default, which on a busy machine races a spec's own save (save() answers false).
    const suiteSettings = { 'files.autoSave': 'off' };
    const pictureSettings = { ...suiteSettings, 'editor.minimap.enabled': false, 'workbench.tips.enabled': false, 'chat.commandCenter.enabled': false };
    const sessions = [{ mode: 'trusted', workspace: trusted, serverOptions: { userSettings: PICTURE_MODE ? pictureSettings : suiteSettings } }];
    // Restricted Mode: workspace trust on and never granted (no start-up
    // prompt), and a workspace whose settings point a profile outside it.
    const untrusted = join(work, 'untrusted', 'workspace');
    exampleWorkspace(untrusted);
    writeFileSync(join(work, 'untrusted', 'outside.profile.yaml'), 'kind: ClusterProfile\nmetadata: {name: outside}\nnodes:\n  - name: outside-1\n');
    mkdirSync(join(untrusted, '.vscode'));
    writeFileSync(join(untrusted, '.vscode', 'settings.json'), JSON.stringify({ 'daemonsetTools.activeProfile': '../outside.profile.yaml' }));
    sessions.push({ mode: 'untrusted', workspace: untrusted, serverOptions: { workspaceTrust: true, userSettings: { ...suiteSettings, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } } });
    const totals = { passed: 0, failed: 0 };
    // DST_E2E_ONLY=trusted|untrusted runs one session (to iterate on its specs)
    const only = PICTURE_MODE ? 'trusted' : process.env.DST_E2E_ONLY;
    for (const session of sessions.filter((each) => !only || each.mode === only)) {
      const standIns = session.mode === 'trusted' ? [await packageStandIn(work, 'yamlStandIn'), await packageStandIn(work, 'kubernetesStandIn')] : [];
      const results = await runSession({ ...session, work, suiteDir, vsix, imagesDir, framesDir, standIns });
      for (const test of results.tests) console.log(`${test.state === 'passed' ? '✔' : '✖'} [${session.mode}] ${test.title}${test.error ? `\n    ${test.error}` : ''}`);
      totals.passed += results.passed;
      totals.failed += results.failed;
      if (results.passed === 0) totals.failed++;
    }
    console.log(`${vsix ? 'vsix' : 'e2e'}: ${totals.passed} passed, ${totals.failed} failed`);
    failed = totals.failed > 0;
    if (PICTURE_MODE && !failed) {
      encodeAnimation(framesDir, join(imagesDir, 'placement.gif'));
      const notTaken = Object.keys(PICTURES).filter((name) => !existsSync(join(imagesDir, name)) || statSync(join(imagesDir, name)).mtimeMs < startedAt);
      if (notTaken.length) throw new Error(`the suite did not take ${notTaken.join(', ')}: ${MANIFEST} is left as it was`);
      // every picture was taken anew: record what each one shows
      writeFileSync(join(root, MANIFEST), `${JSON.stringify(currentManifest(root), null, 2)}\n`);
      console.log(`[e2e] ${MANIFEST} written`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
