/**
 * Extension-host test suite: the `extensionTestsPath` module VS Code loads
 * (code-server here, desktop VS Code through @vscode/test-electron elsewhere).
 * Runs the mocha specs and writes the results where the harness reads them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export interface SuiteConfig {
  resultsFile?: string;
  shotsDir?: string;
  workspace?: string;
}

export function suiteConfig(): SuiteConfig {
  const path = join(__dirname, 'config.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as SuiteConfig) : {};
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  // The specs are bundled into this file: register mocha's globals, then load them.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  await import('./specs');
  await import('./gettingStarted.specs');
  const tests: Array<{ title: string; state: string; error?: string }> = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((count) => resolve(count));
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('fail', (test, error: Error) => tests.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? error.message }));
  });
  const config = suiteConfig();
  const passed = tests.filter((t) => t.state === 'passed').length;
  if (config.resultsFile) writeFileSync(config.resultsFile, JSON.stringify({ passed, failed: failures, tests }));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
