/**
 * The target Kubernetes version in the editor: a status bar item that shows
 * the active file's (the server says which: the setting, else the
 * `.daemonset-tools.yaml` above the file, else the newest) and the
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
      // each file may have its own (the configuration file above it): asked again for the new one
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.showFor(vscode.window.activeTextEditor);
        void this.update();
      }),
      // the server says when new settings or a changed configuration file may change the version: asked here on a settings change, it might answer before they arrive
      this.client.onNotification(KubernetesVersionChangedNotificationMethod, () => void this.update()),
      this.client.onDidChangeState((event) => {
        if (event.newState === State.Running) void this.update();
      }),
      vscode.commands.registerCommand('daemonsetTools.selectKubernetesVersion', (version?: string) => this.select(version)),
    );
  }

  /** Asks the server for the target version and shows it. */
  async update(): Promise<KubernetesVersionResult | undefined> {
    if (!this.client.isRunning()) return undefined;
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const params: KubernetesVersionParams = { uri };
    const sequence = ++this.sequence;
    const answer = await this.client.sendRequest<KubernetesVersionResult>(KubernetesVersionRequestMethod, params).catch(() => undefined);
    // an answer overtaken by a newer question (another file came to the front meanwhile) is not shown
    if (answer && sequence === this.sequence) this.show(answer);
    return answer;
  }

  /** Numbers the questions: only the latest answer is shown. */
  private sequence = 0;

  private show(answer: KubernetesVersionResult): void {
    this.current = answer;
    const { version, source, problem, configFile } = answer;
    this.item.text = `$(versions) K8s ${version}`;
    const origin = source === 'setting' ? 'the daemonsetTools.kubernetesVersion setting' : source === 'config' ? `kubernetesVersion in ${configFile ?? '.daemonset-tools.yaml'}` : 'the newest supported version';
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
    // the server announces the new version once it has read the setting (KubernetesVersionChangedNotificationMethod);
    // the setting wins over a .daemonset-tools.yaml's kubernetesVersion, as --kubernetes-version does in CI
    await vscode.workspace.getConfiguration('daemonsetTools').update(SETTING, chosen, target);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
