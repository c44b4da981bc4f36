/**
 * The chart placement requests over LSP: the chart of a template, helpers or
 * values file rendered with the chosen values files (values.yaml first),
 * unsaved editor text used, DaemonSets and reasons located in templates and
 * values files; Compare Values Files; helm run only in a trusted workspace
 * with daemonsetTools.helmPath set.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { ChartPlacementResult, PlacementComparison } from '../../server/src/protocol';
import { ChartPlacementRequestMethod, CompareValuesFilesRequestMethod } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { startTestClient } from './lspClient';

const chart = resolve(__dirname, '../fixtures/charts/node-agent');
const uri = (path: string) => pathToFileURL(resolve(chart, path)).toString();
const ok = (result: ChartPlacementResult) => {
  assert.equal(result.kind, 'ok', result.kind === 'error' ? result.message : result.kind);
  return result;
};
const place = (client: TestClient, file: string, valuesFiles?: string[]): Promise<ChartPlacementResult> => client.connection.sendRequest(ChartPlacementRequestMethod, { uri: uri(file), valuesFiles });
const where = (location: { uri: string; range: { start: { line: number } } } | undefined) => (location ? `${location.uri.slice(pathToFileURL(chart).toString().length + 1)}:${location.range.start.line}` : 'nowhere');

describe('LSP chart placement (built-in engine)', () => {
  let client: TestClient;
  before(async () => {
    // (Restricted Mode reads profiles inside the workspace only: examples/ holds the second profile of the comparisons)
    client = await startTestClient({ trusted: false, workspaceFolders: [resolve(__dirname, '../../examples')] });
  });
  after(async () => {
    await client.stop();
  });

  it('renders the chart of a template with values.yaml and places its DaemonSet, located in the template', async () => {
    const result = ok(await place(client, 'templates/daemonset.yaml'));
    assert.equal(result.chart.name, 'node-agent');
    assert.equal(result.chart.engine, 'builtin');
    assert.deepEqual(result.chart.valuesFiles, ['values.yaml']);
    assert.deepEqual(result.chart.availableValuesFiles, ['values.yaml', 'staging.values.yaml', 'values-prod.yaml']);
    assert.deepEqual(result.daemonSets.map((d) => `${d.namespace}/${d.name}`), ['default/release-name-node-agent']);
    assert.equal(where(result.daemonSets[0].location), 'templates/daemonset.yaml:1');
    assert.equal(result.profile.name, 'guide-cluster');
    // values.yaml tolerates NoSchedule taints only: node2's NoExecute taint keeps it off
    const node2 = result.daemonSets[0].nodes.find((n) => n.name === 'node2');
    assert.equal(node2?.status, 'excluded');
  });

  it('answers for a helpers file and a values file the same chart, with the chosen values files after values.yaml', async () => {
    const helpers = ok(await place(client, 'templates/_helpers.tpl', ['values-prod.yaml']));
    assert.deepEqual(helpers.chart.valuesFiles, ['values.yaml', 'values-prod.yaml']);
    // values-prod.yaml turns the Windows variant on and tolerates every taint
    assert.deepEqual(helpers.daemonSets.map((d) => d.name).sort(), ['release-name-node-agent', 'release-name-node-agent-windows']);
    const linux = helpers.daemonSets.find((d) => d.name === 'release-name-node-agent');
    assert.equal(linux?.nodes.find((n) => n.name === 'node2')?.status, 'runs');
    const values = ok(await place(client, 'staging.values.yaml', ['staging.values.yaml']));
    assert.deepEqual(values.chart.valuesFiles, ['values.yaml', 'staging.values.yaml']);
  });

  it('locates a reason in the values file that set the value', async () => {
    const result = ok(await place(client, 'templates/daemonset.yaml', ['staging.values.yaml']));
    const [ds] = result.daemonSets;
    assert.equal(ds.name, 'agent-staging', 'fullnameOverride of staging.values.yaml');
    assert.equal(ds.summary.runs, 0, 'no node of the profile has the staging label');
    const mismatch = ds.nodes.flatMap((n) => n.reasons).find((r) => r.code === 'NodeSelectorMismatch');
    const line = readFileSync(join(chart, 'staging.values.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('node-role.example.com/staging'));
    assert.equal(where(mismatch?.location), `staging.values.yaml:${line}`);
  });

  it('renders the unsaved text of open templates and values files', async () => {
    const valuesUri = uri('values.yaml');
    const text = readFileSync(join(chart, 'values.yaml'), 'utf8');
    client.open(valuesUri, text.replace('tolerations:\n  - operator: Exists\n    effect: NoSchedule', 'tolerations:\n  - operator: Exists'));
    const tolerant = ok(await place(client, 'templates/daemonset.yaml'));
    assert.equal(tolerant.daemonSets[0].nodes.find((n) => n.name === 'node2')?.status, 'runs', 'the unsaved toleration counts');
    // values that render no DaemonSet are an answer, not an error
    client.change(valuesUri, text.replace('enabled: true', 'enabled: false'), 2);
    const none = ok(await place(client, 'templates/daemonset.yaml'));
    assert.deepEqual(none.daemonSets, []);
    client.change(valuesUri, text, 3);
  });

  it('renders the unsaved text of a helpers file the editor has as plain text, and never validates it', async () => {
    const helpersUri = uri('templates/_helpers.tpl');
    const text = readFileSync(join(chart, 'templates/_helpers.tpl'), 'utf8');
    assert.ok(text.includes('{{- define "node-agent.fullname" -}}'));
    const published = client.nextDiagnostics(helpersUri);
    // (without VS Code's Kubernetes extension a .tpl file is plain text: the client sends it for the chart's sake)
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: helpersUri, languageId: 'plaintext', version: 1, text: text.replace('{{- define "node-agent.fullname" -}}', '{{- define "node-agent.fullname" -}}\nedited-') } });
    assert.deepEqual((await published).diagnostics, []);
    const result = ok(await place(client, 'templates/daemonset.yaml'));
    assert.match(result.daemonSets[0].name, /^edited-/);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: helpersUri } });
  });

  it('says where a chart fails to render, and leaves out values files that are not the chart\'s', async () => {
    const template = uri('templates/daemonset.yaml');
    const text = readFileSync(join(chart, 'templates/daemonset.yaml'), 'utf8');
    client.open(template, text.replace('kind: DaemonSet', 'kind: DaemonSet\n{{ required "agent.token is required" .Values.agent.token }}'));
    const failed = await place(client, 'templates/daemonset.yaml');
    assert.equal(failed.kind, 'error');
    if (failed.kind === 'error') {
      assert.match(failed.message, /nil pointer|agent\.token is required/);
      assert.equal(where(failed.location), 'templates/daemonset.yaml:3');
      assert.equal(failed.chart?.name, 'node-agent');
    }
    client.change(template, text, 2);
    const outside = ok(await place(client, 'templates/daemonset.yaml', ['../csi-node/values.yaml', 'values-missing.yaml']));
    assert.deepEqual(outside.chart.valuesFiles, ['values.yaml']);
    assert.deepEqual(outside.chart.warnings, ['values file ../csi-node/values.yaml is not in the chart: left out', 'values file values-missing.yaml was not found: left out']);
  });

  it('answers none for a file in no chart', async () => {
    const result: ChartPlacementResult = await client.connection.sendRequest(ChartPlacementRequestMethod, { uri: pathToFileURL(resolve(__dirname, '../../examples/fluentd.yaml')).toString() });
    assert.equal(result.kind, 'none');
  });

  it('compares two sets of values files on one profile', async () => {
    const comparison: PlacementComparison = await client.connection.sendRequest(CompareValuesFilesRequestMethod, { uri: uri('values.yaml'), before: { valuesFiles: [] }, after: { valuesFiles: ['values-prod.yaml'] } });
    assert.equal(comparison.kind, 'ok');
    if (comparison.kind !== 'ok') return;
    assert.deepEqual([comparison.before.label, comparison.after.label], ['values.yaml', 'values.yaml, values-prod.yaml']);
    const linux = comparison.daemonSets.find((d) => d.name === 'release-name-node-agent');
    assert.deepEqual(linux?.changes.find((c) => c.node === 'node2'), { node: 'node2', before: 'excluded', after: 'runs', reasons: ['taint app=fluentd-logging:NoExecute is not tolerated'] });
    const windows = comparison.daemonSets.find((d) => d.name === 'release-name-node-agent-windows');
    assert.ok(windows && !windows.before && windows.after, 'the Windows DaemonSet exists with values-prod.yaml only');
  });

  it('compares the chart on two profiles (Compare Profiles on a chart): the same values files, a profile per side', async () => {
    const capture = resolve(__dirname, '../../examples/profiles/kubectl-capture.json');
    const comparison: PlacementComparison = await client.connection.sendRequest(CompareValuesFilesRequestMethod, { uri: uri('templates/daemonset.yaml'), before: { valuesFiles: [], label: 'sample' }, after: { valuesFiles: [], label: 'capture', profilePath: capture } });
    assert.equal(comparison.kind, 'ok');
    if (comparison.kind !== 'ok') return;
    assert.deepEqual([comparison.before.profile, comparison.after.profile], ['guide-cluster', 'kubectl-capture']);
    const [ds] = comparison.daemonSets;
    assert.deepEqual([ds.before?.nodes, ds.after?.nodes], [9, 2]);
  });
});

describe('LSP chart placement with helm (daemonsetTools.helmPath)', () => {
  // A stand-in helm: records that it ran and prints one rendered DaemonSet.
  const bin = mkdtempSync(join(tmpdir(), 'dst-helm-'));
  const helm = join(bin, 'helm');
  const ran = join(bin, 'ran');
  const MANIFEST = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: from-helm\nspec:\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers:\n        - name: x\n          image: x:1\n';
  before(() => {
    writeFileSync(helm, `#!/bin/sh\necho "$*" > '${ran}'\nprintf -- '---\\n# Source: node-agent/templates/daemonset.yaml\\n'\ncat <<'EOF'\n${MANIFEST}EOF\n`);
    chmodSync(helm, 0o755);
  });
  after(() => rmSync(bin, { recursive: true, force: true }));


  it('never runs helm in an untrusted workspace', async () => {
    const client = await startTestClient({ trusted: false, settings: { daemonsetTools: { helmPath: helm } } });
    try {
      await client.settingsChanged();
      const result = ok(await place(client, 'templates/daemonset.yaml'));
      assert.equal(result.chart.engine, 'builtin');
      assert.equal(existsSync(ran), false);
    } finally {
      await client.stop();
    }
  });

  it('runs helm template in a trusted workspace, and the built-in engine while a chart file has unsaved changes', async () => {
    const client = await startTestClient({ trusted: true, settings: { daemonsetTools: { helmPath: helm } } });
    try {
      await client.settingsChanged();
      const result = ok(await place(client, 'templates/daemonset.yaml'));
      assert.equal(result.chart.engine, 'helm');
      assert.deepEqual(result.daemonSets.map((d) => d.name), ['from-helm']);
      assert.equal(where(result.daemonSets[0].location), 'templates/daemonset.yaml:0');
      assert.match(readFileSync(ran, 'utf8'), /^template release-name .*node-agent --namespace default/);
      client.open(uri('values.yaml'), readFileSync(join(chart, 'values.yaml'), 'utf8') + '\nextra: 1\n');
      const unsaved = ok(await place(client, 'templates/daemonset.yaml'));
      assert.equal(unsaved.chart.engine, 'builtin');
      assert.match(unsaved.chart.warnings.join('\n'), /unsaved changes: rendered with the built-in engine/);
    } finally {
      await client.stop();
    }
  });
});
