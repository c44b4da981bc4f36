/**
 * Diagnostics over LSP: pull when the client supports it, push otherwise
 * (chosen once from the client's capabilities). Push is debounced while the
 * user types, and an outdated run publishes nothing.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import { CodeActionKind, DiagnosticSeverity, DiagnosticTag, DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModels } from './documentModels';
import { filePath } from './documentModels';
import type { SourceFinding } from './render/renderedFindings';
import { renderedDiagnostics } from './renderedDiagnostics';
import { FindingsCache } from './findingsCache';
import type { FileReader } from './kustomize/discovery';
import { documentRoleOf } from './kustomize/discovery';
import { readFromDisk } from './kustomize/diskReader';
import type { ApiModel } from './languageService/apiModel';
import type { DocumentRole, Finding, QuickFix, Severity } from './languageService/diagnostics';
import { priorityClassNames } from './languageService/diagnostics/workspacePriorityClasses';
import type { YamlFile } from './languageService/yamlModel';
import { guard } from './runner';
import type { ServerSettings } from './settings';
import type { TeamView } from './teamView';
import { NO_TEAM } from './teamView';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DEBOUNCE_MS = 150;

export class DiagnosticsService {
  private readonly cache = new FindingsCache();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** PriorityClass names found in workspace files on disk (set by the server). */
  workspacePriorityClasses = new Set<string>();
  /** Fixes that do not come from a diagnostic (e.g. from the placement verdict), at a file offset. */
  moreFixes: (file: YamlFile, offset: number) => QuickFix[] = () => [];
  /** Findings of rendered charts and built overlays that land in a file (see RenderedDiagnostics). */
  renderedFindings: (path: string) => SourceFinding[] = () => [];
  /** The team's configuration file and baseline (set by the server, see teamView.ts). */
  team: TeamView = NO_TEAM;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly models: DocumentModels,
    private readonly model: ApiModel,
    private readonly settings: () => ServerSettings,
    private readonly pull: boolean,
    private readonly canRefresh: boolean,
  ) {}

  private priorityClasses(): Set<string> {
    const names = new Set(this.workspacePriorityClasses);
    for (const document of this.documents.all()) for (const name of priorityClassNames(this.models.get(document))) names.add(name);
    return names;
  }

  /** Plain findings of a document's current version. */
  findings(document: TextDocument): { file: YamlFile; findings: Finding[] } {
    const file = this.models.get(document);
    const settings = this.settings();
    if (!settings.diagnostics.enable) return { file, findings: [] };
    const path = filePath(document.uri);
    const own = this.team.ownFindings(path, file);
    if (own) return { file, findings: own };
    const rules = this.team.rules(path, settings.diagnostics.rules);
    if (!rules) return { file, findings: [] }; // the team's `ignore:` excludes it
    const priorityClasses = this.priorityClasses();
    const role = this.role(document);
    const kubernetesVersion = settings.kubernetesVersion || undefined;
    const optionsKey = JSON.stringify([rules, [...priorityClasses].sort(), role, kubernetesVersion]);
    return { file, findings: this.cache.findings(file, this.model, { rules, priorityClasses, role, kubernetesVersion }, optionsKey) };
  }

  /** Files of the workspace: an open document's text first (unsaved edits count), else the disk. */
  readonly readFile: FileReader = (path) => {
    const open = this.documents.get(pathToFileURL(path).toString());
    return open ? open.getText() : readFromDisk(path);
  };

  /** How the document is applied: a patch when a kustomization in its folder or above names it. */
  private role(document: TextDocument): DocumentRole | undefined {
    if (!document.uri.startsWith('file:')) return undefined;
    return documentRoleOf(fileURLToPath(document.uri), document.getText(), this.readFile);
  }

  diagnostics(document: TextDocument): Diagnostic[] {
    const { file, findings } = this.findings(document);
    const views = this.team.views(filePath(document.uri), file, findings);
    const own: Diagnostic[] = findings.map((finding) => ({
      range: file.lineIndex.range(finding.start, finding.end),
      severity: SEVERITY[finding.severity],
      code: finding.code,
      source: 'daemonset-tools',
      message: finding.message,
    }));
    const shown = own.flatMap((diagnostic, index): Diagnostic[] => {
      if (views[index] === 'hidden') return [];
      // in the baseline: faded text without a squiggle, and out of the Problems list (VS Code lists no hints)
      if (views[index] === 'dimmed') return [{ ...diagnostic, severity: DiagnosticSeverity.Hint, tags: [DiagnosticTag.Unnecessary], message: `${findings[index].message} (in the baseline)` }];
      return [diagnostic];
    });
    const path = this.settings().diagnostics.enable ? filePath(document.uri) : undefined;
    // (a rendered finding that a hidden one also reports stays hidden: the rendered ones are compared with every own finding)
    return path ? [...shown, ...renderedDiagnostics(document, this.renderedFindings(path), own)] : shown;
  }

  /** Rendered findings changed for these files: their diagnostics again (open ones; pull clients are asked to pull). */
  refreshFiles(paths: string[]): void {
    if (this.pull) {
      this.refreshAll();
      return;
    }
    for (const path of paths) {
      const uri = pathToFileURL(path).toString();
      if (this.documents.get(uri)) this.schedule(uri);
    }
  }

  listen(): void {
    // A kustomization decides which files are patches: when one changes, their findings may too.
    this.documents.onDidChangeContent(({ document }) => {
      if (/\/(kustomization\.ya?ml|Kustomization)$/.test(document.uri)) this.refreshAll();
    });
    if (this.pull) {
      this.connection.languages.diagnostics.on((params, token) => ({
        kind: DocumentDiagnosticReportKind.Full,
        items: guard(this.connection, 'diagnostics', [] as Diagnostic[], () => {
          const document = this.documents.get(params.textDocument.uri);
          return document ? this.diagnostics(document) : [];
        }, token),
      }));
    } else {
      this.documents.onDidChangeContent(({ document }) => this.schedule(document.uri));
      this.documents.onDidClose(({ document }) => {
        clearTimeout(this.timers.get(document.uri));
        void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      });
    }
    this.connection.onCodeAction(({ textDocument, range }) =>
      guard<CodeAction[]>(this.connection, 'codeAction', [], () => {
        const document = this.documents.get(textDocument.uri);
        if (!document) return [];
        const { file, findings } = this.findings(document);
        const from = file.lineIndex.offsetAt(range.start);
        const to = file.lineIndex.offsetAt(range.end);
        const toEdit = (fix: QuickFix) => ({ changes: { [textDocument.uri]: fix.edits.map((e) => ({ range: file.lineIndex.range(e.start, e.end), newText: e.newText })) } });
        const placementActions: CodeAction[] = this.moreFixes(file, from).map((fix) => ({ title: fix.title, kind: CodeActionKind.QuickFix, edit: toEdit(fix) }));
        const fromFindings: CodeAction[] = findings
          .filter((f) => f.fixes?.length && f.start <= to && f.end >= from)
          .flatMap((f) =>
            (f.fixes ?? []).map((fix) => ({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              isPreferred: fix.isPreferred,
              diagnostics: [{ range: file.lineIndex.range(f.start, f.end), message: f.message, code: f.code, source: 'daemonset-tools', severity: SEVERITY[f.severity] }],
              edit: toEdit(fix),
            })),
          );
        return [...fromFindings, ...placementActions];
      }),
    );
  }

  /** Push mode: validate after the user pauses; a newer version cancels the older run. */
  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        const document = this.documents.get(uri);
        if (!document) return;
        const version = document.version;
        const diagnostics = guard(this.connection, 'diagnostics', [] as Diagnostic[], () => this.diagnostics(document));
        if (this.documents.get(uri)?.version !== version) return; // outdated: a newer run is scheduled
        void this.connection.sendDiagnostics({ uri, version, diagnostics });
      }, DEBOUNCE_MS),
    );
  }

  /** Settings or workspace PriorityClasses changed: everything is stale. */
  refreshAll(): void {
    if (this.pull) {
      if (this.canRefresh) this.connection.languages.diagnostics.refresh().catch((error: unknown) => this.connection.console.error(`[diagnostics] refresh: ${String(error)}`));
    }
    else for (const document of this.documents.all()) this.schedule(document.uri);
  }
}
