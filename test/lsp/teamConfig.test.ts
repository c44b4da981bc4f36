/**
 * The team's shared files over LSP: `.daemonset-tools.yaml` gets completion,
 * hover and diagnostics, its rule settings and `ignore:` apply to the
 * manifests under it (the workspace settings win rule by rule), a change to
 * it reaches open manifests without an edit, and findings a baseline records
 * are dimmed, hidden or shown as the setting says.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, Diagnostic as LspDiagnostic, Hover } from 'vscode-languageserver-protocol';
import type { EffectiveConfigurationResult } from '../../server/src/protocol';
import { EffectiveConfigurationRequestMethod } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { startTestClient, withCursor } from './lspClient';

const CLI = resolve(__dirname, '../../dist/cli.js');
const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
        - name: agent
          image: example.com/agent:latest
`;
const CONFIG = 'rules:\n  no-liveness-probe: "off"\n  image-tag: error\nignore: ["vendor/**"]\n';
/** A diagnostic as this server sends it (its messages are plain text). */
type Diagnostic = LspDiagnostic & { message: string };
const HINT = 4;
const UNNECESSARY = 1;

/** A folder holding the team's file, a manifest under it and an ignored vendor file. */
function team(): { root: string; config: string; agent: string; vendor: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'dst-team-')));
  mkdirSync(join(root, 'apps'));
  mkdirSync(join(root, 'vendor'));
  const paths = { root, config: join(root, '.daemonset-tools.yaml'), agent: join(root, 'apps', 'agent.yaml'), vendor: join(root, 'vendor', 'upstream.yaml') };
  writeFileSync(paths.config, CONFIG);
  writeFileSync(paths.agent, AGENT);
  writeFileSync(paths.vendor, AGENT);
  return paths;
}

const uriOf = (path: string) => pathToFileURL(path).toString();
// (the test client's defaults are replaced per top-level key: workspace/configuration and diagnostic refresh stay on)
const WATCH = { workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } } };
const PULL = { textDocument: { diagnostic: { dynamicRegistration: false } } };

async function pull(client: TestClient, path: string): Promise<Diagnostic[]> {
  const report: { items: Diagnostic[] } = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: uriOf(path) } });
  return report.items;
}

/** Tells the server a file changed on disk, as the editor's file watcher does (type 2: changed). */
function changed(client: TestClient, path: string): Promise<void> {
  return client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path), type: 2 }] });
}

