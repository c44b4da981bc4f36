import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import type { TestClient } from './lspClient';
import { startTestClient } from './lspClient';

const BAD = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      nodeSelecter: {a: b}\n      containers:\n        - name: c\n          image: nginx:1.27\n';

describe('LSP diagnostics over stdio', () => {
  describe('push (client without pull support)', () => {
    let client: TestClient;
    before(async () => {
      client = await startTestClient();
    });
    after(async () => {
      await client.stop();
    });

    it('publishes squiggles at the right line with codes, debounced, for the latest version', async () => {
      const uri = 'file:///push.yaml';
      const published = client.nextDiagnostics(uri);
      client.open(uri, BAD);
      const params = await published;
      const byCode = Object.fromEntries(params.diagnostics.map((d) => [String(d.code), d]));
      assert.equal(byCode['daemonset-replicas']?.range.start.line, 5);
      assert.equal(byCode['unknown-field']?.range.start.line, 12);
      assert.match(byCode['unknown-field'].message as string, /did you mean `nodeSelector`/);
      const next = client.nextDiagnostics(uri);
      client.change(uri, BAD.replace('  replicas: 2\n', ''), 2);
      client.change(uri, BAD.replace('  replicas: 2\n', '').replace('nodeSelecter', 'nodeSelector'), 3);
      const fixed = await next;
      assert.equal(fixed.version, 3, 'only the latest version is published');
      assert.deepEqual(fixed.diagnostics.filter((d) => d.severity === 1), []);
    });

    it('checks a cluster profile file with the reader `place` uses, and completes its fields', async () => {
      const uri = 'file:///lab.profile.yaml';
      const published = client.nextDiagnostics(uri);
      const text = 'kind: ClusterProfile\nnodes:\n  - name: a\n    allocatable: {cpu: lots}\n    \n';
      client.open(uri, text);
      const { diagnostics } = await published;
      assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.code, d.message]), [[3, 'invalid-profile', 'nodes[0].allocatable.cpu is not a quantity: write one such as 500m, 4 or 16Gi']]);
      const items: Array<{ label: string }> = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 4 } });
      assert.ok(['taints', 'labels', 'used'].every((key) => items.some((i) => i.label === key)), JSON.stringify(items.map((i) => i.label)));
    });

    it('offers quick fixes that edit the document', async () => {
      const uri = 'file:///fix.yaml';
      const published = client.nextDiagnostics(uri);
      client.open(uri, BAD);
      await published;
      const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 12, character: 8 }, end: { line: 12, character: 8 } },
        context: { diagnostics: [] },
      });
      const rename = actions.find((a) => a.title.includes('nodeSelector'));
      assert.ok(rename, JSON.stringify(actions.map((a) => a.title)));
      assert.deepEqual(rename.edit?.changes?.[uri], [{ range: { start: { line: 12, character: 6 }, end: { line: 12, character: 18 } }, newText: 'nodeSelector' }]);
    });

    it('gives ConfigMaps nothing', async () => {
      const uri = 'file:///cm.yaml';
      const published = client.nextDiagnostics(uri);
      client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: 1\n  nodeSelecter: x\n');
      assert.deepEqual((await published).diagnostics, []);
    });
  });

  describe('pull (client with textDocument/diagnostic)', () => {
    let client: TestClient;
    before(async () => {
      client = await startTestClient({ capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } }, settings: { daemonsetTools: { diagnostics: { rules: { 'daemonset-replicas': 'off' } } } } });
    });
    after(async () => {
      await client.stop();
    });

    it('answers document diagnostics and honours rule settings', async () => {
      assert.ok(client.initializeResult.capabilities.diagnosticProvider);
      const uri = 'file:///pull.yaml';
      client.open(uri, BAD);
      // settings arrive through workspace/configuration after initialized; ask until they apply
      let codes: unknown[] = [];
      for (let i = 0; i < 50; i++) {
        const report: DocumentDiagnosticReport = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
        assert.equal(report.kind, 'full');
        codes = 'items' in report ? report.items.filter((d) => d.severity === 1).map((d) => d.code) : [];
        if (!codes.includes('daemonset-replicas')) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.deepEqual(codes, ['unknown-field']);
    });

    it('answers "unchanged" while the client\'s previous report still holds (a keystroke inside a line), the new diagnostics when they moved', async () => {
      const uri = 'file:///pull-unchanged.yaml';
      client.open(uri, BAD);
      const pull = (previousResultId?: string): Promise<DocumentDiagnosticReport & { resultId?: string }> => client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
      const change = (version: number, line: number, character: number, text: string) =>
        client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }] });
      const first = await pull();
      assert.equal(first.kind, 'full');
      assert.ok(first.resultId, 'a whole report carries a result id');
      // `name: x` becomes `name: xy`: no diagnostic moves
      await change(2, 3, 9, 'y');
      assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
      // a line above every finding: they all move down
      await change(3, 0, 0, '\n');
      const moved = await pull(first.resultId);
      assert.equal(moved.kind, 'full');
      assert.notEqual(moved.resultId, first.resultId);
      const fresh = 'file:///pull-fresh.yaml';
      client.open(fresh, `\n${BAD.replace('name: x', 'name: xy')}`);
      const expected: DocumentDiagnosticReport = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: fresh } });
      assert.deepEqual('items' in moved && moved.items, 'items' in expected && expected.items);
      // without the client's result id (or with another one) the answer is whole
      assert.equal((await pull()).kind, 'full');
      assert.equal((await pull('elsewhere')).kind, 'full');
    });
  });
});
