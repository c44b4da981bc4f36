import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { obtainKubectl } from '../../scripts/obtainTools.mjs';
import { after, before, describe, it } from 'node:test';
import type { OverlayPlacementResult, PlacementComparison } from '../../server/src/protocol';
import { CompareOverlaysRequestMethod, OverlayPlacementRequestMethod } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { startTestClient } from './lspClient';

const fixture = resolve(__dirname, '../fixtures/kustomize/node-agent');
const uri = (path: string) => pathToFileURL(resolve(fixture, path)).toString();

describe('LSP overlay placement (built-in engine: an untrusted workspace never runs kubectl)', () => {
  let client: TestClient;
  before(async () => {
    // (Restricted Mode reads profiles inside the workspace only: examples/ holds the second profile of the comparisons)
    client = await startTestClient({ trusted: false, workspaceFolders: [resolve(__dirname, '../../examples')] });
  });
  after(async () => {
    await client.stop();
  });

  it('builds the overlay of a patch and places its DaemonSets, reasons pointing at base and patch lines', async () => {
    const result: OverlayPlacementResult = await client.connection.sendRequest(OverlayPlacementRequestMethod, { uri: uri('overlays/prod/node-selector.yaml') });
    assert.equal(result.kind, 'ok');
    if (result.kind !== 'ok') return;
    assert.deepEqual([result.overlay.name, result.overlay.engine, result.overlay.kustomizationUri], ['prod', 'builtin', uri('overlays/prod/kustomization.yaml')]);
    const [ds] = result.daemonSets;
    assert.equal(ds.name, 'prod-node-agent');
    assert.deepEqual([ds.location?.uri, ds.location?.range.start.line], [uri('base/daemonset.yaml'), 1]);
    const reasons = ds.nodes.flatMap((n) => n.reasons).filter((r) => r.code === 'NodeSelectorMismatch');
    assert.ok(reasons.length > 0);
    // the pool label comes from the overlay's patch, the os label from the base
    const places = new Set(reasons.map((r) => `${r.location?.uri.split('/').slice(-2).join('/')}:${r.location?.range.start.line}`));
    assert.ok(places.has('prod/node-selector.yaml:8'), [...places].join(' '));
  });

  it('answers none for a file that is no overlay part, and compares two overlays by their base DaemonSet', async () => {
    const none: OverlayPlacementResult = await client.connection.sendRequest(OverlayPlacementRequestMethod, { uri: uri('base/daemonset.yaml') });
    assert.equal(none.kind, 'none');
    const comparison: PlacementComparison = await client.connection.sendRequest(CompareOverlaysRequestMethod, { before: { uri: uri('overlays/prod/kustomization.yaml') }, after: { uri: uri('overlays/gpu/kustomization.yaml') } });
    assert.equal(comparison.kind, 'ok');
    if (comparison.kind !== 'ok') return;
    assert.deepEqual([comparison.before.label, comparison.after.label], ['prod', 'gpu']);
    const agent = comparison.daemonSets.find((d) => d.name === 'node-agent-gpu');
    assert.ok(agent?.before && agent.after, JSON.stringify(comparison.daemonSets.map((d) => d.name)));
  });

  it('compares one overlay on two profiles (Compare Profiles on an overlay)', async () => {
    const capture = resolve(__dirname, '../../examples/profiles/kubectl-capture.json');
    const kustomization = uri('overlays/prod/kustomization.yaml');
    const comparison: PlacementComparison = await client.connection.sendRequest(CompareOverlaysRequestMethod, { before: { uri: kustomization, label: 'sample' }, after: { uri: kustomization, label: 'capture', profilePath: capture } });
    assert.equal(comparison.kind, 'ok');
    if (comparison.kind !== 'ok') return;
    assert.deepEqual([comparison.before.profile, comparison.after.profile], ['guide-cluster', 'kubectl-capture']);
    assert.ok(comparison.daemonSets.length > 0 && comparison.daemonSets.every((d) => d.before?.nodes === 9 && d.after?.nodes === 2), JSON.stringify(comparison.daemonSets));
  });
});

describe('LSP overlay placement with the exact engine (kubectl kustomize, trusted workspaces only)', () => {
  let dir: string;
  let kubectl: string;
  let ran: string;
  before(() => {
    // the project's kubectl behind a script that notes each run
    dir = mkdtempSync(join(tmpdir(), 'dst-overlay-kubectl-'));
    ran = join(dir, 'runs');
    kubectl = join(dir, 'kubectl');
    writeFileSync(kubectl, `#!/bin/sh\necho "$*" >> '${ran}'\nexec '${obtainKubectl()}' "$@"\n`);
    chmodSync(kubectl, 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const place = (client: TestClient): Promise<OverlayPlacementResult> => client.connection.sendRequest(OverlayPlacementRequestMethod, { uri: uri('overlays/prod/node-selector.yaml') });

  it('builds with daemonsetTools.kubectlPath in a trusted workspace, reasons still at base and patch lines', async () => {
    const client = await startTestClient({ trusted: true, settings: { daemonsetTools: { kubectlPath: kubectl } } });
    try {
      await client.settingsChanged();
      const result = await place(client);
      assert.equal(result.kind, 'ok');
      if (result.kind !== 'ok') return;
      assert.equal(result.overlay.engine, 'kubectl');
      assert.match(readFileSync(ran, 'utf8'), /^kustomize .*overlays\/prod$/m);
      assert.equal(result.daemonSets[0].name, 'prod-node-agent');
      const places = new Set(result.daemonSets[0].nodes.flatMap((n) => n.reasons).map((r) => `${r.location?.uri.split('/').slice(-2).join('/')}:${r.location?.range.start.line}`));
      assert.ok(places.has('prod/node-selector.yaml:8'), [...places].join(' '));
    } finally {
      await client.stop();
    }
  });

  it('never runs it in an untrusted workspace, even with engine kubectl: the built-in engine builds (README: Engines)', async () => {
    rmSync(ran, { force: true });
    for (const kustomize of [{ engine: 'auto' }, { engine: 'kubectl' }]) {
      const client = await startTestClient({ trusted: false, settings: { daemonsetTools: { kubectlPath: kubectl, kustomize } } });
      try {
        await client.settingsChanged();
        const result = await place(client);
        assert.equal(result.kind === 'ok' && result.overlay.engine, 'builtin', kustomize.engine);
      } finally {
        await client.stop();
      }
    }
    assert.ok(!existsSync(ran), 'kubectl ran in an untrusted workspace');
  });
});
