import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { TestClient } from './lspClient';
import { startTestClient } from './lspClient';

/** An overlay on disk: a kustomization naming a partial DaemonSet as a patch. */
const PATCH = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: node-agent\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          args: [--verbose]\n          imagePullPolicy: Sometimes\n';

describe('LSP: patches of a Kustomize overlay', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dst-overlay-'));
    mkdirSync(join(dir, 'overlay'));
    writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), 'resources: [../base]\npatches:\n  - path: agent-args.yaml\n  - path: ops.yaml\n    target: {kind: DaemonSet, name: node-agent}\n');
    writeFileSync(join(dir, 'overlay', 'agent-args.yaml'), PATCH);
    client = await startTestClient();
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks a strategic-merge patch as a partial object: no missing-required, but a wrong enum still', async () => {
    const uri = pathToFileURL(join(dir, 'overlay', 'agent-args.yaml')).toString();
    const published = client.nextDiagnostics(uri);
    client.open(uri, PATCH);
    const { diagnostics } = await published;
    assert.deepEqual(diagnostics.filter((d) => d.severity === 1).map((d) => [d.range.start.line, d.code]), [[10, 'invalid-enum']]);
    // the same text outside an overlay is a whole DaemonSet, with what it misses
    const loose = 'file:///loose.yaml';
    const alone = client.nextDiagnostics(loose);
    client.open(loose, PATCH);
    assert.ok((await alone).diagnostics.some((d) => d.code === 'missing-required'));
  });

  it('checks a JSON 6902 patch of the overlay as operations on its target kind', async () => {
    const uri = pathToFileURL(join(dir, 'overlay', 'ops.yaml')).toString();
    const published = client.nextDiagnostics(uri);
    client.open(uri, '- op: add\n  path: /spec/template/spec/hostNetwrk\n  value: true\n- op: delete\n  path: /spec\n');
    const { diagnostics } = await published;
    assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.code]), [[1, 'unknown-field'], [3, 'invalid-json-patch']]);
  });
});
