/**
 * The target Kubernetes version in the editor: a status bar item that shows
 * it (the server says which, it knows the supported versions) and the
 * **Select Kubernetes Version** command, which writes the
 * `daemonsetTools.kubernetesVersion` setting; the server then checks, completes
 * and hovers against that version.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import type { KubernetesVersionParams, KubernetesVersionResult } from '../../server/src/protocol';
import { KubernetesVersionChangedNotificationMethod, KubernetesVersionRequestMethod } from '../../server/src/protocol';

const SETTING = 'kubernetesVersion';

export class KubernetesVersionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('daemonsetTools.kubernetesVersion', vscode.StatusBarAlignment.Left, 49);
  private readonly disposables: vscode.Disposable[] = [this.item];
  /** What the server last said (undefined before it answered). */
  current: KubernetesVersionResult | undefined;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'DaemonSet Tools: Kubernetes Version';
    this.item.command = 'daemonsetTools.selectKubernetesVersion';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.showFor(vscode.window.activeTextEditor)),
      // the server says when its settings change the version: asked here on a settings change, it might answer before they arrive
      this.client.onNotification(KubernetesVersionChangedNotificationMethod, (result: KubernetesVersionResult) => this.show(result)),
      this.client.onDidChangeState((event) => {
        if (event.newState === State.Running) void this.update();
      }),
      vscode.commands.registerCommand('daemonsetTools.selectKubernetesVersion', (version?: string) => this.select(version)),
    );
  }

  /** Asks the server for the target version and shows it. */
  async update(): Promise<KubernetesVersionResult | undefined> {
    if (!this.client.isRunning()) return undefined;
    const params: KubernetesVersionParams = { uri: vscode.window.activeTextEditor?.document.uri.toString() };
    const answer = await this.client.sendRequest<KubernetesVersionResult>(KubernetesVersionRequestMethod, params).catch(() => undefined);
    if (answer) this.show(answer);
    return answer;
  }

  private show(answer: KubernetesVersionResult): void {
    this.current = answer;
    const { version, source, problem } = answer;
    this.item.text = `$(versions) K8s ${version}`;
    const origin = source === 'setting' ? 'the daemonsetTools.kubernetesVersion setting' : 'the newest supported version';
    this.item.tooltip = `${problem ? `${problem}.\n` : ''}Manifests are checked against Kubernetes ${version} (${origin}). Click to select another version.`;
    this.showFor(vscode.window.activeTextEditor);
  }

  private showFor(editor: vscode.TextEditor | undefined): void {
    const language = editor?.document.languageId;
    if (this.current && (language === 'yaml' || language === 'helm')) this.item.show();
    else this.item.hide();
  }

  /**
   * Select Kubernetes Version: a quick pick of the supported versions (or the
   * version given, from a test or a keybinding); written to the workspace's
   * settings when a folder is open, else the user's.
   */
  private async select(given?: string): Promise<void> {
    const answer = this.current ?? (await this.update());
    const versions = answer?.versions ?? [];
    let chosen = given;
    if (chosen === undefined) {
      const newest = versions.at(-1);
      const picks = [...versions].reverse().map((version) => ({
        label: version,
        description: [version === newest ? 'newest' : '', version === answer?.version ? 'current' : ''].filter(Boolean).join(' · ') || undefined,
      }));
      chosen = (await vscode.window.showQuickPick(picks, { title: 'Kubernetes version your clusters run', placeHolder: 'Fields a version does not have are errors; hover says since when a field exists' }))?.label;
    }
    if (chosen === undefined) return;
    if (!versions.includes(chosen)) {
      void vscode.window.showWarningMessage(`DaemonSet Tools: Kubernetes ${chosen} is not supported (supported: ${versions.join(', ')}).`);
      return;
    }
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    // the server announces the new version once it has read the setting (KubernetesVersionChangedNotificationMethod)
    await vscode.workspace.getConfiguration('daemonsetTools').update(SETTING, chosen, target);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
