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
 * - The same for the Kubernetes extension, which gives the YAML extension its
 *   schema through the YAML extension's API rather than `yaml.schemas`: the
 *   offer there adds its `# vscode-kubernetes-tools: exclude` directive to the
 *   DaemonSet files (kubernetesToolsOffer.ts).
 */
import * as vscode from 'vscode';
import type { Middleware, vsdiag } from 'vscode-languageclient/node';
import { kubernetesAssociations, withDaemonSetFilesExcluded, YAML_EXTENSION_ID } from './kubernetesSchema';
import { kubernetesToolsOffer } from './kubernetesToolsOffer';
import type { SchemaOffer } from './schemaOffer';
import { acceptOffer, daemonSetFiles, offerLook, relative } from './schemaOffer';

const SYNTAX_RULE = 'yaml-syntax';
export const EXCLUDE_BUTTON = 'Exclude DaemonSet Files';

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
  if (!vscode.extensions.getExtension(YAML_EXTENSION_ID)) return false;
  const matches = (glob: string) => vscode.languages.match({ pattern: `**/${glob.replace(/^\//, '')}` }, document) > 0;
  return kubernetesAssociations(vscode.workspace.getConfiguration('yaml', document).get('schemas')).some(({ include, exclude }) => include.some(matches) && !exclude.some(matches));
}

/** Writes `paths` as exclusions into the Kubernetes entries of the workspace's `yaml.schemas`. */
async function excludePaths(paths: string[]): Promise<void> {
  const config = vscode.workspace.getConfiguration('yaml');
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('schemas', withDaemonSetFilesExcluded(config.get('schemas'), paths), target);
}

/** `yaml.schemas`: DaemonSet files are taken out of its Kubernetes entries with `!path` globs in the workspace settings. */
function yamlSchemasOffer(output: vscode.LogOutputChannel): SchemaOffer {
  return {
    stateKey: 'daemonsetTools.kubernetesSchemaOffer',
    applies: kubernetesSchemaApplies,
    question: (name) =>
      `The YAML extension also checks ${name} with the Kubernetes schema, so its hovers, completions and field errors would repeat those of DaemonSet Tools. Exclude the workspace's DaemonSet files from its Kubernetes schema (yaml.schemas in the workspace settings)?`,
    button: EXCLUDE_BUTTON,
    excludeAll: async () => {
      const paths = (await daemonSetFiles()).map(relative);
      await excludePaths(paths);
      output.info(`The YAML extension's Kubernetes schema no longer applies to ${paths.length} DaemonSet file(s) (yaml.schemas in the workspace settings): ${paths.join(', ')}`);
      return paths;
    },
    excludeOne: async (document) => {
      const path = relative(document.uri);
      await excludePaths([path]);
      output.info(`The YAML extension's Kubernetes schema no longer applies to ${path} either (yaml.schemas in the workspace settings).`);
    },
  };
}

/**
 * Watches opened DaemonSet files and offers (or, once accepted, makes) their
 * exclusion from the YAML extension's Kubernetes schemas: the one of
 * `yaml.schemas` and the one the Kubernetes extension contributes.
 */
export function registerYamlExtensionCoexistence(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): vscode.Disposable[] {
  const offers = [yamlSchemasOffer(output), kubernetesToolsOffer(output)];
  const looks = offers.map((offer) => offerLook(context, offer));
  const lookSafely = (document: vscode.TextDocument) => {
    for (const look of looks) void look(document).catch((error: unknown) => output.warn(`Checking the YAML extension's Kubernetes schema: ${error instanceof Error ? error.message : String(error)}`));
  };
  for (const editor of vscode.window.visibleTextEditors) lookSafely(editor.document);
  return [
    vscode.commands.registerCommand('daemonsetTools.excludeFromKubernetesSchema', () => acceptOffer(context, offers[0])),
    vscode.commands.registerCommand('daemonsetTools.excludeFromKubernetesExtension', () => acceptOffer(context, offers[1])),
    vscode.workspace.onDidOpenTextDocument(lookSafely),
    // the Kubernetes extension registers its schema when it has started, which may come after the file opened
    vscode.window.onDidChangeActiveTextEditor((editor) => editor && lookSafely(editor.document)),
    // a changed association (or the YAML extension turned on) is looked at on the files in sight
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('yaml.schemas')) for (const editor of vscode.window.visibleTextEditors) lookSafely(editor.document);
    }),
  ];
}
