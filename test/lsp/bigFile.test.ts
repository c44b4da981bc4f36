/**
 * A big file over LSP (issue 15 item 10): the first diagnostics report holds
 * the documents the editor shows; when it holds only part of the file the
 * server asks the client to pull again, and the next report holds every
 * document. Hover answers while the rest is checked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { bigDaemonSetFile } from '../../bench/bigFile';
import { isPartialResultId } from '../../server/src/diagnosticsService';
import { VisibleRangesNotificationMethod } from '../../server/src/protocol';
import type { VisibleRangesParams } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { startTestClient } from './lspClient';

const DOCUMENTS = 300;
const LINES_PER_DOCUMENT = 66;

describe('LSP: a big file is answered visible part first', () => {
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

  it('reports the visible document first, then every document after the refresh', async () => {
    const uri = 'file:///big/many.yaml';
    const text = bigDaemonSetFile(DOCUMENTS);
    // the editor shows DaemonSet agent-200, the cursor on its `name:` key
    const visibleLine = text.split('\n').indexOf('  name: agent-200');
    const params: VisibleRangesParams = { uri, ranges: [{ start: { line: visibleLine, character: 0 }, end: { line: visibleLine + 20, character: 0 } }] };
    await client.connection.sendNotification(VisibleRangesNotificationMethod, params);
    client.open(uri, text);
    let refreshed = new Promise<void>((done) => (onRefresh = done));
    const documentsIn = (items: Diagnostic[]) => new Set(items.map((d) => Math.floor(d.range.start.line / LINES_PER_DOCUMENT)));
    const pull = () => client.connection.sendRequest<{ items: Diagnostic[]; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri } });
    const [first, hover] = await Promise.all([pull(), client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: visibleLine, character: 3 } })]);
    assert.ok(hover, 'the hover is answered');
    // every document of this file has a finding (it runs as root): the visible one's is in the first report
    assert.ok(documentsIn(first.items).has(Math.floor(visibleLine / LINES_PER_DOCUMENT)), 'the visible document is checked first');
    // and nothing else: the user waits for this answer, the background check does the rest
    const shown = new Set([Math.floor(visibleLine / LINES_PER_DOCUMENT), Math.floor((visibleLine + 20) / LINES_PER_DOCUMENT)]);
    assert.deepEqual([...documentsIn(first.items)].filter((d) => !shown.has(d)), [], 'the first report holds the visible documents only');
    let last = first;
    // (a refresh may also come from the settings read at start-up: pull until the report is whole)
    while (isPartialResultId(last.resultId)) {
      await refreshed;
      refreshed = new Promise<void>((done) => (onRefresh = done));
      last = await pull();
    }
    assert.equal(isPartialResultId(last.resultId), false);
    assert.equal(documentsIn(last.items).size, DOCUMENTS, 'every document is checked in the end');
  });

  it('answers a small file whole at once', async () => {
    const uri = 'file:///big/small.yaml';
    client.open(uri, bigDaemonSetFile(5));
    const report: { items: Diagnostic[]; resultId?: string } = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(isPartialResultId(report.resultId), false);
    assert.equal(new Set(report.items.map((d) => Math.floor(d.range.start.line / LINES_PER_DOCUMENT))).size, 5);
  });
});
