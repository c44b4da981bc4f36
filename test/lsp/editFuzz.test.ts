/**
 * The edit fuzzer over the real server (issue 15, item 1): random incremental
 * edits on the example manifests, completion, hover and code actions after
 * each, and the edited document's diagnostics equal to those of a document
 * opened fresh with the same text. Seeded: a failure names its seed and step.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { corpus, prng, randomEdit } from '../fuzz/editFuzz';
import type { TestClient } from './lspClient';
import { startTestClient } from './lspClient';

const SEED = 11;
const EDITS = 60;

interface Report {
  items: unknown[];
}

describe('LSP: edit fuzzer', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient({
      capabilities: { textDocument: { diagnostic: {}, completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] } } },
    });
  });
  after(async () => {
    await client.stop();
  });

  it('names the right line in a moved document\'s message (the issue\'s reproduction)', async () => {
    const uri = 'file:///fuzz/moved.yaml';
    client.open(uri, 'a: 1\n---\nkind: DaemonSet\nspec: {}\nspec: {}\n', 1);
    const messages = async () => {
      const report: { items: Array<{ code: string; message: string }> } = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      return report.items.filter((d) => d.code === 'duplicate-key').map((d) => d.message);
    };
    assert.match((await messages())[0], /\(line 5\)/);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }] });
    assert.match((await messages())[0], /\(line 6\)/);
  });

  it(`seed ${SEED}: ${EDITS} incremental edits, diagnostics always those of a fresh document`, async () => {
    const random = prng(SEED);
    const files = corpus();
    const start = files[Math.floor(random() * files.length)];
    const uri = 'file:///fuzz/edited.yaml';
    let mirror = TextDocument.create(uri, 'yaml', 1, start.text);
    client.open(uri, start.text, 1);
    for (let step = 0; step < EDITS; step++) {
      const edit = randomEdit(mirror.getText(), random);
      const range = { start: mirror.positionAt(edit.start), end: mirror.positionAt(edit.end) };
      const version = mirror.version + 1;
      mirror = TextDocument.update(mirror, [{ range, text: edit.text }], version);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: edit.text }] });
      const text = mirror.getText();
      const where = `seed ${SEED}, edit ${step} of ${start.name}: ${JSON.stringify(edit)}`;
      const position = mirror.positionAt(Math.floor(random() * (text.length + 1)));
      await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
      await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
      const edited: Report = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      const freshUri = `file:///fuzz/fresh-${step}.yaml`;
      client.open(freshUri, text, 1);
      const fresh: Report = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: freshUri } });
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
      assert.deepEqual(edited.items, fresh.items, where);
    }
  });
});
