/** The built server over stdio: memory after opening the 200-document file and answering requests. */
import { readFileSync } from 'node:fs';
import { startTestClient } from '../test/lsp/lspClient';
import { line } from './stats';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export async function runServerBench(text: string): Promise<void> {
  console.log('language server process (dist/server.js over stdio)');
  const client = await startTestClient({ capabilities: { textDocument: { diagnostic: {} } } });
  const uri = 'file:///bench/big.yaml';
  client.open(uri, text);
  const started = performance.now();
  await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  line('first diagnostics of the 200-document file over LSP', `${(performance.now() - started).toFixed(0)} ms`);
  for (let i = 0; i < 200; i++) {
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 40 + i * 60, character: 12 } });
    await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 45 + i * 60, character: 10 } });
  }
  line('server resident memory after 400 requests', `${rssMb(client.process.pid!).toFixed(0)} MB`, '< 150 MB');
  await client.stop();
}
