import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { KubernetesVersionResult } from '../../server/src/protocol';
import { KubernetesVersionChangedNotificationMethod, KubernetesVersionRequestMethod } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { startTestClient } from './lspClient';

/** `hostnameOverride` (line 12) came in Kubernetes 1.34 (the fixture the CLI's version tests check). */
const AGENT = readFileSync(resolve(__dirname, '../fixtures/config/versions/agent.yaml'), 'utf8');

const versionErrors = (params: PublishDiagnosticsParams) => params.diagnostics.filter((d) => d.code === 'field-not-in-version').map((d) => `${d.range.start.line + 1} ${typeof d.message === 'string' ? d.message : d.message.value}`);

describe('LSP: the daemonsetTools.kubernetesVersion setting', () => {
  const settings = { daemonsetTools: { kubernetesVersion: '' } };
  let client: TestClient;
  before(async () => {
    client = await startTestClient({ settings });
  });
  after(async () => {
    await client.stop();
  });

  /** Publishes of uri until one satisfies the predicate (each publish is awaited, never a fixed wait). */
  async function publishUntil(uri: string, ok: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    for (;;) {
      const latest = client.published.get(uri)?.at(-1);
      if (latest && ok(latest)) return latest;
      await client.nextDiagnostics(uri);
    }
  }

  it('a changed setting changes the diagnostics, the hover and what the status bar asks for', async () => {
    const uri = 'file:///agent.yaml';
    client.open(uri, AGENT);
    assert.deepEqual(versionErrors(await publishUntil(uri, () => true)), [], 'the newest version by default');
    let answer: KubernetesVersionResult = await client.connection.sendRequest(KubernetesVersionRequestMethod, { uri });
    assert.deepEqual(answer, { version: '1.36', source: 'default', versions: ['1.33', '1.34', '1.35', '1.36'] });

    settings.daemonsetTools.kubernetesVersion = '1.33';
    // the status bar learns it from the server once the server has read the new settings
    const announced = new Promise<KubernetesVersionResult>((done) => client.connection.onNotification(KubernetesVersionChangedNotificationMethod, done));
    await client.settingsChanged();
    assert.deepEqual(await announced, { version: '1.33', source: 'setting', versions: ['1.33', '1.34', '1.35', '1.36'] });
    const published = await publishUntil(uri, (p) => versionErrors(p).length > 0);
    assert.deepEqual(versionErrors(published), ['12 `hostnameOverride` requires Kubernetes 1.34 or later; target is 1.33: remove it, or target 1.34 or later (kubernetesVersion) if your clusters run it']);
    answer = await client.connection.sendRequest(KubernetesVersionRequestMethod, { uri });
    assert.deepEqual(answer, { version: '1.33', source: 'setting', versions: ['1.33', '1.34', '1.35', '1.36'] });
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 8 } });
    const markdown = (hover.contents as { value: string }).value;
    assert.match(markdown, /Since Kubernetes 1\.34 · \*\*not in the target version 1\.33\*\*/);
    assert.match(markdown, /Kubernetes 1\.33 · \[DaemonSet API reference\]/);
  });

  it('a field behind a gate off by default in the target version is a warning, and hover names the gate', async () => {
    const uri = 'file:///gated.yaml';
    settings.daemonsetTools.kubernetesVersion = '1.34';
    await client.settingsChanged();
    client.open(uri, AGENT);
    const gated = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'feature-gate-off');
    const [warning] = gated(await publishUntil(uri, (p) => gated(p).length > 0));
    assert.equal(warning.severity, 2, 'Warning');
    assert.equal(warning.range.start.line, 11);
    assert.match(typeof warning.message === 'string' ? warning.message : '', /^`hostnameOverride` needs the HostnameOverride feature gate, off by default in Kubernetes 1\.34 \(alpha; on by default from 1\.35\)/);
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 8 } });
    assert.match((hover.contents as { value: string }).value, /Behind the HostnameOverride feature gate, off by default in Kubernetes 1\.34 \(alpha\) · \*\*off by default in the target version 1\.34\*\*/);
  });

  it('an unsupported value falls back to the newest and says so', async () => {
    settings.daemonsetTools.kubernetesVersion = '1.20';
    await client.settingsChanged();
    const answer: KubernetesVersionResult = await client.connection.sendRequest(KubernetesVersionRequestMethod, {});
    assert.equal(answer.version, '1.36');
    assert.equal(answer.source, 'default');
    assert.match(answer.problem ?? '', /Kubernetes 1\.20 is not supported \(supported: 1\.33 to 1\.36\)/);
  });
});
