/**
 * The first minute, as a new user meets it: the placement view's empty
 * states (each with the button that fixes it) and the Getting Started
 * walkthrough, whose buttons are clicked in the rendered workbench.
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, clickRendered, eventually, renderedTexts, workspaceUri } from './helpers';
import { suiteConfig } from './index';

const settings = () => vscode.workspace.getConfiguration('daemonsetTools');
const activeText = () => vscode.window.activeTextEditor?.document.getText() ?? '';
const harness = () => suiteConfig().shotsDir !== undefined;

/** The welcome content the placement view shows, as rendered (undefined without the harness). */
async function welcomeText(expected: RegExp): Promise<string | undefined> {
  if (!harness()) return undefined;
  await vscode.commands.executeCommand('daemonsetTools.placement.focus');
  return eventually(async () => {
    const text = (await renderedTexts('.part.sidebar .welcome-view-content'))?.join(' ') ?? '';
    return expected.test(text) ? text : undefined;
  }, `the welcome content ${expected}`);
}

describe('First use in a real VS Code', () => {
  it('shows each empty state of the placement view with the action that fixes it', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually(() => (api.viewState() === 'noEditor' ? true : undefined), 'the no-editor state');
    await welcomeText(/Open Example DaemonSet/);
    // its button opens the example, and the view shows where it runs
    if (harness()) assert.ok(await clickRendered('.part.sidebar .welcome-view-content .monaco-button', 'Open Example DaemonSet'));
    else await vscode.commands.executeCommand('daemonsetTools.openExample');
    await eventually(() => (activeText().includes('name: log-agent') ? true : undefined), 'the example to open');
    await eventually(() => (api.viewState() === 'ok' ? true : undefined), 'the example placed');

    const plain = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n' });
    await vscode.window.showTextDocument(plain);
    await eventually(() => (api.viewState() === 'noDaemonSet' ? true : undefined), 'the no-DaemonSet state');
    await welcomeText(/holds no DaemonSet/);

    writeFileSync(workspaceUri('broken.profile.yaml').fsPath, 'kind: ClusterProfile\nnodes: 12\n');
    try {
      await settings().update('activeProfile', 'broken.profile.yaml', vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('daemonsetTools.openExample');
      await eventually(() => (api.viewState() === 'profileError' ? true : undefined), 'the profile-error state');
      const text = await welcomeText(/Select Cluster Profile/);
      if (text !== undefined) assert.match(text, /built-in sample profile always works/);
    } finally {
      await settings().update('activeProfile', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await eventually(() => (api.viewState() === 'ok' ? true : undefined), 'the sample profile again');
  });

  it('walks the Getting Started walkthrough: every step opens and its buttons run their commands', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const manifest = vscode.extensions.getExtension('daemonset-tools.daemonset-tools')!.packageJSON as {
      contributes: { walkthroughs: Array<{ steps: Array<{ title: string; description: string }> }> };
    };
    const steps = manifest.contributes.walkthroughs[0].steps;
    const declared = await vscode.commands.getCommands(true);
    // What each button's command visibly does; buttons that open a dialog are checked by what the dialog shows.
    const closeQuickPick = () => vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const effects: Record<string, () => Promise<unknown>> = {
      'daemonsetTools.openExample': () => eventually(() => (activeText().includes('name: log-agent') ? true : undefined), 'the example'),
      'daemonsetTools.previewPlacement': () => eventually(() => { const r = api.placement(); return r?.kind === 'ok' && r.daemonSets[0]?.name === 'log-agent' ? true : undefined; }, 'the example placed'),
      'daemonsetTools.createProfile': () => eventually(() => (activeText().includes('kind: ClusterProfile') ? true : undefined), 'the profile template'),
      'daemonsetTools.captureProfile': async () => {
        // the context pick, or (no cluster configured on this machine) the message that says what kubectl lacks
        if (harness()) await eventually(async () => (/cluster to capture|kubectl/.test([...((await renderedTexts('.quick-input-widget')) ?? []), ...((await renderedTexts('.notifications-toasts')) ?? [])].join(' ')) ? true : undefined), 'the context pick or the kubectl message');
        await closeQuickPick();
      },
      'daemonsetTools.selectProfile': async () => {
        if (harness()) await eventually(async () => ((await renderedTexts('.quick-input-widget'))?.join(' ').match(/sample/i) ? true : undefined), 'the profile pick');
        await closeQuickPick();
      },
      'daemonsetTools.compareProfiles': async () => {
        if (harness()) await eventually(async () => ((await renderedTexts('.quick-input-widget'))?.join(' ').match(/sample/i) ? true : undefined), 'the second profile pick');
        await closeQuickPick();
      },
      'daemonsetTools.compareWithHead': async () => {
        if (harness()) await eventually(async () => ((await renderedTexts('.notifications-toasts'))?.join(' ').match(/saved file|Git|git/) ? true : undefined), 'what Compare with Git HEAD says of an untitled file');
      },
      'daemonsetTools.configureRules': () => eventually(() => (vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Settings' ? true : undefined), 'the settings editor'),
    };
    await vscode.commands.executeCommand('daemonsetTools.openWalkthrough');
    if (harness()) await eventually(async () => ((await renderedTexts('.gettingStartedContainer'))?.join(' ').includes('Get started with DaemonSet Tools') ? true : undefined), 'the walkthrough');
    for (const step of steps) {
      const buttons = [...step.description.matchAll(/\[([^\]]+)\]\(command:([\w.]+)\)/g)].map(([, label, command]) => ({ label, command }));
      assert.ok(buttons.length > 0, `step "${step.title}" has a button`);
      for (const { label, command } of buttons) {
        assert.ok(declared.includes(command), `${command} (button "${label}") is a registered command`);
        assert.ok(effects[command], `the spec knows what ${command} does`);
        if (command === 'daemonsetTools.compareProfiles' || command === 'daemonsetTools.compareWithHead' || command === 'daemonsetTools.previewPlacement') {
          // these act on the active DaemonSet: the example, opened beside the walkthrough
          await vscode.commands.executeCommand('daemonsetTools.openExample');
        }
        if (harness()) {
          await vscode.commands.executeCommand('daemonsetTools.openWalkthrough');
          await eventually(() => clickRendered('.gettingStartedContainer .getting-started-step', step.title).then((ok) => ok || undefined), `the step "${step.title}"`);
          await eventually(() => clickRendered('.gettingStartedContainer .getting-started-step.expanded .monaco-button', label).then((ok) => ok || undefined), `the button "${label}"`);
        } else {
          void vscode.commands.executeCommand(command);
        }
        await effects[command]();
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
