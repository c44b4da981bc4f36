/**
 * Side by side with yaml-language-server on the same big file, both over
 * stdio, both checking every DaemonSet field: yaml-language-server gets the
 * JSON Schema our API model is folded from (server/src/generated). Each
 * server is timed the way VS Code asks it: ours with pull diagnostics,
 * yaml-language-server with the push diagnostics it sends.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { TestClient } from '../test/lsp/lspClient';
import { startTestClient } from '../test/lsp/lspClient';
import { line } from './stats';

const URI = 'file:///bench/big.yaml';

interface Figures {
  /** Opening the file in a fresh server (cold: nothing compiled or cached yet). */
  firstDiagnostics: number;
  /** Opening the same text again under another name (warm). */
  warmDiagnostics: number;
  afterEdit: number;
  diagnostics: number;
  completionP95: number;
  hoverP95: number;
  hoverAnswered: number;
}

/** Cursor positions after `imagePullPolicy: ` (value completion) and on the key (hover). */
function positions(text: string): Array<{ line: number; character: number }> {
  const result: Array<{ line: number; character: number }> = [];
  text.split('\n').forEach((content, lineNumber) => {
    const column = content.indexOf('imagePullPolicy:');
    if (column >= 0 && result.length < 100) result.push({ line: lineNumber, character: column + 3 });
  });
  return result;
}

function p95(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1];
}

async function measure(client: TestClient, text: string, diagnose: (version: number, uri?: string) => Promise<Diagnostic[]>): Promise<Figures> {
  let start = performance.now();
  client.open(URI, text);
  const diagnostics = (await diagnose(1)).length;
  const firstDiagnostics = performance.now() - start;
  const warmUri = URI.replace('big', 'again');
  start = performance.now();
  client.open(warmUri, text);
  await diagnose(1, warmUri);
  const warmDiagnostics = performance.now() - start;
  const edited = text.replace('agent-100\n', 'agent-10x\n');
  const edits: number[] = [];
  for (let i = 0; i < 10; i++) {
    start = performance.now();
    client.change(URI, i % 2 ? text : edited, i + 2);
    await diagnose(i + 2);
    edits.push(performance.now() - start);
  }
  const completion: number[] = [];
  const hover: number[] = [];
  let hoverAnswered = 0;
  for (const position of positions(text)) {
    start = performance.now();
    await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: { line: position.line, character: position.character + 14 } });
    completion.push(performance.now() - start);
    start = performance.now();
    const answer = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position });
    hover.push(performance.now() - start);
    if (answer) hoverAnswered++;
  }
  return { firstDiagnostics, warmDiagnostics, afterEdit: edits.sort((a, b) => a - b)[Math.floor(edits.length / 2)], diagnostics, completionP95: p95(completion), hoverP95: p95(hover), hoverAnswered };
}

export async function runSideBySideBench(text: string): Promise<void> {
  console.log('side by side with yaml-language-server (same file, same fields checked, over stdio)');
  const ours = await startTestClient({ capabilities: { textDocument: { diagnostic: {} } } });
  const own = await measure(ours, text, async (_version, uri = URI) => (await ours.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } })).items);
  await ours.stop();

  const schema = pathToFileURL(resolve(__dirname, '../server/src/generated/daemonSet.schema.json')).href;
  const yaml = { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: { [schema]: ['*.yaml'] } };
  const theirs = await startTestClient({ serverScript: resolve(__dirname, '../node_modules/yaml-language-server/bin/yaml-language-server'), settings: { yaml } });
  await theirs.connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml } });
  const other = await measure(theirs, text, async (version, uri = URI) => {
    for (;;) {
      const published = await theirs.nextDiagnostics(uri);
      if (published.version === undefined || published.version >= version) return published.diagnostics;
    }
  });
  await theirs.stop();

  const row = (label: string, a: number, b: number) => console.log(`  ${label.padEnd(58)} ${`${a.toFixed(1)} / ${b.toFixed(1)} ms`.padStart(20)}   ${(b / a).toFixed(1)}× faster`);
  row('first diagnostics, cold, ours / yaml-language-server', own.firstDiagnostics, other.firstDiagnostics);
  row('diagnostics of the whole file, warm, ours / theirs', own.warmDiagnostics, other.warmDiagnostics);
  row('diagnostics after an edit (median), ours / theirs', own.afterEdit, other.afterEdit);
  row('completion (p95), ours / theirs', own.completionP95, other.completionP95);
  row('hover (p95), ours / theirs', own.hoverP95, other.hoverP95);
  // ours include the best-practice warnings (one run-as-root per document here); theirs are schema errors only
  line('diagnostics on the file, ours (warnings) / theirs', `${own.diagnostics} / ${other.diagnostics}`);
  line('hovers answered, ours / theirs', `${own.hoverAnswered} / ${other.hoverAnswered}`);
}
