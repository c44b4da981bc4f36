import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import type { PlacementResult } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { requestPlacement, startTestClient } from './lspClient';

/** What `kubectl get ds -o yaml` prints: a List whose second item is a DaemonSet with one mistake. */
const LIST = [
  'apiVersion: v1',
  'kind: List',
  'items:',
  '- apiVersion: v1',
  '  kind: ConfigMap',
  '  metadata: {name: conf}',
  '- apiVersion: apps/v1',
  '  kind: DaemonSet',
  '  metadata: {name: agent}',
  '  spec:',
  '    selector: {matchLabels: {app: agent}}',
  '    template:',
  '      metadata: {labels: {app: agent}}',
  '      spec:',
  '        tolerations: [{operator: Exists, effect: NoExecut}]',
  '        containers: [{name: agent, image: "example/agent:1.0"}]',
  '',
].join('\n');

describe('LSP: a kubectl List of DaemonSets', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => {
    await client.stop();
  });

  it('underlines the item\'s mistake on its own line, hovers its fields and places it', async () => {
    const uri = 'file:///list.yaml';
    const published = client.nextDiagnostics(uri);
    client.open(uri, LIST);
    const { diagnostics } = await published;
    const errors = diagnostics.filter((d) => d.severity === 1);
    assert.deepEqual(errors.map((d) => [d.range.start.line, d.code]), [[14, 'invalid-enum']]);
    const result: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 14, character: 10 } });
    assert.match(JSON.stringify(result?.contents), /spec\.template\.spec\.tolerations/);
    const placement: PlacementResult = await requestPlacement(client.connection, { uri });
    assert.equal(placement.kind, 'ok');
    if (placement.kind !== 'ok') return;
    assert.deepEqual(placement.daemonSets.map((ds) => [ds.name, ds.range.start.line]), [['agent', 6]]);
  });
});
