/**
 * What the editor takes from `.daemonset-tools.yaml` besides rule severities:
 * the target Kubernetes version of the manifests under it (the setting wins
 * when set, as `--kubernetes-version` does in CI; the status bar asks per
 * document), the cluster profile the placement preview uses when
 * `daemonsetTools.activeProfile` is not set (only inside the workspace in
 * Restricted Mode), and the rule settings of the file a rendered chart's or
 * built overlay's finding lands in.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { EffectiveConfigurationResult, KubernetesVersionResult, OverlayPlacementResult, PlacementResult } from '../../server/src/protocol';
import { EffectiveConfigurationRequestMethod, KubernetesVersionChangedNotificationMethod, KubernetesVersionRequestMethod, OverlayPlacementRequestMethod } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { requestPlacement, startTestClient } from './lspClient';
import { SIDECAR_PATCH } from './sidecarPatch';

/** `hostnameOverride` (line 12) came in Kubernetes 1.34 (the fixture the CLI's version tests check). */
const AGENT = readFileSync(resolve(__dirname, '../fixtures/config/versions/agent.yaml'), 'utf8');
const PROFILE = 'kind: ClusterProfile\nmetadata: {name: prod}\nnodes: [{name: prod-1}, {name: prod-2}]\n';
const BASE = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.0
`;

const WATCH = { workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } } };
const uriOf = (path: string) => pathToFileURL(path).toString();
const versionErrors = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'field-not-in-version').map((d) => `${d.range.start.line + 1} ${typeof d.message === 'string' ? d.message : d.message.value}`);
const at = (code: string, line: number) => (d: Diagnostic) => d.code === code && d.range.start.line === line;
const text = (d: Diagnostic | undefined): string => (typeof d?.message === 'string' ? d.message : (d?.message.value ?? ''));

/** A workspace: the team's file (version 1.33, profile prod) over apps/ and an overlay, and a manifest with no file above it. */
function workspace(config: string): { root: string; config: string; agent: string; elsewhere: string; patch: string; overlayConfig: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'dst-team-editor-')));
  for (const dir of ['apps', 'kustomize/base', 'kustomize/overlay']) mkdirSync(join(root, dir), { recursive: true });
  const elsewhere = join(realpathSync(mkdtempSync(join(tmpdir(), 'dst-no-config-'))), 'agent.yaml');
  const paths = { root, config: join(root, '.daemonset-tools.yaml'), agent: join(root, 'apps', 'agent.yaml'), elsewhere, patch: join(root, 'kustomize/overlay/sidecar.yaml'), overlayConfig: join(root, 'kustomize/overlay/.daemonset-tools.yaml') };
  writeFileSync(paths.config, config);
  writeFileSync(join(root, 'prod.profile.yaml'), PROFILE);
  writeFileSync(paths.agent, AGENT);
  writeFileSync(elsewhere, AGENT);
  writeFileSync(join(root, 'kustomize/base/kustomization.yaml'), 'resources:\n  - daemonset.yaml\n');
  writeFileSync(join(root, 'kustomize/base/daemonset.yaml'), BASE);
  writeFileSync(join(root, 'kustomize/overlay/kustomization.yaml'), 'resources:\n  - ../base\npatches:\n  - path: sidecar.yaml\n');
  writeFileSync(paths.patch, SIDECAR_PATCH);
  return paths;
}

describe('LSP: the kubernetesVersion and profile of .daemonset-tools.yaml in the editor', () => {
  const paths = workspace('kubernetesVersion: "1.33"\nprofile: prod.profile.yaml\n');
  const settings: { daemonsetTools: Record<string, unknown> } = { daemonsetTools: {} };
  let client: TestClient;
  before(async () => {
    client = await startTestClient({ workspaceFolders: [paths.root], capabilities: WATCH, settings });
  });
  after(async () => {
    await client.stop();
    rmSync(paths.root, { recursive: true, force: true });
    rmSync(join(paths.elsewhere, '..'), { recursive: true, force: true });
  });

  const configure = async (section: Record<string, unknown>) => {
    settings.daemonsetTools = section;
    await client.settingsChanged();
  };
  const version = (path?: string): Promise<KubernetesVersionResult> => client.connection.sendRequest(KubernetesVersionRequestMethod, { uri: path && uriOf(path) });

  it("checks a manifest against its file's version, and says so to the status bar; a manifest with no file: the newest", async () => {
    client.open(uriOf(paths.agent), AGENT);
    const published = await client.diagnosticsUntil(uriOf(paths.agent), (p) => versionErrors(p).length > 0);
    assert.deepEqual(versionErrors(published), ['12 `hostnameOverride` requires Kubernetes 1.34 or later; target is 1.33: remove it, or target 1.34 or later (kubernetesVersion) if your clusters run it']);
    assert.deepEqual(await version(paths.agent), { version: '1.33', source: 'config', configFile: paths.config, versions: ['1.33', '1.34', '1.35', '1.36'] });
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(paths.agent) }, position: { line: 11, character: 8 } });
    assert.match((hover.contents as { value: string }).value, /not in the target version 1\.33/);

    client.open(uriOf(paths.elsewhere), AGENT);
    assert.deepEqual(versionErrors(await client.diagnosticsUntil(uriOf(paths.elsewhere), () => true)), []);
    assert.deepEqual(await version(paths.elsewhere), { version: '1.36', source: 'default', versions: ['1.33', '1.34', '1.35', '1.36'] });
  });

  it('the setting wins over the file (as --kubernetes-version does); an unsupported setting does not', async () => {
    await configure({ kubernetesVersion: '1.34' });
    assert.deepEqual(versionErrors(await client.diagnosticsUntil(uriOf(paths.agent), (p) => versionErrors(p).length === 0)), []);
    assert.deepEqual(await version(paths.agent), { version: '1.34', source: 'setting', versions: ['1.33', '1.34', '1.35', '1.36'] });
    await configure({ kubernetesVersion: '1.20' });
    const answer = await version(paths.agent);
    assert.equal(answer.version, '1.33');
    assert.equal(answer.source, 'config');
    assert.match(answer.problem ?? '', /Kubernetes 1\.20 is not supported/);
    await configure({});
  });

  it('a changed file reaches the open manifest and the status bar (asked again when the server says so)', async () => {
    const announced = new Promise<void>((done) => client.connection.onNotification(KubernetesVersionChangedNotificationMethod, () => done()));
    writeFileSync(paths.config, 'kubernetesVersion: "1.35"\nprofile: prod.profile.yaml\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(paths.config), type: 2 }] });
    await announced;
    assert.equal((await version(paths.agent)).version, '1.35');
    assert.deepEqual(versionErrors(await client.diagnosticsUntil(uriOf(paths.agent), (p) => versionErrors(p).length === 0)), []);
  });

  it("places on the file's profile when daemonsetTools.activeProfile is not set, and Show Effective Configuration agrees", async () => {
    const placed: PlacementResult = await requestPlacement(client.connection, { uri: uriOf(paths.agent) });
    assert.equal(placed.kind, 'ok');
    if (placed.kind === 'ok') assert.deepEqual(placed.profile, { name: 'prod', nodes: 2, path: join(paths.root, 'prod.profile.yaml') });
    const effective: EffectiveConfigurationResult = await client.connection.sendRequest(EffectiveConfigurationRequestMethod, { uri: uriOf(paths.agent) });
    assert.equal(effective.kind, 'ok');
    if (effective.kind === 'ok') {
      assert.equal((JSON.parse(effective.text) as { profile: string }).profile, 'prod.profile.yaml');
      assert.deepEqual(effective.overriddenSettings, []);
    }
    // an overlay's preview too (its patch is under the same file)
    client.open(uriOf(paths.patch), SIDECAR_PATCH);
    const overlay: OverlayPlacementResult = await client.connection.sendRequest(OverlayPlacementRequestMethod, { uri: uriOf(paths.patch) });
    assert.equal(overlay.kind === 'ok' ? overlay.profile.name : overlay.kind, 'prod');
    // a manifest with no file above it: the built-in sample
    const sample: PlacementResult = await requestPlacement(client.connection, { uri: uriOf(paths.elsewhere) });
    assert.equal(sample.kind === 'ok' ? sample.profile.name : sample.kind, 'guide-cluster');
  });

  it('the setting wins: the client names its profile, and Show Effective Configuration says the setting is used over the file', async () => {
    await configure({ activeProfile: 'other.profile.yaml' });
    writeFileSync(join(paths.root, 'other.profile.yaml'), PROFILE.replace('name: prod}', 'name: other}'));
    const placed: PlacementResult = await requestPlacement(client.connection, { uri: uriOf(paths.agent), profilePath: join(paths.root, 'other.profile.yaml') });
    assert.equal(placed.kind === 'ok' ? placed.profile.name : placed.kind, 'other');
    const effective: EffectiveConfigurationResult = await client.connection.sendRequest(EffectiveConfigurationRequestMethod, { uri: uriOf(paths.agent) });
    assert.deepEqual(effective.kind === 'ok' ? effective.overriddenSettings : effective, [`daemonsetTools.activeProfile (other.profile.yaml) is used over profile (${join(paths.root, 'prod.profile.yaml')})`]);
    // a request naming none: the client's setting is empty (just cleared, say), whatever the server's copy of it still says
    const cleared: PlacementResult = await requestPlacement(client.connection, { uri: uriOf(paths.agent) });
    assert.equal(cleared.kind === 'ok' ? cleared.profile.name : cleared.kind, 'prod');
    await configure({});
  });
});

describe('LSP: Restricted Mode reads the profile of .daemonset-tools.yaml only inside the workspace', () => {
  const paths = workspace('profile: ../outside.profile.yaml\n');
  let client: TestClient;
  before(async () => {
    writeFileSync(join(paths.root, '..', 'outside.profile.yaml'), PROFILE);
    client = await startTestClient({ workspaceFolders: [paths.root], capabilities: WATCH, trusted: false });
  });
  after(async () => {
    await client.stop();
    rmSync(join(paths.root, '..', 'outside.profile.yaml'), { force: true });
    rmSync(paths.root, { recursive: true, force: true });
    rmSync(join(paths.elsewhere, '..'), { recursive: true, force: true });
  });

  it('places on the sample, says why in the log and in Show Effective Configuration', async () => {
    client.open(uriOf(paths.agent), AGENT);
    const placed: PlacementResult = await requestPlacement(client.connection, { uri: uriOf(paths.agent) });
    assert.equal(placed.kind === 'ok' ? placed.profile.name : placed.kind, 'guide-cluster');
    assert.ok(client.logs.some((l) => /Restricted Mode: the cluster profile .*outside\.profile\.yaml is outside the workspace folders/.test(l)), client.logs.join('\n'));
    const effective: EffectiveConfigurationResult = await client.connection.sendRequest(EffectiveConfigurationRequestMethod, { uri: uriOf(paths.agent) });
    assert.match(effective.kind === 'ok' ? effective.overriddenSettings.join('\n') : effective.message, /outside\.profile\.yaml is not read in Restricted Mode .*the built-in sample profile is used/);
  });
});

describe("LSP: a built overlay's findings take the rule settings of the file they land in", () => {
  const paths = workspace('rules:\n  image-tag: error\n');
  let client: TestClient;
  before(async () => {
    client = await startTestClient({ workspaceFolders: [paths.root], capabilities: WATCH });
  });
  after(async () => {
    await client.stop();
    rmSync(paths.root, { recursive: true, force: true });
    rmSync(join(paths.elsewhere, '..'), { recursive: true, force: true });
  });
  const reload = async (path: string) => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path), type: 2 }] });

  it("the patch's own .daemonset-tools.yaml lowers the missing image to a warning, and its ignore: hides it", async () => {
    client.open(uriOf(paths.patch), SIDECAR_PATCH);
    const error = await client.diagnosticsUntil(uriOf(paths.patch), (p) => p.diagnostics.some(at('missing-required', 10)));
    assert.equal(error.diagnostics.find(at('missing-required', 10))?.severity, 1, 'the default: error');
    writeFileSync(paths.overlayConfig, 'rules:\n  missing-required: warning\n');
    await reload(paths.overlayConfig);
    const warning = await client.diagnosticsUntil(uriOf(paths.patch), (p) => p.diagnostics.find(at('missing-required', 10))?.severity === 2);
    assert.match(text(warning.diagnostics.find(at('missing-required', 10))), /in the build of overlay/);
    writeFileSync(paths.overlayConfig, 'ignore: [sidecar.yaml]\n');
    await reload(paths.overlayConfig);
    assert.deepEqual((await client.diagnosticsUntil(uriOf(paths.patch), (p) => p.diagnostics.length === 0)).diagnostics, []);
  });
});

describe("LSP: a rendered chart's findings recorded in the baseline are dimmed or hidden, as `check --baseline` passes on them", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'dst-team-chart-')));
  const chart = join(root, 'agent');
  const values = join(chart, 'values.yaml');
  const VALUES = 'tolerations:\n  - operator: Exists\n    effect: NoSchedul\n';
  const settings: { daemonsetTools: Record<string, unknown> } = { daemonsetTools: { baseline: { file: '.daemonset-tools-baseline.json' } } };
  let client: TestClient;
  before(async () => {
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: agent\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'templates', 'daemonset.yaml'), 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      tolerations: {{ toYaml .Values.tolerations | nindent 8 }}\n      containers:\n        - {name: agent, image: "example.com/agent:1.0"}\n');
    writeFileSync(values, VALUES);
    // the CLI records the rendered finding (at its values line); the editor reads the file it wrote
    const written = spawnSync(process.execPath, [resolve(__dirname, '../../dist/cli.js'), 'check', '--write-baseline', '.daemonset-tools-baseline.json', 'agent'], { cwd: root, encoding: 'utf8' });
    assert.equal(written.status, 1, written.stderr); // (it reports the error it records)
    client = await startTestClient({ workspaceFolders: [root], capabilities: WATCH, settings });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('dimmed by default; a new mistake below it as usual; hidden when the setting says so', async () => {
    const edited = `${VALUES}  - operator: Exists\n    effect: NoExecut\n`;
    client.open(uriOf(values), edited);
    const published = await client.diagnosticsUntil(uriOf(values), (p) => p.diagnostics.some(at('invalid-enum', 2)) && p.diagnostics.some(at('invalid-enum', 4)));
    const old = published.diagnostics.find(at('invalid-enum', 2));
    assert.equal(old?.severity, 4);
    assert.deepEqual(old?.tags, [1]);
    assert.match(text(old), /\(in the baseline\)$/);
    assert.equal(published.diagnostics.find(at('invalid-enum', 4))?.severity, 1, 'the new one');
    settings.daemonsetTools = { baseline: { file: '.daemonset-tools-baseline.json', show: 'hidden' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const hidden = await client.diagnosticsUntil(uriOf(values), (p) => !p.diagnostics.some(at('invalid-enum', 2)));
    assert.deepEqual(hidden.diagnostics.map((d) => [d.range.start.line, d.code]), [[4, 'invalid-enum']]);
  });
});
