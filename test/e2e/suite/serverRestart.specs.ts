/**
 * A language server that dies (killed the way a crash ends it) comes back:
 * the client restarts it within its bound, says so, and the diagnostics and
 * the placement view follow the text again, edits made meanwhile included.
 * Loaded last by index.ts: it kills the server the other specs use.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, eventually, processGone, waitForNotification, workspaceUri } from './helpers';

describe('A crashed language server in a real VS Code', () => {
  it('restarts the server, says so, and diagnostics and the placement view come back with edits made meanwhile', async () => {
    const api = await activateExtension();
    const example = await vscode.workspace.openTextDocument(workspaceUri('fluentd-taint.yaml'));
    const lines = example.getText().split('\n');
    const tolerations = lines.findIndex((l) => l.trim() === 'tolerations:');
    // a mistake to underline: an unknown field next to the tolerations
    lines.splice(tolerations, 0, '      hostNetwrk: true');
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: lines.join('\n') });
    const editor = await vscode.window.showTextDocument(document);
    const unknownField = (name: string) => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'unknown-field' && d.message.includes(name));
    const controlPlane = () => {
      const result = api.placement();
      return result?.kind === 'ok' ? result.daemonSets[0]?.nodes.find((n) => n.name === 'control-plane-1')?.status : undefined;
    };
    await eventually(() => unknownField('hostNetwrk'), 'the first diagnostic');
    await eventually(() => (controlPlane() === 'excluded' ? true : undefined), 'the first placement');

    const pid = await api.serverPid();
    process.kill(pid, 'SIGKILL');
    await processGone(pid, 'the server process to be gone');
    // edits while the server is down or starting: another mistake, and a toleration that lets the pod onto the control plane
    await editor.edit((edit) => {
      edit.replace(new vscode.Range(tolerations, 0, tolerations, document.lineAt(tolerations).text.length), '      hostPIDD: true');
      edit.insert(new vscode.Position(tolerations + 2, 0), '        - key: node-role.kubernetes.io/control-plane\n          operator: Exists\n');
    });
    await waitForNotification((message) => message.includes('language server stopped unexpectedly and is being restarted'), 'the notice of the restart');
    const restarted = await eventually(async () => {
      const now = await api.serverPid().catch(() => undefined);
      return now !== undefined && now !== pid ? now : undefined;
    }, 'a new server process', 60_000);
    assert.notEqual(restarted, pid);
    // nobody asks for the placement: the view asks again by itself once the new server runs
    await eventually(() => unknownField('hostPIDD'), 'the diagnostics of the edited text from the new server', 60_000);
    assert.equal(unknownField('hostNetwrk'), undefined, 'the old finding is gone');
    await eventually(() => (controlPlane() === 'runs' ? true : undefined), 'the placement view of the edited text', 60_000);
    assert.equal(api.client.isRunning(), true);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
