// The same extension-host suite on a desktop VS Code, for machines that can
// download it: `node test/e2e/runTests.mjs` (after `npm run build`).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { buildSuite } from './harness/runE2e.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const suiteDir = join(root, '.cache', 'e2e-suite');
await buildSuite(suiteDir);
await runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: join(suiteDir, 'index.js'),
  launchArgs: [join(root, 'examples'), '--disable-extensions'],
});