describe('LSP: the team configuration applied to manifests', () => {
  const paths = team();
  const settings: Record<string, unknown> = { daemonsetTools: {} };
  let client: TestClient;
  before(async () => {
    client = await startTestClient({ workspaceFolders: [paths.root], capabilities: { ...PULL, ...WATCH }, settings });
    client.open(uriOf(paths.agent), AGENT);
    client.open(uriOf(paths.vendor), AGENT);
  });
  after(async () => {
    await client.stop();
    rmSync(paths.root, { recursive: true, force: true });
  });

  const configure = async (section: Record<string, unknown>) => {
    settings.daemonsetTools = section;
    await client.settingsChanged();
  };

  it('asks the editor to watch every .daemonset-tools.yaml', async () => {
    await configure({});
    const watched = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').flatMap((r) => (r.registerOptions as { watchers: Array<{ globPattern: unknown }> }).watchers.map((w) => w.globPattern));
    assert.ok(watched.includes('**/{.daemonset-tools.yaml,.daemonset-tools.yml}'), JSON.stringify(watched));
  });

  it("uses the file's rule severities, and skips the files its ignore: names", async () => {
    const found = await pull(client, paths.agent);
    assert.equal(found.find((d) => d.code === 'image-tag')?.severity, 1, 'image-tag raised to error');
    assert.ok(!found.some((d) => d.code === 'no-liveness-probe'), 'no-liveness-probe off');
    assert.deepEqual(await pull(client, paths.vendor), [], 'vendor/** is ignored');
  });

  it('a rule in daemonsetTools.diagnostics.rules wins over the file; the other rules still come from the file', async () => {
    await configure({ diagnostics: { rules: { 'image-tag': 'information' } } });
    const found = await pull(client, paths.agent);
    assert.equal(found.find((d) => d.code === 'image-tag')?.severity, 3);
    assert.ok(!found.some((d) => d.code === 'no-liveness-probe'));
    await configure({});
  });

  it('reads the file again when it changes: a severity changed in it reaches the open manifest without an edit', async () => {
    writeFileSync(paths.config, CONFIG.replace('image-tag: error', 'image-tag: hint'));
    await changed(client, paths.config);
    assert.equal((await pull(client, paths.agent)).find((d) => d.code === 'image-tag')?.severity, HINT);
    writeFileSync(paths.config, CONFIG);
    await changed(client, paths.config);
    assert.equal((await pull(client, paths.agent)).find((d) => d.code === 'image-tag')?.severity, 1);
  });

  it('applies none of a file with errors (as the CLI refuses it), and says so in the log', async () => {
    writeFileSync(paths.config, `${CONFIG}imageTag: error\n`);
    await changed(client, paths.config);
    const found = await pull(client, paths.agent);
    assert.equal(found.find((d) => d.code === 'image-tag')?.severity, 2, 'the default: warning');
    assert.ok(found.some((d) => d.code === 'no-liveness-probe'));
    assert.ok(client.logs.some((l) => l.includes('unknown setting `imageTag`') && l.includes('not applied')), client.logs.join('\n'));
    writeFileSync(paths.config, CONFIG);
    await changed(client, paths.config);
  });

  it('Show Effective Configuration answers what `config --print` prints, and names the rules the settings override', async () => {
    await configure({ diagnostics: { rules: { 'image-tag': 'warning', 'privileged': 'off' } } });
    const result: EffectiveConfigurationResult = await client.connection.sendRequest(EffectiveConfigurationRequestMethod, { uri: uriOf(paths.agent) });
    const printed = execFileSync(process.execPath, [CLI, 'config', '--print', join(paths.root, 'apps')], { encoding: 'utf8' });
    assert.deepEqual(result, { kind: 'ok', text: printed, overriddenRules: ['image-tag'], overriddenSettings: [] });
    writeFileSync(paths.config, 'rules: [image-tag]\n');
    const broken: EffectiveConfigurationResult = await client.connection.sendRequest(EffectiveConfigurationRequestMethod, { uri: uriOf(paths.agent) });
    assert.equal(broken.kind, 'error');
    if (broken.kind === 'error') assert.match(broken.message, /invalid configuration .*\.daemonset-tools\.yaml:\n.*\.daemonset-tools\.yaml:1:8 rules is a mapping/);
    writeFileSync(paths.config, CONFIG);
    await configure({});
  });
});

describe('LSP: a change to the configuration is pushed to open manifests (push diagnostics)', () => {
  const paths = team();
  let client: TestClient;
  before(async () => {
    client = await startTestClient({ workspaceFolders: [paths.root], capabilities: WATCH });
  });
  after(async () => {
    await client.stop();
    rmSync(paths.root, { recursive: true, force: true });
  });

  it('publishes the new severity after the file changes, with no edit of the manifest', async () => {
    const first = client.nextDiagnostics(uriOf(paths.agent));
    client.open(uriOf(paths.agent), AGENT);
    assert.equal((await first).diagnostics.find((d) => d.code === 'image-tag')?.severity, 1);
    writeFileSync(paths.config, CONFIG.replace('image-tag: error', 'image-tag: "off"'));
    const next = client.nextDiagnostics(uriOf(paths.agent));
    await changed(client, paths.config);
    assert.ok(!(await next).diagnostics.some((d) => d.code === 'image-tag'));
  });
});

