/**
 * A big file over LSP (issue 15 item 10): the first diagnostics report holds
 * the documents the editor shows; when it holds only part of the file the
 * server asks the client to pull again, and the next report holds every
 * document. Hover answers while the rest is checked. Typing in it (issue 15
 * item 8): a keystroke's work (the change, the diagnostics pull, completion,
 * hover, the placement view's request) reads the edited text in its chunks and
 * never makes one string of the whole file, whose cost would grow with the file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bigDaemonSetFile } from '../../bench/bigFile';
import { isPartialResultId } from '../../server/src/diagnosticsService';
import { PlacementRequestMethod, ServerProcessRequestMethod, VisibleRangesNotificationMethod } from '../../server/src/protocol';
import type { ServerProcessResult, VisibleRangesParams } from '../../server/src/protocol';
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

  it('answers hover, completion and quick fixes in a document checked in the background (its tree dropped, parsed again) as in a file of that document alone', async () => {
    const uri = 'file:///big/background.yaml';
    const text = bigDaemonSetFile(DOCUMENTS);
    client.open(uri, text);
    let refreshed = new Promise<void>((done) => (onRefresh = done));
    const pull = () => client.connection.sendRequest<{ items: Diagnostic[]; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri } });
    for (let report = await pull(); isPartialResultId(report.resultId); report = await pull()) {
      await refreshed;
      refreshed = new Promise<void>((done) => (onRefresh = done));
    }
    // DaemonSet agent-250 alone (checked in the background: the first answer checks the first documents only), and where its lines are in the big file
    const aloneUri = 'file:///big/agent-250.yaml';
    const alone = text.split('---\n')[250];
    client.open(aloneUri, alone);
    let shift = text.split('\n').indexOf('  name: agent-250') - alone.split('\n').indexOf('  name: agent-250');
    assert.ok(shift > 0);
    const lines = alone.split('\n');
    const at = (key: string, column = 0) => ({ line: lines.findIndex((l) => l.includes(key)), character: lines.find((l) => l.includes(key))!.indexOf(key) + column });
    const moved = (position: { line: number; character: number }) => ({ line: position.line + shift, character: position.character });
    // answers of the alone file, with their lines moved to the big file's
    const inBig = (answer: unknown) => JSON.parse(JSON.stringify(answer ?? null).replace(/"line":(\d+)/g, (_, line: string) => `"line":${Number(line) + shift}`).replaceAll(aloneUri, uri)) as unknown;
    const ask = (method: string, params: (target: string, p: (x: { line: number; character: number }) => { line: number; character: number }) => object) =>
      Promise.all([client.connection.sendRequest(method, params(aloneUri, (x) => x)), client.connection.sendRequest(method, params(uri, moved))]);
    for (const position of [at('imagePullPolicy', 3), at('hostPath', 2), at('readOnlyRootFilesystem'), at('maxUnavailable', 1)]) {
      const [expected, actual] = await ask('textDocument/hover', (target, p) => ({ textDocument: { uri: target }, position: p(position) }));
      assert.deepEqual(actual, inBig(expected), `hover at ${JSON.stringify(position)}`);
    }
    const value = at('IfNotPresent', 2);
    const [expectedItems, items] = await ask('textDocument/completion', (target, p) => ({ textDocument: { uri: target }, position: p(value) }));
    assert.ok(JSON.stringify(expectedItems).includes('Always'), 'completion offers the pull policies');
    assert.deepEqual(items, inBig(expectedItems));
    const aloneReport = await client.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: aloneUri } });
    const container = aloneReport.items.find((d) => d.code === 'run-as-root')!.range;
    const [expectedActions, actions] = await ask('textDocument/codeAction', (target, p) => ({ textDocument: { uri: target }, range: { start: p(container.start), end: p(container.end) }, context: { diagnostics: [] } }));
    assert.ok(JSON.stringify(expectedActions).includes('Disable run-as-root'), 'the run-as-root finding has quick fixes');
    assert.deepEqual(actions, inBig(expectedActions));
    // a line typed at the top moves every document: the quick fixes move with it, asked once or twice
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# top\n' }] });
    shift++;
    for (let i = 0; i < 2; i++) {
      const [again, movedActions] = await ask('textDocument/codeAction', (target, p) => ({ textDocument: { uri: target }, range: { start: p(container.start), end: p(container.end) }, context: { diagnostics: [] } }));
      assert.deepEqual(movedActions, inBig(again), `after the edit, asked ${i + 1} time(s)`);
    }
  });

  it('answers the first diagnostics and a hover while the placement view\'s answer for the whole file is still being made', async () => {
    // opening a big file, VS Code asks for its placement with its diagnostics; placing every DaemonSet (parsing every
    // document) is done a slice at a time: the placement answer is the one that waits
    const uri = 'file:///big/placed.yaml';
    const text = bigDaemonSetFile(600);
    const visibleLine = text.split('\n').indexOf('  name: agent-300');
    await client.connection.sendNotification(VisibleRangesNotificationMethod, { uri, ranges: [{ start: { line: visibleLine, character: 0 }, end: { line: visibleLine + 20, character: 0 } }] } satisfies VisibleRangesParams);
    client.open(uri, text);
    const order: string[] = [];
    const placed = client.connection.sendRequest<{ kind: string }>(PlacementRequestMethod, { uri }).then((answer) => order.push(`placement ${answer.kind}`));
    const reported = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }).then(() => order.push('diagnostics'));
    const hovered = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: visibleLine, character: 3 } }).then(() => order.push('hover'));
    await Promise.all([placed, reported, hovered]);
    assert.deepEqual(order.slice(2), ['placement ok']);
  });

  it('answers a small file whole at once', async () => {
    const uri = 'file:///big/small.yaml';
    client.open(uri, bigDaemonSetFile(5));
    const report: { items: Diagnostic[]; resultId?: string } = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(isPartialResultId(report.resultId), false);
    assert.equal(new Set(report.items.map((d) => Math.floor(d.range.start.line / LINES_PER_DOCUMENT))).size, 5);
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
