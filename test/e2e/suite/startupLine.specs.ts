/**
 * The output channel's start-up line in a real VS Code: read from the file
 * VS Code writes the channel to, it names the profile the placement view
 * uses and the Kubernetes version the status bar shows.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, eventually, workspaceUri } from './helpers';

describe('The output channel at start-up', () => {
  it('says which cluster profile and which Kubernetes version are in use', async () => {
    const api = await activateExtension();
    const line = await eventually(async () => {
      const text = await vscode.workspace.fs.readFile(api.outputLogFile).then((bytes) => new TextDecoder().decode(bytes), () => '');
      return text.split('\n').find((each) => each.includes('DaemonSet Tools started:'));
    }, `the start-up line in ${api.outputLogFile.fsPath}`);

    // the names the rest of the product shows: the placement view's profile, the status bar's version
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('fluentd.yaml')));
    const placement = await eventually(async () => {
      const answer = await api.refreshPlacement();
      return answer?.kind === 'ok' ? answer : undefined;
    }, 'the placement of fluentd.yaml');
    const version = await api.kubernetesVersion();
    assert.equal(placement.profile.name, 'guide-cluster');
    assert.equal(version, '1.36');
    assert.match(line, /placement on the built-in sample cluster profile \(guide-cluster;/);
    assert.ok(line.includes(`rules, completion and hover follow Kubernetes ${version} (the API model the extension ships)`), line);
  });
});
