// Starts code-server (VS Code's own server build) in its own process group and
// stops the whole group afterwards: it spawns helpers (file watcher, extension
// host) that must not outlive the run.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerBin, node24Bin } from './install.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000}s`);
}

/**
 * Starts code-server on a free localhost port. `extraArgs` go before the folder.
 * Workspace trust is off (every folder trusted) unless `workspaceTrust` is
 * true; `userSettings` are written to the user's settings.json;
 * `installExtension` is a VSIX path or a list of them.
 * Returns { port, url, stop(), userDataDir, extensionsDir }.
 */
export async function startCodeServer({ folder, extraArgs = [], log = false, installExtension, workspaceTrust = false, userSettings } = {}) {
  const port = await freePort();
  const base = mkdtempSync(join(tmpdir(), 'dst-code-server-'));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  const env = { ...process.env, PATH: `${node24Bin}:${process.env.PATH}` };
  const node = join(node24Bin, 'node');
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (userSettings) {
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  }
  // one VSIX path or several
  for (const vsix of [installExtension ?? []].flat()) {
    await new Promise((resolve, reject) => {
      const install = spawn(node, [codeServerBin, ...common, '--install-extension', vsix], { env, stdio: log ? 'inherit' : 'ignore' });
      install.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`code-server --install-extension ${vsix} exited with ${code}`))));
    });
  }
  const args = [codeServerBin, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']), ...common, ...extraArgs, folder];
  const child = spawn(node, args, { env, detached: true, stdio: ['ignore', log ? 'inherit' : 'ignore', log ? 'inherit' : 'ignore'] });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 2000).unref();
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    // an upper bound (it answers within seconds on an idle machine), generous for a loaded one
    await waitForHttp(`${url}/healthz`, 180_000, child);
  } catch (error) {
    stop();
    throw error;
  }
  return { port, url, stop, child, userDataDir, extensionsDir, base };
}

/** Waits until no process of the group is left (so a run leaves nothing behind). */
export async function waitGroupGone(pid, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone
  }
  return false;
}
