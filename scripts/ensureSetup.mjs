// Runs before `npm start` and `npm test`: installs dependencies and builds when
// that has not happened yet (or the lockfile / sources are newer than the build),
// so a fresh clone needs no separate set-up step.
import { execSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'generated') continue; // build output, not a source
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const installedMarker = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installedMarker) || statSync(join(root, 'package-lock.json')).mtimeMs > statSync(installedMarker).mtimeMs) {
  console.log('[setup] installing dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}

const outputs = ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'server/src/generated/apiModel.json'].map((p) => join(root, p));
const built = outputs.every((p) => existsSync(p));
const builtAt = built ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
const sourcesAt = Math.max(newestMtime(join(root, 'server/src')), newestMtime(join(root, 'client/src')), newestMtime(join(root, 'scripts')));
if (!built || sourcesAt > builtAt) {
  console.log('[setup] building…');
  run('npm run build');
}
