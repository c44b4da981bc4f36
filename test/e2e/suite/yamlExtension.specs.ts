/**
 * Beside the YAML extension: a stand-in (test/e2e/fixtures/yamlStandIn,
 * loaded under the id redhat.vscode-yaml) runs yaml-language-server with the
 * Kubernetes schema. The user gets one squiggle per mistake, one hover and one
 * completion list once they accept the offer to exclude DaemonSet files from
 * that schema, and a YAML syntax error is underlined once, by the YAML
 * extension (README, "Alongside the YAML extension").
 */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, clickRendered, eventually, waitForRendered, workspaceUri } from './helpers';
import { suiteConfig } from './index';

const FILE = 'coexist-agent.yaml';
const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: coexist-agent
spec:
  selector:
    matchLabels: {app: coexist-agent}
  template:
    metadata:
      labels: {app: coexist-agent}
    spec:
      nodeSelecter:
        kubernetes.io/os: linux
      tolerations:
        - operator: Exists
      containers:
        - name: agent
          image: agent:1.0
          
`;
const TYPO_LINE = 11;
const TOLERATIONS = new vscode.Position(13, 9);
/** The empty line under `image:`, at the container keys' indentation. */
const CONTAINER_KEYS = new vscode.Position(18, 10);

const yamlSettings = () => vscode.workspace.getConfiguration('yaml');
const theirs = (d: vscode.Diagnostic) => /^yaml/i.test(d.source ?? '');
const onLine = (uri: vscode.Uri, line: number) => vscode.languages.getDiagnostics(uri).filter((d) => d.range.start.line === line);
const hovers = async (uri: vscode.Uri) => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, TOLERATIONS);
async function completionCount(uri: vscode.Uri, label: string): Promise<number> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, CONTAINER_KEYS);
  return list.items.filter((item) => (typeof item.label === 'string' ? item.label : item.label.label) === label).length;
}

describe('Beside the YAML extension with the Kubernetes schema (a stand-in running yaml-language-server)', () => {
  const uri = () => workspaceUri(FILE);

  before(async () => {
    await activateExtension();
    assert.ok(vscode.extensions.getExtension('redhat.vscode-yaml'), 'the harness loads the YAML extension stand-in');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    writeFileSync(uri().fsPath, AGENT);
    await vscode.commands.executeCommand('yamlStandIn.start');
  });

  after(async () => {
    await yamlSettings().update('schemas', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('yamlStandIn.stop');
    rmSync(uri().fsPath, { force: true });
  });

  it('offers to exclude DaemonSet files from the Kubernetes schema; then one squiggle, one hover and one completion list', async () => {
    await yamlSettings().update('schemas', { kubernetes: '*.yaml' }, vscode.ConfigurationTarget.Workspace);
    const document = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(document);
    // both answer at first: the stand-in really checks DaemonSets with the Kubernetes schema
    await eventually(() => {
      const found = onLine(uri(), TYPO_LINE);
      return found.some((d) => d.code !== undefined && JSON.stringify(d.code).includes('unknown-field')) && found.some(theirs) ? true : undefined;
    }, 'the typo underlined by both extensions');
    await eventually(async () => ((await hovers(uri())).length === 2 ? true : undefined), 'two hovers on tolerations');
    assert.equal(await completionCount(uri(), 'livenessProbe'), 2, 'both extensions complete the container keys');

    // the offer, as the user sees it in the notification center, and its button
    const excluded = (value: unknown) => JSON.stringify(value).includes(`"!${FILE}"`);
    if (suiteConfig().shotsDir) {
      await vscode.commands.executeCommand('notifications.showList');
      try {
        await waitForRendered('.notifications-center .notification-list-item-message', (text) => /also checks .* with the Kubernetes schema/.test(text), 'the offer to exclude DaemonSet files');
        assert.ok(await clickRendered('.notifications-center .monaco-button', 'Exclude DaemonSet Files'));
      } finally {
        await vscode.commands.executeCommand('notifications.hideList');
      }
    } else {
      await vscode.commands.executeCommand('daemonsetTools.excludeFromKubernetesSchema');
    }
    const schemas = await eventually(() => {
      const value = yamlSettings().inspect('schemas')?.workspaceValue;
      return excluded(value) ? value : undefined;
    }, 'yaml.schemas to exclude the DaemonSet files');
    assert.deepEqual((schemas as Record<string, string[]>).kubernetes.filter((glob) => glob.startsWith('!')).sort(), [
      // every file of the workspace that says kind: DaemonSet: manifests, a chart's template, a Kustomize base and patch
      '!charts/disk-monitor/templates/daemonset.yaml',
      `!${FILE}`,
      '!fluentd-affinity.yaml',
      '!fluentd-nodeselector.yaml',
      '!fluentd-taint.yaml',
      '!fluentd.yaml',
      '!kustomize/base/daemonset.yaml',
      '!kustomize/overlays/gpu/gpu-nodes.yaml',
    ]);

    // one answer each
    await eventually(() => {
      const found = onLine(uri(), TYPO_LINE);
      return found.length === 1 && !found.some(theirs) ? true : undefined;
    }, 'the typo underlined once, by DaemonSet Tools');
    await eventually(async () => ((await hovers(uri())).length === 1 ? true : undefined), 'one hover on tolerations');
    const [hover] = await hovers(uri());
    assert.match(hover.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n'), /spec\.template\.spec\.tolerations/);
    assert.equal(await completionCount(uri(), 'livenessProbe'), 1);
  });

  it('underlines a YAML syntax error once, by the YAML extension', async () => {
    const broken = AGENT.replace('metadata:\n  name: coexist-agent\n', 'metadata: {name: syntax-agent]\n');
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: broken });
    await vscode.window.showTextDocument(document);
    const found = await eventually(() => {
      const all = onLine(document.uri, 2);
      return all.some(theirs) ? all : undefined;
    }, 'the YAML extension\'s syntax error');
    assert.deepEqual(found.filter((d) => !theirs(d)).map((d) => `${d.source}: ${d.message}`), [], 'DaemonSet Tools leaves the syntax error to the YAML extension');
  });
});

describe("Beside the Kubernetes extension, which gives the YAML extension its schema through registerContributor (stand-ins of both)", () => {
  const KUBE_FILE = 'kube-agent.yaml';
  const uri = () => workspaceUri(KUBE_FILE);
  /** The workspace's DaemonSet files as they were: the offer edits them, the specs after this one read them. */
  const originals = new Map<string, string>();
  const DAEMONSET_FILES = ['charts/disk-monitor/templates/daemonset.yaml', 'fluentd-affinity.yaml', 'fluentd-nodeselector.yaml', 'fluentd-taint.yaml', 'fluentd.yaml', 'kustomize/base/daemonset.yaml', 'kustomize/overlays/gpu/gpu-nodes.yaml'];

  before(async () => {
    await activateExtension();
    assert.ok(vscode.extensions.getExtension('ms-kubernetes-tools.vscode-kubernetes-tools'), 'the harness loads the Kubernetes extension stand-in');
    // Unsaved edits an earlier spec left (the offer keeps those unsaved, by design): back to the files on disk.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await eventually(() => (vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.scheme === 'file') ? undefined : true), 'no file with unsaved edits');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of DAEMONSET_FILES) originals.set(name, readFileSync(workspaceUri(name).fsPath, 'utf8'));
    writeFileSync(uri().fsPath, AGENT.replace(/coexist-agent/g, 'kube-agent'));
    await vscode.commands.executeCommand('yamlStandIn.start');
    assert.equal(await vscode.commands.executeCommand('kubernetesStandIn.start'), true, 'the contributor is registered with the YAML extension');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('yamlStandIn.stop');
    rmSync(uri().fsPath, { force: true });
    for (const [name, text] of originals) writeFileSync(workspaceUri(name).fsPath, text);
  });

  it('offers to add its exclude directive to the DaemonSet files; then one hover and one completion list', async () => {
    assert.equal(yamlSettings().get('schemas') && Object.keys(yamlSettings().get('schemas') as object).length, 0, 'no yaml.schemas entry: the schema comes from the contributor');
    const document = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(document);
    // both answer at first: the contributed schema brings the YAML extension's hovers and completions
    await eventually(async () => ((await hovers(uri())).length === 2 ? true : undefined), 'two hovers on tolerations');
    assert.equal(await completionCount(uri(), 'livenessProbe'), 2, 'both extensions complete the container keys');

    if (suiteConfig().shotsDir) {
      await vscode.commands.executeCommand('notifications.showList');
      try {
        await waitForRendered('.notifications-center .notification-list-item-message', (text) => /Kubernetes extension gives the YAML extension its Kubernetes schema for kube-agent\.yaml/.test(text), 'the offer to add the directive');
        assert.ok(await clickRendered('.notifications-center .monaco-button', 'Add the Comment to DaemonSet Files'));
      } finally {
        await vscode.commands.executeCommand('notifications.hideList');
      }
    } else {
      await vscode.commands.executeCommand('daemonsetTools.excludeFromKubernetesExtension');
    }
    const directive = '# vscode-kubernetes-tools: exclude\n';
    // every DaemonSet file of the workspace, saved with the line on top and otherwise unchanged
    await eventually(() => (readFileSync(uri().fsPath, 'utf8').startsWith(directive) ? true : undefined), `${KUBE_FILE} saved with the directive`);
    // (saved one after another, in path order: kustomize/… comes after kube-agent.yaml)
    for (const [name, text] of originals) {
      const saved = await eventually(() => {
        const now = readFileSync(workspaceUri(name).fsPath, 'utf8');
        return now.startsWith(directive) ? now : undefined;
      }, `${name} saved with the directive`);
      assert.equal(saved, `${directive}${text}`, name);
    }
    // the file is written before the editor's document hears of the save
    await eventually(() => (document.isDirty ? undefined : true), `${KUBE_FILE} saved in the editor`);

    // one answer each (one line lower now)
    const below = new vscode.Position(TOLERATIONS.line + 1, TOLERATIONS.character);
    await eventually(async () => ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(), below)).length === 1 ? true : undefined), 'one hover on tolerations');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri(), new vscode.Position(CONTAINER_KEYS.line + 1, CONTAINER_KEYS.character));
    assert.equal(list.items.filter((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'livenessProbe').length, 1);
  });
});
