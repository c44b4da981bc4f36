/**
 * Restricted Mode over LSP: in an untrusted workspace the server reads
 * cluster profiles only from inside the workspace folders (symlinks
 * resolved), whoever names the path (the placement, node-details and compare
 * requests, the activeProfile setting), and the built-in sample otherwise.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import type { PlacementComparison, PlacementResult } from '../../server/src/protocol';
import { ComparePlacementRequestMethod, NodeDetailsRequestMethod, WorkspaceTrustNotificationMethod } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { requestPlacement, startTestClient, withCursor } from './lspClient';

const profile = (name: string, label: string) => `kind: ClusterProfile\nmetadata: {name: ${name}}\nnodes:\n  - name: ${name}-1\n    labels: {secret: ${label}}\n`;
const MANIFEST = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: a, image: a}]\n';
const RESTRICTED = /^Restricted Mode: the cluster profile .* (is outside the workspace folders|links to .*, outside the workspace folders), so it is not read\. Trust the workspace/;

describe('LSP in an untrusted workspace', () => {
  // <tmp>/workspace (the folder) and <tmp>/outside (its neighbour, not in the workspace)
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'dst-trust-')));
  const workspace = join(base, 'workspace');
  const outside = join(base, 'outside');
  const inside = join(workspace, 'inside.profile.yaml');
  const secret = join(outside, 'x.profile.yaml');
  let client: TestClient;
  const uri = 'file:///untrusted.yaml';

  before(async () => {
    mkdirSync(join(workspace, 'linked'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(inside, profile('inside', 'in-workspace'));
    writeFileSync(secret, profile('outside', 'from-outside'));
    // a link in the workspace to the file outside, and a linked folder that leads out
    symlinkSync(secret, join(workspace, 'link.profile.yaml'));
    symlinkSync(outside, join(workspace, 'linked', 'out'));
    client = await startTestClient({ workspaceFolders: [workspace], trusted: false, settings: { daemonsetTools: { activeProfile: '../outside/x.profile.yaml' } } });
    client.open(uri, MANIFEST);
  });
  after(async () => {
    await client.stop();
    rmSync(base, { recursive: true, force: true });
  });

  const place = (profilePath?: string): Promise<PlacementResult> => requestPlacement(client.connection, { uri, profilePath });

  it('refuses profile paths outside the workspace folders, relative, absolute or through a symlink', async () => {
    for (const path of ['../outside/x.profile.yaml', join(workspace, '..', 'outside', 'x.profile.yaml'), secret, '/etc/passwd', join(workspace, 'link.profile.yaml'), join(workspace, 'linked', 'out', 'x.profile.yaml')]) {
      const result = await place(path);
      assert.equal(result.kind, 'error', path);
      if (result.kind === 'error') assert.match(result.message, RESTRICTED, path);
    }
  });

  it('reads profiles inside the workspace, and the built-in sample', async () => {
    const own = await place(inside);
    assert.equal(own.kind === 'ok' ? own.profile.name : own.message, 'inside');
    const relative = await place('inside.profile.yaml');
    assert.equal(relative.kind === 'ok' ? relative.profile.name : relative.message, 'inside');
    const sample = await place(undefined);
    assert.equal(sample.kind === 'ok' ? sample.profile.name : sample.message, 'guide-cluster');
  });

  it('refuses the node-details request and either side of a comparison the same way', async () => {
    await assert.rejects(client.connection.sendRequest(NodeDetailsRequestMethod, { node: 'outside-1', profilePath: secret }), (error: Error) => RESTRICTED.test(error.message));
    const inWorkspace = await client.connection.sendRequest(NodeDetailsRequestMethod, { node: 'inside-1', profilePath: inside });
    assert.deepEqual((inWorkspace as { labels: Record<string, string> }).labels.secret, 'in-workspace');
    const comparison: PlacementComparison = await client.connection.sendRequest(ComparePlacementRequestMethod, { uri, before: { label: 'HEAD', text: MANIFEST }, after: { label: 'x', profilePath: secret } });
    assert.equal(comparison.kind, 'error');
    if (comparison.kind === 'error') assert.match(comparison.message, /^x: Restricted Mode: /);
  });

  it('completes from the built-in sample, not from an activeProfile outside the workspace', async () => {
    const marked = withCursor('apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      nodeSelector:\n        secret: |\n');
    client.open('file:///complete.yaml', marked.text);
    const items: CompletionItem[] | null = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: 'file:///complete.yaml' }, position: { line: marked.line, character: marked.character } });
    assert.ok(!(items ?? []).some((i) => i.label === 'from-outside'), JSON.stringify(items?.map((i) => i.label)));
    assert.ok(client.logs.some((line) => RESTRICTED.test(line)), 'the refusal is logged');
  });

  it('reads the same file once the workspace is trusted', async () => {
    await client.connection.sendNotification(WorkspaceTrustNotificationMethod, { trusted: true });
    const result = await place(secret);
    assert.equal(result.kind === 'ok' ? result.profile.name : result.message, 'outside');
    const marked = withCursor('apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      nodeSelector:\n        secret: |\n');
    client.open('file:///complete-trusted.yaml', marked.text);
    const items: CompletionItem[] | null = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: 'file:///complete-trusted.yaml' }, position: { line: marked.line, character: marked.character } });
    assert.ok((items ?? []).some((i) => i.label === 'from-outside'), JSON.stringify(items?.map((i) => i.label)));
  });
});

describe('LSP with a client that says nothing about trust', () => {
  it('treats the workspace as untrusted (fails closed)', async () => {
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'dst-trust-')));
    const file = join(base, 'x.profile.yaml');
    writeFileSync(file, profile('x', 'y'));
    const client = await startTestClient({ trusted: null });
    try {
      client.open('file:///silent.yaml', MANIFEST);
      const result: PlacementResult = await requestPlacement(client.connection, { uri: 'file:///silent.yaml', profilePath: file });
      assert.equal(result.kind, 'error');
      if (result.kind === 'error') assert.match(result.message, /^Restricted Mode: .* cannot be checked against a workspace folder \(none is open\)/);
    } finally {
      await client.stop();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
