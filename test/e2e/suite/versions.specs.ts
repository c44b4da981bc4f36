/** Select Kubernetes Version in a real VS Code: the quick pick, the setting it writes, the diagnostic and the status bar that follow. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, eventually, waitForQuickPick, waitForRendered } from './helpers';

const AGENT = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      hostnameOverride: node-agent\n      containers:\n        - name: agent\n          image: agent:1.0\n';

describe('Select Kubernetes Version in a real VS Code', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('daemonsetTools').update('kubernetesVersion', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('picking 1.33 makes a 1.34 field an error and shows K8s 1.33 in the status bar; back to the newest, the error goes', async () => {
    const api = await activateExtension();
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: AGENT });
    await vscode.window.showTextDocument(document);
    const versionErrors = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.code === 'field-not-in-version');
    // checked against the newest version first: no error (wait for the document's first diagnostics)
    await eventually(() => (vscode.languages.getDiagnostics(document.uri).length > 0 ? true : undefined), 'the first diagnostics');
    assert.deepEqual(versionErrors(), []);
    assert.equal(await api.kubernetesVersion(), '1.36');

    const pending = vscode.commands.executeCommand('daemonsetTools.selectKubernetesVersion');
    // newest first: the last entry is the oldest supported version
    await waitForQuickPick('Kubernetes version your clusters run', (label) => label.includes('1.33'));
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectPrevious');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await pending;
    assert.equal(vscode.workspace.getConfiguration('daemonsetTools').get<string>('kubernetesVersion'), '1.33');

    const [error] = await eventually(() => (versionErrors().length ? versionErrors() : undefined), 'the field-not-in-version diagnostic');
    assert.equal(error.range.start.line, 11);
    assert.equal(error.message, '`hostnameOverride` requires Kubernetes 1.34 or later; target is 1.33: remove it, or target 1.34 or later (kubernetesVersion) if your clusters run it');
    assert.equal(await api.kubernetesVersion(), '1.33');
    await waitForRendered('.statusbar-item', (text) => text.includes('K8s 1.33'), 'the status bar item');

    await vscode.commands.executeCommand('daemonsetTools.selectKubernetesVersion', '1.36');
    await eventually(() => (versionErrors().length ? undefined : true), 'the diagnostic to go away');
    await waitForRendered('.statusbar-item', (text) => text.includes('K8s 1.36'), 'the status bar item after the change');
  });
});
