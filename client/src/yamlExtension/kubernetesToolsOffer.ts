/**
 * The Kubernetes extension's schema on DaemonSet files (what it does:
 * kubernetesTools.ts). It has no setting to turn it off, so the offer adds its
 * own `# vscode-kubernetes-tools: exclude` directive on top of the DaemonSet
 * files: the Kubernetes extension then gives the YAML extension no schema for
 * them, and hovers, completions and field errors come once, from DaemonSet Tools.
 */
import * as vscode from 'vscode';
import { YAML_EXTENSION_ID } from './kubernetesSchema';
import { EXCLUDE_DIRECTIVE, excludedFromKubernetesTools, exclusionToInsert, KUBERNETES_CONTRIBUTOR, KUBERNETES_EXTENSION_ID } from './kubernetesTools';
import type { SchemaOffer } from './schemaOffer';
import { daemonSetFiles, relative } from './schemaOffer';

/** The part of the YAML extension's API (its SchemaExtensionAPI) read here. */
interface YamlExtensionApi {
  hasProvider?(schema: string): boolean;
}

export const ADD_DIRECTIVE_BUTTON = 'Add the Comment to DaemonSet Files';

/**
 * Whether the Kubernetes extension's schema contributor answers for this
 * document: both extensions there, the contributor registered with the YAML
 * extension, and no exclude directive in the file.
 */
async function contributorApplies(document: vscode.TextDocument): Promise<boolean> {
  const kubernetes = vscode.extensions.getExtension(KUBERNETES_EXTENSION_ID);
  const yaml = vscode.extensions.getExtension<YamlExtensionApi | undefined>(YAML_EXTENSION_ID);
  if (!kubernetes || !yaml || excludedFromKubernetesTools(document.getText())) return false;
  // It activates on YAML files, as we do, and registers its contributor at the end of its activation:
  // waiting for that activation (not starting anything the user's YAML file would not start) tells whether it did.
  await kubernetes.activate().then(undefined, () => undefined);
  if (!yaml.isActive) return false;
  // The YAML extension's API knows its contributors; without hasProvider (an older YAML extension), an active Kubernetes extension has registered.
  const api = yaml.exports;
  return typeof api?.hasProvider === 'function' ? api.hasProvider(KUBERNETES_CONTRIBUTOR) : kubernetes.isActive;
}

/** Inserts the directive on top of the files that lack it and saves them (an open file with unsaved changes keeps them, unsaved). */
async function addDirective(uris: readonly vscode.Uri[]): Promise<string[]> {
  const edit = new vscode.WorkspaceEdit();
  const changed: vscode.Uri[] = [];
  for (const uri of uris) {
    const document = await vscode.workspace.openTextDocument(uri);
    const text = exclusionToInsert(document.getText());
    if (text === undefined) continue;
    edit.insert(uri, new vscode.Position(0, 0), text);
    changed.push(uri);
  }
  if (changed.length === 0) return [];
  const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not add "${EXCLUDE_DIRECTIVE}" to ${changed.map(relative).join(', ')}`);
  for (const uri of changed) {
    if (!dirtyBefore.has(uri.toString())) await (await vscode.workspace.openTextDocument(uri)).save();
  }
  return changed.map(relative);
}

export function kubernetesToolsOffer(output: vscode.LogOutputChannel): SchemaOffer {
  return {
    stateKey: 'daemonsetTools.kubernetesExtensionOffer',
    applies: contributorApplies,
    question: (name) =>
      `The Kubernetes extension gives the YAML extension its Kubernetes schema for ${name}, so their hovers, completions and field errors would repeat those of DaemonSet Tools. It has no setting for this; a "${EXCLUDE_DIRECTIVE}" comment on top of a file turns it off there. Add it to the workspace's DaemonSet files?`,
    button: ADD_DIRECTIVE_BUTTON,
    excludeAll: async () => {
      const paths = await addDirective(await daemonSetFiles());
      output.info(`"${EXCLUDE_DIRECTIVE}" added on top of ${paths.length} DaemonSet file(s), so the Kubernetes extension gives them no schema: ${paths.join(', ')}`);
      return paths;
    },
    excludeOne: async (document) => {
      const paths = await addDirective([document.uri]);
      if (paths.length) output.info(`"${EXCLUDE_DIRECTIVE}" added on top of ${paths[0]} too (the Kubernetes extension gives it no schema).`);
    },
  };
}
