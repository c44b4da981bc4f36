/**
 * Extension-host test suite: the `extensionTestsPath` module VS Code loads
 * (code-server here, desktop VS Code through @vscode/test-electron elsewhere).
 * Runs the mocha specs and writes the results where the harness reads them.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { screenshot } from './helpers';

export interface SuiteConfig {
  resultsFile?: string;
  shotsDir?: string;
  workspace?: string;
  /** Which specs run: a trusted workspace's (the default) or Restricted Mode's. */
  mode?: 'trusted' | 'untrusted';
  /** `npm run screenshots`: only the README's pictures, and the frames of its animation. */
  pictures?: boolean;
}

export function suiteConfig(): SuiteConfig {
  const path = join(__dirname, 'config.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as SuiteConfig) : {};
}

export async function run(): Promise<void> {
  // a hang detector, not a speed requirement: a spec that walks many steps on a loaded 2-core machine takes minutes
  const mocha = new Mocha({ ui: 'bdd', timeout: 240_000, color: false });
  // The specs are bundled into this file: register mocha's globals, then load them.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  const config = suiteConfig();
  // a failed spec leaves a picture of the workbench as it was (test-results/screenshots/failed-N.png)
  let failedShots = 0;
  mocha.suite.afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(`failed-${++failedShots}`);
  });
  if (config.mode === 'untrusted') {
    await import('./untrusted.specs');
  } else if (config.pictures) {
    await import('./readmePictures.specs');
  } else {
    // first: its pictures want a workbench that nothing has been opened in yet
    await import('./readmePictures.specs');
    await import('./startupLine.specs');
    await import('./specs');
    await import('./gettingStarted.specs');
    await import('./sources.specs');
    await import('./versions.specs');
    await import('./teams.specs');
    // after the others: it starts a second YAML language server (the YAML extension's stand-in)
    await import('./yamlExtension.specs');
    // last: it kills the language server the others use (and checks that it comes back)
    await import('./serverRestart.specs');
  }
  const tests: Array<{ title: string; state: string; error?: string }> = [];
  // each result as it comes, so a harness that gives up on a stuck suite can say how far it got
  const record = (test: (typeof tests)[number]) => {
    tests.push(test);
    if (config.resultsFile) appendFileSync(`${config.resultsFile}.progress`, `${JSON.stringify(test)}\n`);
  };
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((count) => resolve(count));
    runner.on('pass', (test) => record({ title: test.fullTitle(), state: 'passed' }));
    runner.on('fail', (test, error: Error) => record({ title: test.fullTitle(), state: 'failed', error: error.stack ?? error.message }));
  });
  const passed = tests.filter((t) => t.state === 'passed').length;
  if (config.resultsFile) writeFileSync(config.resultsFile, JSON.stringify({ passed, failed: failures, tests }));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