describe('LSP: .daemonset-tools.yaml itself', () => {
  const paths = team();
  let client: TestClient;
  before(async () => {
    writeFileSync(join(paths.root, 'prod.profile.yaml'), 'kind: ClusterProfile\nmetadata: {name: prod}\nnodes: [{name: n1}]\n');
    client = await startTestClient({ workspaceFolders: [paths.root], capabilities: PULL });
  });
  after(async () => {
    await client.stop();
    rmSync(paths.root, { recursive: true, force: true });
  });

  const complete = async (marked: string): Promise<CompletionItem[]> => {
    const { text, line, character } = withCursor(marked);
    const uri = uriOf(paths.config);
    client.open(uri, text);
    const items: CompletionItem[] | null = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return items ?? [];
  };

  it('underlines unknown keys, wrong types, unknown rule ids, bad severities, globs that match nothing and a missing profile', async () => {
    const text = [
      'kubernetesVersion: 1.3x', // 0
      'rules:',
      '  image-tagg: error', // 2
      '  no-memory-limit: loud', // 3
      'ignore: ["/vendor/**", "charts/{a,b"]', // 4
      'profle: x.yaml', // 5
      'profile: clusters/missing.profile.yaml', // 6
      'helm: {engine: go}', // 7
    ].join('\n');
    client.open(uriOf(paths.config), text);
    const found = await pull(client, paths.config);
    const lines = found.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.severity} ${String(d.code)}`);
    assert.deepEqual(lines, [
      '0:19-23 1 invalid-config',
      '2:2-12 1 invalid-config',
      '3:19-23 1 invalid-config',
      '4:9-21 2 invalid-config',
      '4:23-36 2 invalid-config',
      '5:0-6 1 invalid-config',
      '7:15-17 1 invalid-config',
      '6:9-38 1 invalid-config',
    ]);
    const message = (line: number) => found.filter((d) => d.range.start.line === line).map((d) => d.message).join(' | ');
    // a version this release does not check against: the supported ones named (the CLI refuses the file with the same words)
    assert.match(message(0), /kubernetesVersion is one of 1\.33, 1\.34, 1\.35, 1\.36 \(got 1\.3x\): use one of them/);
    assert.match(message(2), /unknown rule id `image-tagg`/);
    assert.match(message(3), /one of off, error, warning, information, hint \(got loud\)/);
    assert.match(message(4), /starts with `\/`.*write `vendor\/\*\*`.*\| .*without a closing `}`/);
    assert.match(message(5), /unknown setting `profle`/);
    assert.match(message(6), /no file clusters\/missing\.profile\.yaml next to this configuration/);
    client.change(uriOf(paths.config), CONFIG.replace('ignore', 'profile: prod.profile.yaml\nignore'), 2);
    assert.deepEqual(await pull(client, paths.config), [], 'a good file: no findings');
  });

  it('completes the settings the schema has, minus those present, with their descriptions', async () => {
    const items = await complete('rules: {}\n|');
    assert.deepEqual(items.map((i) => i.label).sort(), ['helm', 'ignore', 'kubernetesVersion', 'kustomize', 'profile']);
    const helm = items.find((i) => i.label === 'helm');
    assert.equal(helm?.detail, 'mapping');
    assert.match(String((helm?.documentation as { value: string }).value), /How Helm charts are rendered/);
    assert.deepEqual((await complete('helm:\n  |')).map((i) => i.label).sort(), ['engine', 'namespace', 'path', 'release', 'set', 'values']);
  });

  it('completes rule ids under rules:, and severities as their values', async () => {
    const ids = await complete('rules:\n  image-tag: error\n  |');
    const privileged = ids.find((i) => i.label === 'privileged');
    assert.equal(privileged?.detail, 'rule · default warning');
    assert.ok(!ids.some((i) => i.label === 'image-tag'), 'present already');
    assert.ok(ids.some((i) => i.label === 'unused-suppression'));
    assert.deepEqual((await complete('rules:\n  image-tag: |')).map((i) => i.label), ['off', 'error', 'warning', 'information', 'hint']);
    assert.deepEqual((await complete('helm:\n  engine: |')).map((i) => i.label), ['helm', 'builtin']);
  });

  it('completes kubernetesVersion with the versions the schema lists, quoted (1.30 unquoted is the number 1.3)', async () => {
    const items = await complete('kubernetesVersion: |');
    assert.ok(items.length > 0);
    for (const item of items) assert.match((item.textEdit as { newText: string }).newText, /^"1\.\d+"$/);
    assert.ok(items.some((i) => i.label === '1.36'));
  });

  it('hover: a setting says what it means, a rule id what the rule reports', async () => {
    const hover = async (marked: string): Promise<string> => {
      const { text, line, character } = withCursor(marked);
      client.open(uriOf(paths.config), text);
      const answer: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(paths.config) }, position: { line, character } });
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(paths.config) } });
      return (answer?.contents as { value: string } | undefined)?.value ?? '';
    };
    assert.match(await hover('kubernetes|Version: "1.33"\n'), /\*\*kubernetesVersion\*\* · `string`\n\nThe Kubernetes minor version your clusters run/);
    assert.match(await hover('rules:\n  image-t|ag: error\n'), /rule `image-tag`, default warning\n\nAn image with the :latest tag/);
    assert.match(await hover('helm:\n  engine: buil|tin\n'), /\*\*helm\.engine\*\*.*\n\n.*\n\nAllowed values: `helm`, `builtin`/);
    assert.match(await hover('rules:\n  nope|: error\n'), /Unknown rule id `nope`/);
  });
});

describe('LSP: findings recorded in a baseline', () => {
  const paths = team();
  const baseline = join(paths.root, '.daemonset-tools-baseline.json');
  const settings: Record<string, unknown> = { daemonsetTools: {} };
  let client: TestClient;
  before(async () => {
    writeFileSync(paths.config, 'rules:\n  no-liveness-probe: "off"\n  no-readiness-probe: "off"\n');
    // the CLI records today's findings; the editor reads the file it wrote
    execFileSync(process.execPath, [CLI, 'check', '--write-baseline', baseline, 'apps'], { cwd: paths.root, stdio: 'pipe' });
    client = await startTestClient({ workspaceFolders: [paths.root], capabilities: { ...PULL, ...WATCH }, settings });
  });
  after(async () => {
    await client.stop();
    rmSync(paths.root, { recursive: true, force: true });
  });

  const configure = async (section: Record<string, unknown>) => {
    settings.daemonsetTools = section;
    await client.settingsChanged();
  };
  // a second container with the same mistake, and lines added above the old one: only the new finding is new
  const EDITED = AGENT.replace('metadata: {name', '# moved down by a comment\nmetadata: {name').replace('      containers:\n', '      containers:\n        - name: sidecar\n          image: example.com/sidecar:latest\n');

  it('dimmed (the default): a hint with the Unnecessary tag, "(in the baseline)"; a new finding as usual, after lines moved', async () => {
    await configure({ baseline: { file: '.daemonset-tools-baseline.json' } });
    client.open(uriOf(paths.agent), EDITED);
    const tags = (await pull(client, paths.agent)).filter((d) => d.code === 'image-tag');
    assert.equal(tags.length, 2);
    const [sidecar, agent] = tags;
    assert.match(sidecar.message, /sidecar/);
    assert.equal(sidecar.severity, 2);
    assert.equal(sidecar.tags, undefined);
    assert.equal(agent.severity, HINT);
    assert.deepEqual(agent.tags, [UNNECESSARY]);
    assert.match(agent.message, /\(in the baseline\)$/);
    assert.equal(agent.range.start.line, 13, 'reported on its moved line');
  });

  it('hidden: only new findings are shown; normal: everything as usual', async () => {
    await configure({ baseline: { file: '.daemonset-tools-baseline.json', show: 'hidden' } });
    const hidden = await pull(client, paths.agent);
    assert.deepEqual(hidden.filter((d) => d.code === 'image-tag').map((d) => d.range.start.line), [11]);
    assert.ok(hidden.every((d) => !d.message.endsWith('(in the baseline)')));
    await configure({ baseline: { file: '.daemonset-tools-baseline.json', show: 'normal' } });
    assert.deepEqual((await pull(client, paths.agent)).filter((d) => d.code === 'image-tag').map((d) => d.severity), [2, 2]);
  });

  it('matches as `check --baseline` does: the editor hides exactly the findings the CLI does not fail on', async () => {
    writeFileSync(paths.agent, EDITED);
    const cli = JSON.parse(execFileSync(process.execPath, [CLI, 'check', '--format', 'json', '--baseline', baseline, 'apps'], { cwd: paths.root, encoding: 'utf8' })) as { files: Array<{ diagnostics: Array<{ line: number; code: string }> }> };
    await configure({ baseline: { file: '.daemonset-tools-baseline.json', show: 'hidden' } });
    const editor = (await pull(client, paths.agent)).map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
    assert.deepEqual(editor, cli.files[0].diagnostics.map((d) => `${d.line} ${d.code}`));
    writeFileSync(paths.agent, AGENT);
  });

  it('reads the baseline again when it changes', async () => {
    await configure({ baseline: { file: '.daemonset-tools-baseline.json', show: 'hidden' } });
    const watched = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').flatMap((r) => (r.registerOptions as { watchers: Array<{ globPattern: unknown }> }).watchers.map((w) => JSON.stringify(w.globPattern)));
    assert.ok(watched.some((w) => w.includes('.daemonset-tools-baseline.json')), watched.join('\n'));
    writeFileSync(baseline, JSON.stringify({ version: 1, findings: [] }));
    await changed(client, baseline);
    assert.equal((await pull(client, paths.agent)).filter((d) => d.code === 'image-tag').length, 2);
  });

  it('a baseline that cannot be read: every finding shown as usual, the reason in the log', async () => {
    writeFileSync(baseline, '{"version": 7}');
    await changed(client, baseline);
    assert.equal((await pull(client, paths.agent)).filter((d) => d.code === 'image-tag').length, 2);
    assert.ok(client.logs.some((l) => /Cannot use the baseline .*not a baseline of version 1/.test(l)), client.logs.join('\n'));
  });
});
