import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import type { TestClient } from './lspClient';
import { startTestClient, withCursor } from './lspClient';

describe('LSP hover over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => {
    await client.stop();
  });

  it('announces hover and answers with Markdown and the key range', async () => {
    assert.equal(client.initializeResult.capabilities.hoverProvider, true);
    const { text, line, character } = withCursor('apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      tolerations:\n        - effe|ct: NoSchedule\n');
    client.open('file:///hover.yaml', text);
    const result: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///hover.yaml' }, position: { line, character } });
    assert.ok(result);
    const contents = result.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /spec\.template\.spec\.tolerations\[0\]\.effect/);
    assert.deepEqual(result.range, { start: { line: 6, character: 10 }, end: { line: 6, character: 16 } });
  });

  it('answers null outside DaemonSet documents', async () => {
    const { text, line, character } = withCursor('kind: ConfigMap\nda|ta: {}\n');
    client.open('file:///cm.yaml', text);
    const result: unknown = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///cm.yaml' }, position: { line, character } });
    assert.equal(result, null);
  });
});
