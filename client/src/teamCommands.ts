/** Commands about the team's shared configuration (category "DaemonSet Tools"). */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { EffectiveConfigurationParams, EffectiveConfigurationResult } from '../../server/src/protocol';
import { EffectiveConfigurationRequestMethod } from '../../server/src/protocol';

export function registerTeamCommands(client: LanguageClient): vscode.Disposable[] {
  return [
    // what `daemonset-tools config --print` prints for the active file's folder, in a new editor; returns the text (tests read it)
    vscode.commands.registerCommand('daemonsetTools.showEffectiveConfiguration', async (): Promise<string | undefined> => {
      const active = vscode.window.activeTextEditor?.document.uri;
      const params: EffectiveConfigurationParams = { uri: active?.scheme === 'file' ? active.toString() : undefined };
      const result = await client.sendRequest<EffectiveConfigurationResult>(EffectiveConfigurationRequestMethod, params);
      if (result.kind === 'error') {
        void vscode.window.showErrorMessage(result.message);
        return undefined;
      }
      const document = await vscode.workspace.openTextDocument({ language: 'json', content: result.text });
      await vscode.window.showTextDocument(document, { preview: false });
      // what this editor uses instead of the file's settings (the CLI uses the file's)
      const notes = [
        ...(result.overriddenRules.length ? [`daemonsetTools.diagnostics.rules sets ${result.overriddenRules.map((id) => `\`${id}\``).join(', ')} over the file`] : []),
        ...result.overriddenSettings,
      ];
      if (notes.length) void vscode.window.showInformationMessage(`In this editor, ${notes.join('; ')} (the CLI uses the file's).`);
      return result.text;
    }),
  ];
}
