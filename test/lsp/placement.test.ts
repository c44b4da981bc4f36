import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ComparePlacementParams, NodeDetailsResult, PlacementComparison, PlacementResult } from '../../server/src/protocol';
import { ComparePlacementRequestMethod, NodeDetailsRequestMethod } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { requestPlacement, startTestClient } from './lspClient';

const root = resolve(__dirname, '../..');

describe('LSP placement request', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => {
    await client.stop();
  });

  it('places each DaemonSet of the document on the built-in sample profile, with reasons pointing at the manifest', async () => {
    const uri = 'file:///fluentd.yaml';
    const text = readFileSync(resolve(root, 'examples/fluentd-nodeselector.yaml'), 'utf8');
    client.open(uri, text);
    const result: PlacementResult = await requestPlacement(client.connection, { uri });
    assert.equal(result.kind, 'ok');
    if (result.kind !== 'ok') return;
    assert.equal(result.profile.name, 'guide-cluster');
    const [ds] = result.daemonSets;
    assert.deepEqual(ds.summary, { runs: 2, pending: 0, excluded: 7 });
    assert.deepEqual([ds.rollout.atOnce, ds.rollout.waves], [1, 2], 'default maxUnavailable 1 over the 2 nodes that run it');
    const gpu = ds.nodes.find((n) => n.name === 'gpu-1')!;
    const selector = gpu.reasons.find((r) => r.code === 'NodeSelectorMismatch')!;
    assert.equal(text.split('\n')[selector.range!.start.line].trim(), 'type: platform-tools');
    assert.equal(gpu.pool, 'gpu');
    assert.ok(gpu.taints.includes('nvidia.com/gpu=present:NoSchedule'));
    // only the labels that tell the node apart travel with the verdict (the rest with its details)
    assert.deepEqual(gpu.labels, ['nvidia.com/gpu.present=true', 'node.kubernetes.io/instance-type=p3.2xlarge']);
  });

  it('follows edits and reads a given profile file', async () => {
    const uri = 'file:///edit.yaml';
    const text = readFileSync(resolve(root, 'examples/fluentd-taint.yaml'), 'utf8');
    client.open(uri, text);
    const profilePath = resolve(root, 'examples/profiles/guide.profile.yaml');
    const before: PlacementResult = await requestPlacement(client.connection, { uri, profilePath });
    assert.ok(before.kind === 'ok' && before.daemonSets[0].nodes.find((n) => n.name === 'control-plane-1')?.status === 'excluded');
    client.change(uri, text.replace('      tolerations:\n', '      tolerations:\n        - key: node-role.kubernetes.io/control-plane\n          operator: Exists\n'), 2);
    const after: PlacementResult = await requestPlacement(client.connection, { uri, profilePath });
    assert.ok(after.kind === 'ok' && after.daemonSets[0].nodes.find((n) => n.name === 'control-plane-1')?.status === 'runs');
  });

  it('compares the placement of two texts of a document (Compare with Git HEAD)', async () => {
    const uri = 'file:///compare.yaml';
    const text = readFileSync(resolve(root, 'examples/fluentd-taint.yaml'), 'utf8');
    client.open(uri, text.replace('      tolerations:\n', '      tolerations:\n        - key: node-role.kubernetes.io/control-plane\n          operator: Exists\n'));
    const profilePath = resolve(root, 'examples/profiles/guide.profile.yaml');
    const params: ComparePlacementParams = { uri, before: { label: 'HEAD', text, profilePath }, after: { label: 'unsaved', profilePath } };
    const result: PlacementComparison = await client.connection.sendRequest(ComparePlacementRequestMethod, params);
    assert.ok(result.kind === 'ok', JSON.stringify(result));
    assert.deepEqual(result.daemonSets[0].changes.map((c) => [c.node, c.before, c.after]), [['control-plane-1', 'excluded', 'runs']]);
  });

  it('gives a node\'s allocatable and free room on request', async () => {
    const details: NodeDetailsResult | null = await client.connection.sendRequest(NodeDetailsRequestMethod, { node: 'full-1' });
    assert.deepEqual(details, {
      labels: { 'kubernetes.io/hostname': 'full-1', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
      allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
      free: { cpu: '50m', memory: '484Mi', pods: '0' },
    });
    assert.equal(await client.connection.sendRequest(NodeDetailsRequestMethod, { node: 'nope' }), null);
  });

  it('offers quick fixes from the verdict (tolerate a taint on N nodes)', async () => {
    const uri = 'file:///fix-placement.yaml';
    client.open(uri, readFileSync(resolve(root, 'examples/fluentd.yaml'), 'utf8'));
    const actions: Array<{ title: string }> = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, context: { diagnostics: [] } });
    assert.ok(actions.some((a) => a.title === 'Tolerate taint nvidia.com/gpu=present:NoSchedule on 2 nodes'), actions.map((a) => a.title).join(', '));
  });

  it('explains an unreadable profile instead of failing', async () => {
    client.open('file:///x.yaml', 'kind: DaemonSet\n');
    const result: PlacementResult = await requestPlacement(client.connection, { uri: 'file:///x.yaml', profilePath: '/nonexistent/profile.yaml' });
    assert.equal(result.kind, 'error');
  });
});
