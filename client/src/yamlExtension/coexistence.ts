/**
 * Living beside the YAML extension (redhat.vscode-yaml). Both serve YAML
 * files, so without care a DaemonSet gets everything twice. The behaviour
 * (README, "Alongside the YAML extension"):
 * - YAML syntax errors are the YAML extension's: while it is active and
 *   validates (`yaml.validate`), our `yaml-syntax` findings are left out of open
 *   YAML documents (it reports the same parse error; files that are not open
 *   keep ours, it does not check them).
 * - Everything about DaemonSet fields is ours. When its `yaml.schemas` applies
 *   the Kubernetes schema to an open DaemonSet file, a notification offers to
 *   exclude the workspace's DaemonSet files from that entry (`!path` globs in
 *   the workspace's `yaml.schemas`), so hovers, completions and field errors
 *   come once. Accepted once, DaemonSet files opened later are added as they
 *   are met; "Don't Ask Again" is remembered for the workspace.
 */
import * as vscode from 'vscode';
import type { Middleware, vsdiag } from 'vscode-languageclient/node';
import { holdsDaemonSet, kubernetesAssociations, withDaemonSetFilesExcluded, YAML_EXTENSION_ID } from './kubernetesSchema';

const SYNTAX_RULE = 'yaml-syntax';
const OFFER_STATE = 'daemonsetTools.kubernetesSchemaOffer';
export const EXCLUDE_BUTTON = 'Exclude DaemonSet Files';
const NOT_NOW = 'Not Now';
const NEVER = "Don't Ask Again";

function yamlExtensionValidates(document: vscode.TextDocument | undefined): boolean {
  if (document?.languageId !== 'yaml' || !vscode.extensions.getExtension(YAML_EXTENSION_ID)?.isActive) return false;
  return vscode.workspace.getConfiguration('yaml', document).get<boolean>('validate', true) !== false;
}

function isSyntaxFinding(diagnostic: vscode.Diagnostic): boolean {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === SYNTAX_RULE;
}

function openDocument(target: vscode.TextDocument | vscode.Uri): vscode.TextDocument | undefined {
  if (!(target instanceof vscode.Uri)) return target;
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === target.toString());
}

/** Whether the syntax errors were filtered out of a document's last full report (by uri). */
const filteredLast = new Map<string, boolean>();

/** Client middleware that leaves YAML syntax errors to the YAML extension where it reports them. */
export const syntaxErrorsMiddleware: Middleware = {
  provideDiagnostics: async (document, previousResultId, token, next) => {
    const key = document instanceof vscode.Uri ? document.toString() : document.uri.toString();
    const filter = yamlExtensionValidates(openDocument(document));
    // an "unchanged" answer keeps the last report as it was filtered: ask for a full one when the filtering changed
    const report = await next(document, filteredLast.get(key) === filter ? previousResultId : undefined, token);
    if (!report || report.kind !== ('full' as vsdiag.DocumentDiagnosticReportKind.full)) return report;
    filteredLast.set(key, filter);
    if (!filter) return report;
    return { ...report, items: report.items.filter((diagnostic) => !isSyntaxFinding(diagnostic)) };
  },
  handleDiagnostics: (uri, diagnostics, next) => next(uri, yamlExtensionValidates(openDocument(uri)) ? diagnostics.filter((d) => !isSyntaxFinding(d)) : diagnostics),
};

/** Whether the YAML extension's `yaml.schemas` applies the Kubernetes schema to this document (its globs match, none of its `!` globs). */
function kubernetesSchemaApplies(document: vscode.TextDocument): boolean {
  const matches = (glob: string) => vscode.languages.match({ pattern: `**/${glob.replace(/^\//, '')}` }, document) > 0;
  return kubernetesAssociations(vscode.workspace.getConfiguration('yaml', document).get('schemas')).some(({ include, exclude }) => include.some(matches) && !exclude.some(matches));
}

/** Writes `paths` as exclusions into the Kubernetes entries of the workspace's `yaml.schemas`. */
async function excludePaths(paths: string[]): Promise<void> {
  const config = vscode.workspace.getConfiguration('yaml');
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('schemas', withDaemonSetFilesExcluded(config.get('schemas'), paths), target);
}

/** The workspace-relative paths of the workspace's YAML files that hold a DaemonSet. */
async function daemonSetFiles(): Promise<string[]> {
  const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/node_modules/**', 5000);
  const paths: string[] = [];
  for (const uri of files) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (holdsDaemonSet(text)) paths.push(vscode.workspace.asRelativePath(uri, false));
  }
  return paths.sort();
}

/**
 * The command behind the notification's button (also in the palette):
 * excludes every DaemonSet file of the workspace from the Kubernetes schema
 * and resolves with the paths it excluded.
 */
async function excludeDaemonSetFiles(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<string[]> {
  const paths = await daemonSetFiles();
  await excludePaths(paths);
  await context.workspaceState.update(OFFER_STATE, 'accepted');
  output.info(`The YAML extension's Kubernetes schema no longer applies to ${paths.length} DaemonSet file(s) (yaml.schemas in the workspace settings): ${paths.join(', ')}`);
  return paths;
}

/** Watches opened DaemonSet files and offers (or, once accepted, makes) the exclusion. */
export function registerYamlExtensionCoexistence(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): vscode.Disposable[] {
  let askedThisSession = false;
  const look = async (document: vscode.TextDocument) => {
    if (document.uri.scheme !== 'file' || document.languageId !== 'yaml' || !vscode.extensions.getExtension(YAML_EXTENSION_ID)) return;
    if (!holdsDaemonSet(document.getText()) || !kubernetesSchemaApplies(document)) return;
    const state = context.workspaceState.get<string>(OFFER_STATE);
    if (state === 'declined') return;
    if (state === 'accepted') {
      const path = vscode.workspace.asRelativePath(document.uri, false);
      await excludePaths([path]);
      output.info(`The YAML extension's Kubernetes schema no longer applies to ${path} either (yaml.schemas in the workspace settings).`);
      return;
    }
    if (askedThisSession) return;
    askedThisSession = true;
    const name = vscode.workspace.asRelativePath(document.uri, false);
    const answer = await vscode.window.showInformationMessage(
      `The YAML extension also checks ${name} with the Kubernetes schema, so its hovers, completions and field errors would repeat those of DaemonSet Tools. Exclude the workspace's DaemonSet files from its Kubernetes schema (yaml.schemas in the workspace settings)?`,
      EXCLUDE_BUTTON,
      NOT_NOW,
      NEVER,
    );
    if (answer === EXCLUDE_BUTTON) await excludeDaemonSetFiles(context, output);
    else if (answer === NEVER) await context.workspaceState.update(OFFER_STATE, 'declined');
  };
  const lookSafely = (document: vscode.TextDocument) => look(document).catch((error: unknown) => output.warn(`Checking the YAML extension's schema settings: ${error instanceof Error ? error.message : String(error)}`));
  for (const editor of vscode.window.visibleTextEditors) void lookSafely(editor.document);
  return [
    vscode.commands.registerCommand('daemonsetTools.excludeFromKubernetesSchema', () => excludeDaemonSetFiles(context, output)),
    vscode.workspace.onDidOpenTextDocument((document) => void lookSafely(document)),
    // a changed association (or the YAML extension turned on) is looked at on the files in sight
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('yaml.schemas')) for (const editor of vscode.window.visibleTextEditors) void lookSafely(editor.document);
    }),
  ];
}
