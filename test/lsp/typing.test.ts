/**
 * Typing in a big file over LSP (issue 15 item 8): a keystroke's work
 * (the change, the diagnostics pull, completion, hover, the placement view's
 * request) reads the edited text in its chunks and never makes one string of
 * the whole file, whose cost would grow with the file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bigDaemonSetFile } from '../../bench/bigFile';
import { isPartialResultId } from '../../server/src/diagnosticsService';
import { PlacementRequestMethod, ServerProcessRequestMethod } from '../../server/src/protocol';
import type { ServerProcessResult } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { startTestClient } from './lspClient';

describe('LSP: typing in a big file', () => {
  let client: TestClient;
  let onRefresh: () => void = () => undefined;
  before(async () => {
    client = await startTestClient({ capabilities: { textDocument: { diagnostic: {} } } });
    client.connection.onRequest('workspace/diagnostic/refresh', () => {
      onRefresh();
      return null;
    });
  });
  after(async () => {
    await client.stop();
  });

  it('makes no string of the whole file on a keystroke', async () => {
    const uri = 'file:///typing/big.yaml';
    let mirror = TextDocument.create(uri, 'yaml', 1, bigDaemonSetFile(150));
    client.open(uri, mirror.getText());
    const pull = () => client.connection.sendRequest<{ items: Diagnostic[]; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri } });
    for (let report = await pull(); isPartialResultId(report.resultId); report = await pull()) await new Promise<void>((done) => (onRefresh = done));
    await client.connection.sendRequest(PlacementRequestMethod, { uri });
    const joins = async () => (await client.connection.sendRequest<ServerProcessResult>(ServerProcessRequestMethod)).textJoins;
    const before = await joins();
    const text = mirror.getText();
    const at = text.indexOf('imagePullPolicy: IfNotPresent', text.length / 2) + 'imagePullPolicy: IfNotPresen'.length;
    let last: Diagnostic[] = [];
    for (let i = 0; i < 20; i++) {
      // delete the value's last letter, type it again: the enum error comes and goes
      const range = i % 2 === 0 ? { start: mirror.positionAt(at), end: mirror.positionAt(at + 1) } : { start: mirror.positionAt(at), end: mirror.positionAt(at) };
      const change = { range, text: i % 2 === 0 ? '' : 't' };
      mirror = TextDocument.update(mirror, [change], mirror.version + 1);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: mirror.version }, contentChanges: [change] });
      const position = mirror.positionAt(at);
      const [report] = await Promise.all([
        pull(),
        client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }),
        client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: position.line, character: 4 } }),
        client.connection.sendRequest(PlacementRequestMethod, { uri }),
      ]);
      last = report.items;
      const line = position.line;
      // the report follows the edits: the error is there after a deletion, gone after the letter is typed again
      assert.equal(last.some((d) => d.range.start.line === line && d.severity === 1), i % 2 === 0, `keystroke ${i}`);
    }
    assert.equal(await joins(), before, 'no keystroke joined the text');
  });
});
