import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import type { TestClient } from './lspClient';
import { startTestClient, withCursor } from './lspClient';

describe('LSP completion over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => {
    await client.stop();
  });

  async function completeAt(uri: string, marked: string): Promise<CompletionItem[]> {
    const { text, line, character } = withCursor(marked);
    client.open(uri, text);
    const result: CompletionItem[] | null = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    return result ?? [];
  }

  it('offers container keys with text edits that yield correct YAML, required first', async () => {
    const items = await completeAt('file:///c.yaml', 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          |\n');
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('image') && labels.includes('resources') && !labels.includes('name'));
    const image = items.find((i) => i.label === 'image')!;
    assert.match(image.sortText ?? '', /^0/, 'image is required, so it sorts first');
    const resources = items.find((i) => i.label === 'resources')!;
    assert.deepEqual(resources.textEdit, { range: { start: { line: 7, character: 10 }, end: { line: 7, character: 10 } }, newText: 'resources:\n            ' });
    const policy = items.find((i) => i.label === 'imagePullPolicy')!;
    assert.equal(policy.insertTextFormat, 2);
    assert.match((policy.textEdit as { newText: string }).newText, /\$\{1\|Always,IfNotPresent,Never\|\}/);
  });

  it('offers enum values and priority classes defined in open documents', async () => {
    client.open('file:///pc.yaml', 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: agents-high\nvalue: 100000\n');
    const items = await completeAt('file:///p.yaml', 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      priorityClassName: |\n');
    assert.deepEqual(items.map((i) => i.label).sort(), ['agents-high', 'system-cluster-critical', 'system-node-critical']);
  });

  it('knows the cluster profile (the built-in sample when none is set): taints with their node counts', async () => {
    const items = await completeAt('file:///t.yaml', 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      tolerations:\n        - key: |\n');
    const gpu = items.find((i) => i.label === 'nvidia.com/gpu');
    assert.equal(gpu?.detail, 'taint on 2 of 9 nodes (guide-cluster)');
  });

  it('gives a ConfigMap nothing and an empty document apiVersion/kind', async () => {
    assert.deepEqual(await completeAt('file:///cm.yaml', 'kind: ConfigMap\ndata:\n  |\n'), []);
    assert.deepEqual((await completeAt('file:///new.yaml', '|')).map((i) => i.label), ['apiVersion: apps/v1', 'kind: DaemonSet']);
  });
});
