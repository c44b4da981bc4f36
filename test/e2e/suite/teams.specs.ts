/**
 * Extension-host specs for teams: a suppression quick fix silences a finding,
 * and the shared `.daemonset-tools.yaml` drives the severities of open
 * manifests, changing them when the file is edited and saved, and the
 * Kubernetes version they are checked against (shown in the status bar).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, eventually, waitForRendered, workspaceUri } from './helpers';

const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: example.com/agent:latest
`;

const imageTag = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'image-tag');

describe('Team settings in a real VS Code', () => {
  const folder = workspaceUri('team-config');
  const config = vscode.Uri.joinPath(folder, '.daemonset-tools.yaml');
  const agent = vscode.Uri.joinPath(folder, 'agent.yaml');

  before(async () => {
    await activateExtension();
    mkdirSync(folder.fsPath, { recursive: true });
    writeFileSync(config.fsPath, 'rules:\n  image-tag: error\n');
    writeFileSync(agent.fsPath, AGENT);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder.fsPath, { recursive: true, force: true });
  });

  it('"Disable <rule> for this line" inserts the directive and the squiggle goes away', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: AGENT });
    await vscode.window.showTextDocument(document);
    const diagnostic = await eventually(() => imageTag(document.uri), 'the image-tag diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const disable = actions.find((a) => a.title === 'Disable image-tag for this line');
    assert.ok(disable?.edit, actions.map((a) => a.title).join(', '));
    await vscode.workspace.applyEdit(disable.edit);
    assert.match(document.getText(), /\n {10}# daemonset-tools-disable-next-line image-tag -- .*\n {10}image: example\.com\/agent:latest\n/);
    await eventually(() => (imageTag(document.uri) ? undefined : true), 'the image-tag squiggle to go away');
    // the rest of the document is still checked
    assert.ok(vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'no-liveness-probe'));
  });

  it("uses the file's severity, and a severity changed and saved in the file reaches the open manifest", async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(agent));
    await eventually(() => (imageTag(agent)?.severity === vscode.DiagnosticSeverity.Error ? true : undefined), 'image-tag as an error (the file raises it)');
    // edit the team's file as a user does: in the editor, then save
    const file = await vscode.workspace.openTextDocument(config);
    await vscode.window.showTextDocument(file);
    const edit = new vscode.WorkspaceEdit();
    const at = file.getText().indexOf('error');
    edit.replace(config, new vscode.Range(file.positionAt(at), file.positionAt(at + 'error'.length)), 'hint');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await file.save());
    // back to the manifest, as a user looks at it (VS Code pulls diagnostics of the documents it shows)
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(agent));
    await eventually(() => (imageTag(agent)?.severity === vscode.DiagnosticSeverity.Hint ? true : undefined), 'image-tag as a hint after the save');
  });

  it('underlines an unknown rule id in the file, and completes rule ids', async () => {
    const file = await vscode.workspace.openTextDocument(config);
    const editor = await vscode.window.showTextDocument(file);
    await editor.edit((builder) => builder.insert(file.positionAt(file.getText().length), '  image-tagg: error\n'));
    const problem = await eventually(() => vscode.languages.getDiagnostics(config).find((d) => d.code === 'invalid-config'), 'the invalid-config diagnostic');
    assert.match(problem.message, /unknown rule id `image-tagg`/);
    assert.equal(problem.range.start.line, 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', config, new vscode.Position(2, 2));
    assert.ok(list.items.some((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'no-memory-limit'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Show Effective Configuration opens what `config --print` prints for the active file', async () => {
    // the file as saved: no unsaved edit of the previous spec left (an open document's text wins over the disk)
    const file = await vscode.workspace.openTextDocument(config);
    if (file.isDirty) {
      await vscode.window.showTextDocument(file);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await eventually(() => (!file.isDirty && !vscode.languages.getDiagnostics(config).some((d) => d.code === 'invalid-config') ? true : undefined), 'the configuration file without errors');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(agent));
    const text = await vscode.commands.executeCommand<string | undefined>('daemonsetTools.showEffectiveConfiguration');
    assert.ok(text);
    const printed = JSON.parse(text) as { configFile: string; rules: Record<string, string> };
    assert.equal(printed.configFile, config.fsPath);
    assert.deepEqual(printed.rules, { 'image-tag': 'hint' });
    await eventually(() => (vscode.window.activeTextEditor?.document.getText() === text ? true : undefined), 'the configuration in an editor');
  });
});

/** `restartPolicyRules` (line 15) came in Kubernetes 1.34: the agent above, with a pinned image and the rules after it. */
const RESTART_RULES = `${AGENT.replace('example.com/agent:latest', 'example.com/agent:1.0')}          restartPolicy: Always
          restartPolicyRules:
            - action: Restart
              exitCodes: {operator: In, values: [42]}
`;

describe("The configuration file's kubernetesVersion in a real VS Code", () => {
  const folder = workspaceUri('team-version');
  const agent = vscode.Uri.joinPath(folder, 'agent.yaml');

  before(() => {
    mkdirSync(folder.fsPath, { recursive: true });
    writeFileSync(vscode.Uri.joinPath(folder, '.daemonset-tools.yaml').fsPath, 'kubernetesVersion: "1.33"\n');
    writeFileSync(agent.fsPath, RESTART_RULES);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder.fsPath, { recursive: true, force: true });
  });

  it('a 1.34 field next to a file saying 1.33 is an error, and the status bar says K8s 1.33 for that file only', async () => {
    const api = await activateExtension();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(agent));
    const error = await eventually(() => vscode.languages.getDiagnostics(agent).find((d) => d.code === 'field-not-in-version'), 'the field-not-in-version diagnostic');
    assert.equal(error.range.start.line, 15);
    assert.equal(error.message, '`restartPolicyRules` requires Kubernetes 1.34 or later; target is 1.33: remove it, or target 1.34 or later (kubernetesVersion) if your clusters run it');
    assert.equal(await api.kubernetesVersion(), '1.33');
    await waitForRendered('.statusbar-item', (text) => text.includes('K8s 1.33'), 'the status bar item for the manifest under the file');
    // a manifest no configuration file applies to: the newest, and no error
    const other = await vscode.workspace.openTextDocument({ language: 'yaml', content: RESTART_RULES });
    await vscode.window.showTextDocument(other);
    await eventually(() => (vscode.languages.getDiagnostics(other.uri).length > 0 ? true : undefined), 'the first diagnostics of the untitled manifest');
    assert.ok(!vscode.languages.getDiagnostics(other.uri).some((d) => d.code === 'field-not-in-version'));
    await waitForRendered('.statusbar-item', (text) => text.includes('K8s 1.36'), 'the status bar item for the untitled manifest');
    assert.equal(await api.kubernetesVersion(), '1.36');
  });
});

