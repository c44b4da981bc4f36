/**
 * Charts in the editor beyond the preview's first answer: the rendered
 * diagnostics use `helm template` where the preview does (one run serves
 * both), a slow helm is stopped when the request is cancelled, the `helm:`
 * options of `.daemonset-tools.yaml` apply (the user's Select Values Files
 * choice over its values files), and a chart file changed on disk renders
 * the chart again.
 */
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { HELM_CANCELLED } from '../../server/src/helm/render/helmRunner';
import type { ChartPlacementResult } from '../../server/src/protocol';
import { ChartPlacementRequestMethod } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { startTestClient } from './lspClient';

const FIXTURE = resolve(__dirname, '../fixtures/charts/node-agent');
const PROFILE = resolve(__dirname, '../../profiles/sample.profile.yaml');

/** A DaemonSet whose restartPolicy only helm's output has (the template has none). */
const MANIFEST = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: from-helm\nspec:\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: x\n          image: x:1\n';

/** Waits for a condition of the outside world (a file a process writes, a process gone), checking every 20 ms, 10 s at most. */
async function until(what: string, condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((done) => setTimeout(done, 20));
  }
  assert.fail(`timed out waiting until ${what}`);
}

const messageOf = (d: Diagnostic | undefined): string => (typeof d?.message === 'string' ? d.message : (d?.message.value ?? ''));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('LSP: charts in the editor', () => {
  let dir: string;
  let chart: string;
  const uri = (rel: string) => pathToFileURL(join(chart, rel)).toString();
  const place = (client: TestClient, valuesFiles?: string[], cancel?: CancellationTokenSource): Promise<ChartPlacementResult> => {
    const params = { uri: uri('templates/daemonset.yaml'), profilePath: PROFILE, valuesFiles };
    return cancel ? client.connection.sendRequest(ChartPlacementRequestMethod, params, cancel.token) : client.connection.sendRequest(ChartPlacementRequestMethod, params);
  };
  const writeScript = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}`);
    chmodSync(path, 0o755);
    return path;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dst-chart-editor-'));
    chart = join(dir, 'charts/node-agent');
    cpSync(FIXTURE, chart, { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the diagnostics with helm template in a trusted workspace, one helm run for them and the preview', async () => {
    const runs = join(dir, 'runs');
    const helm = writeScript('helm', `echo "$*" >> '${runs}'\nprintf -- '---\\n# Source: node-agent/templates/daemonset.yaml\\n'\ncat <<'EOF'\n${MANIFEST}EOF\n`);
    const client = await startTestClient({ trusted: true, settings: { daemonsetTools: { helmPath: helm } } });
    try {
      await client.settingsChanged();
      client.open(uri('templates/daemonset.yaml'), readFileSync(join(chart, 'templates/daemonset.yaml'), 'utf8'));
      const published = await client.diagnosticsUntil(uri('templates/daemonset.yaml'), (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'restart-policy'));
      assert.ok(published.diagnostics.some((d) => d.code === 'restart-policy'), 'the finding of helm\'s output');
      const placed = await place(client);
      assert.equal(placed.kind === 'ok' && placed.chart.engine, 'helm');
      assert.deepEqual(placed.kind === 'ok' && placed.daemonSets.map((d) => d.name), ['from-helm']);
      assert.equal(readFileSync(runs, 'utf8').trim().split('\n').length, 1, 'the preview reused the diagnostics\' helm run');
    } finally {
      await client.stop();
    }
  });

  it('never runs helm for the diagnostics in an untrusted workspace', async () => {
    const ran = join(dir, 'untrusted-ran');
    const helm = writeScript('helm-untrusted', `touch '${ran}'\nexit 1\n`);
    const client = await startTestClient({ trusted: false, settings: { daemonsetTools: { helmPath: helm } } });
    try {
      await client.settingsChanged();
      const text = readFileSync(join(chart, 'templates/daemonset.yaml'), 'utf8');
      // a literal mistake only the rendering knows the line of: the built-in engine renders it
      client.open(uri('templates/daemonset.yaml'), text.replace('kind: DaemonSet', 'kind: DaemonSet\n{{ fail "stop here" }}'));
      const published = await client.diagnosticsUntil(uri('templates/daemonset.yaml'), (p) => p.diagnostics.some((d) => d.code === 'helm-render'));
      assert.match(messageOf(published.diagnostics.find((d) => d.code === 'helm-render')), /stop here/);
      assert.equal((await place(client)).kind, 'error');
      assert.equal(existsSync(ran), false, 'helm did not run');
    } finally {
      await client.stop();
    }
  });

  it('stops a slow helm template when the preview request is cancelled, and says so', async () => {
    const pidFile = join(dir, 'slow.pid');
    const helm = writeScript('helm-slow', `echo $$ > '${pidFile}'\nexec sleep 30\n`);
    const client = await startTestClient({ trusted: true, settings: { daemonsetTools: { helmPath: helm } } });
    try {
      await client.settingsChanged();
      const cancel = new CancellationTokenSource();
      const answer = place(client, undefined, cancel);
      await until('the slow helm has started', () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '');
      const pid = Number(readFileSync(pidFile, 'utf8'));
      assert.ok(alive(pid));
      cancel.cancel();
      const result = await answer;
      assert.equal(result.kind, 'error');
      assert.equal(result.kind === 'error' && result.message, HELM_CANCELLED);
      await until('the helm process is gone', () => !alive(pid));
      // not kept: the next request runs helm again
      rmSync(pidFile);
      const again = new CancellationTokenSource();
      const second = place(client, undefined, again);
      await until('helm runs again', () => existsSync(pidFile));
      again.cancel();
      assert.equal((await second).kind, 'error');
    } finally {
      await client.stop();
    }
  });

  it('applies the helm: options of .daemonset-tools.yaml; the user\'s values files choice wins over its values', async () => {
    const config = join(dir, '.daemonset-tools.yaml');
    writeFileSync(config, 'helm:\n  values: [values-prod.yaml]\n  release: ci\n  namespace: agents\n  set: [windows.enabled=false]\n');
    const client = await startTestClient({ trusted: false });
    try {
      const configured = await place(client);
      assert.equal(configured.kind, 'ok', configured.kind === 'error' ? configured.message : '');
      if (configured.kind !== 'ok') return;
      assert.deepEqual(configured.chart.valuesFiles, ['values.yaml', 'values-prod.yaml']);
      assert.deepEqual([configured.chart.release, configured.chart.namespace, configured.chart.configUri], ['ci', 'agents', pathToFileURL(config).toString()]);
      // values-prod.yaml turns the Windows variant on and the file's --set off again; the release and namespace name the DaemonSet
      assert.deepEqual(configured.daemonSets.map((d) => `${d.namespace}/${d.name}`), ['agents/ci-node-agent']);
      // values-prod.yaml tolerates every taint: node2's NoExecute taint no longer keeps the agent off
      assert.equal(configured.daemonSets[0].nodes.find((n) => n.name === 'node2')?.status, 'runs');
      // the user chose values.yaml alone: the choice wins over the file's values, the other options stay
      const chosen = await place(client, []);
      assert.equal(chosen.kind, 'ok');
      if (chosen.kind !== 'ok') return;
      assert.deepEqual(chosen.chart.valuesFiles, ['values.yaml']);
      assert.deepEqual(chosen.daemonSets.map((d) => `${d.namespace}/${d.name}`), ['agents/ci-node-agent']);
      assert.equal(chosen.daemonSets[0].nodes.find((n) => n.name === 'node2')?.status, 'excluded', 'values.yaml alone tolerates NoSchedule only');
    } finally {
      rmSync(config);
      await client.stop();
    }
  });

  it('renders the diagnostics again when a values file changes on disk (watched, not open)', async () => {
    const client = await startTestClient({ trusted: false, capabilities: { workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } } } });
    const values = join(chart, 'values.yaml');
    const saved = readFileSync(values, 'utf8');
    try {
      const template = uri('templates/daemonset.yaml');
      client.open(template, readFileSync(join(chart, 'templates/daemonset.yaml'), 'utf8'));
      await client.diagnosticsUntil(template, (p) => !p.diagnostics.some((d) => d.code === 'helm-render'));
      await until('the server watches chart files', () => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles' && JSON.stringify(r.registerOptions).includes('templates/**')));
      // a checkout empties metrics in values.yaml, which is not open: the template's `.Values.metrics.enabled` fails
      writeFileSync(values, saved.replace('metrics:\n  enabled: true\n  port: 9102', 'metrics: null'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(values).toString(), type: 2 }] });
      const broken = await client.diagnosticsUntil(template, (p) => p.diagnostics.some((d) => d.code === 'helm-render'));
      assert.match(messageOf(broken.diagnostics.find((d) => d.code === 'helm-render')), /nil pointer|metrics/);
      assert.equal((await place(client)).kind, 'error', 'the preview renders the disk\'s values.yaml');
      // checked out back
      writeFileSync(values, saved);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(values).toString(), type: 2 }] });
      await client.diagnosticsUntil(template, (p) => !p.diagnostics.some((d) => d.code === 'helm-render'));
      assert.equal((await place(client)).kind, 'ok');
    } finally {
      writeFileSync(values, saved);
      await client.stop();
    }
  });
});
