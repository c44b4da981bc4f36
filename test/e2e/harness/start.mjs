// `npm start`: a real VS Code (code-server on localhost) with the extension
// loaded from this folder, opened on examples/. Prints the URL and runs until
// Ctrl-C, then stops every process it started.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, waitGroupGone } from './codeServer.mjs';
import { install } from './install.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
install();
const folder = join(root, 'examples');
const server = await startCodeServer({ folder, extraArgs: [] });
const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${root}`]];
const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
console.log(`\nDaemonSet Tools is running in VS Code (code-server). Open:\n\n  ${url}\n\nPress Ctrl-C to stop.`);
const stop = async () => {
  server.stop();
  await waitGroupGone(server.child.pid);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
server.child.on('exit', (code) => {
  console.log(`code-server exited (${code})`);
  process.exit(code ?? 0);
});
