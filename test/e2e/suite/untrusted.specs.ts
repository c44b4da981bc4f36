/**
 * The extension-host specs of Restricted Mode: the harness opens a copy of
 * examples/ with workspace trust on and never granted, and a
 * .vscode/settings.json that points `daemonsetTools.activeProfile` at
 * ../outside.profile.yaml, a file beside the workspace (see runE2e.mjs).
 */
import * as assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { PlacementAnswer } from '../../../server/src/protocol';
import { PlacementRequestMethod } from '../../../server/src/protocol';
import { activateExtension, eventually, waitForNotification, workspaceUri } from './helpers';
import { suiteConfig } from './index';

describe('DaemonSet Tools in an untrusted workspace (Restricted Mode)', () => {
  const outside = () => join(dirname(suiteConfig().workspace ?? workspaceUri('.').fsPath), 'outside.profile.yaml');

  it('runs, with the workspace untrusted', async () => {
    const api = await activateExtension();
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(api.client.isRunning(), true);
  });

  it('ignores the workspace\'s activeProfile and previews on the built-in sample', async () => {
    const api = await activateExtension();
    assert.equal(vscode.workspace.getConfiguration('daemonsetTools').get('activeProfile'), '', 'a restricted setting: the workspace value is not applied');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('fluentd.yaml')));
    const result = await eventually(async () => {
      const answer = await api.refreshPlacement();
      return answer?.kind === 'ok' ? answer : undefined;
    }, 'the placement');
    assert.equal(result.profile.name, 'guide-cluster');
  });

  it('has the server refuse a profile outside the workspace even when a request names it', async () => {
    const api = await activateExtension();
    const uri = workspaceUri('fluentd.yaml').toString();
    const refused = await api.client.sendRequest<PlacementAnswer>(PlacementRequestMethod, { uri, profilePath: outside() });
    assert.equal(refused.kind, 'error');
    if (refused.kind === 'error') assert.match(refused.message, /^Restricted Mode: the cluster profile .*outside\.profile\.yaml is outside the workspace folders/);
    const inside = await api.client.sendRequest<PlacementAnswer>(PlacementRequestMethod, { uri, profilePath: workspaceUri('profiles/guide.profile.yaml').fsPath });
    assert.equal(inside.kind === 'ok' ? inside.profile.name : inside.message, 'guide-cluster');
  });

  it('refuses Compare with Git HEAD and the kubectl capture (they run programs)', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('fluentd-taint.yaml')));
    // the workspace is a Git repository with the file committed: only the trust stops the comparison
    assert.equal(await vscode.commands.executeCommand('daemonsetTools.compareWithHead'), undefined);
    await waitForNotification((message) => message.includes('Compare with Git HEAD runs git') && message.includes('trust this workspace first'), 'the refusal of Compare with Git HEAD');
    const capture = await vscode.commands.executeCommand<{ saved?: string; error?: string }>('daemonsetTools.captureProfile', { context: 'kind-lab', target: 'never.profile.json' });
    assert.match(capture.error ?? '', /trust this workspace first/);
  });
});
