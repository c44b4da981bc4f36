/**
 * Diagnostics over LSP: pull when the client supports it, push otherwise
 * (chosen once from the client's capabilities). Push is debounced while the
 * user types, and an outdated run publishes nothing.
 *
 * A big file is not checked in one go (issue 15 item 10): the first answer
 * holds the documents the editor shows (daemonsetTools/visibleRanges), then
 * the others are checked a slice at a time, yielding to the event loop between
 * slices so completion and hover answer meanwhile; when all are done, the
 * client is asked to pull again (or the full set is pushed).
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, CodeAction, Connection, Diagnostic, DocumentDiagnosticParams, DocumentDiagnosticReport, TextDocuments } from 'vscode-languageserver';
import { CodeActionKind, DiagnosticSeverity, DiagnosticTag, DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModels } from './documentModels';
import { filePath } from './documentModels';
import { textOf } from './editedDocument';
import type { SourceFinding } from './render/renderedFindings';
import { renderedDiagnostics } from './renderedDiagnostics';
import { withRuleSettings } from './render/renderedFindings';
import type { FindingsPart } from './findingsCache';
import { FindingsCache, findingsOfPart } from './findingsCache';
import { PullReports } from './pullReports';
import type { FileReader } from './kustomize/discovery';
import { documentRoleOf } from './kustomize/discovery';
import { readFromDisk } from './kustomize/diskReader';
import type { ApiModel } from './languageService/apiModel';
import type { DocumentRole, Finding, QuickFix, Severity, ValidationOptions } from './languageService/diagnostics';
import { priorityClassNames } from './languageService/diagnostics/workspacePriorityClasses';
import type { YamlDocument, YamlFile } from './languageService/yamlModel';
import { afterWaitingMessages, guard } from './runner';
import type { ProtocolRange } from './protocol';
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

/** A file with more documents than this may be answered in part first (smaller ones always are whole: tests and the fuzzer compare them). */
const PARTIAL_MIN_DOCUMENTS = 50;
/** How long the first answer for a big file checks its first documents when the editor did not say which it shows. */
const FIRST_ANSWER_MS = 40;
/** How long a background slice checks documents before it yields to the event loop. */
const SLICE_MS = 15;

/** Pull reports of a big file that do not hold every document's findings yet carry a result id starting so. */
const PARTIAL = 'partial:';

/** A diagnostic of ours: its message is plain text. */
type PlainDiagnostic = Diagnostic & { message: string };

/** Whether a pull report's result id says it holds only part of the file's findings (a refresh follows). */
export function isPartialResultId(resultId: string | undefined): boolean {
  return resultId?.startsWith(PARTIAL) === true;
}

export class DiagnosticsService {
  private readonly cache = new FindingsCache();
  private readonly reports = new PullReports();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** PriorityClass names found in workspace files on disk (set by the server). */
  workspacePriorityClasses = new Set<string>();
  /** Fixes that do not come from a diagnostic (e.g. from the placement verdict), at a file offset. */
  moreFixes: (file: YamlFile, offset: number, uri: string) => QuickFix[] = () => [];
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

  /** What validating a document's current version takes (undefined: diagnostics are off). */
  private context(document: TextDocument): { file: YamlFile; options: ValidationOptions; optionsKey: string; own?: Finding[] } | undefined {
    const settings = this.settings();
    if (!settings.diagnostics.enable) return undefined;
    const file = this.models.get(document);
    const path = filePath(document.uri);
    // the team's configuration file: its own findings, not a manifest's
    const own = this.team.ownFindings(path, file);
    if (own) return { file, options: {}, optionsKey: '', own };
    const rules = this.team.rules(path, settings.diagnostics.rules);
    if (!rules) return undefined; // the team's `ignore:` excludes it
    const priorityClasses = this.priorityClasses();
    const role = this.role(document);
    const kubernetesVersion = this.team.kubernetesVersion(path, settings.kubernetesVersion);
    const optionsKey = JSON.stringify([rules, [...priorityClasses].sort(), role, kubernetesVersion]);
    return { file, options: { rules, priorityClasses, role, kubernetesVersion }, optionsKey };
  }

  /** Plain findings of a document's current version. */
  findings(document: TextDocument): { file: YamlFile; findings: Finding[] } {
    const context = this.context(document);
    if (!context) return { file: this.models.get(document), findings: [] };
    if (context.own) return { file: context.file, findings: context.own };
    return { file: context.file, findings: this.cache.findings(context.file, this.model, context.options, context.optionsKey) };
  }

  /** The lines an editor shows of a document (from the client), checked first. */
  private readonly visible = new Map<string, ProtocolRange[]>();
  /** Documents whose background check is under way. */
  private readonly checking = new Set<string>();

  setVisibleRanges(uri: string, ranges: ProtocolRange[]): void {
    this.visible.set(uri, ranges);
  }

  /**
   * The first answer: every document of a small file; of a big one the
   * documents the editor shows and those checked already (the first ones,
   * for FIRST_ANSWER_MS, when it did not say). Nothing more: the user waits
   * for this answer, the background check does the rest. `pending` counts
   * the documents left for it.
   */
  private firstAnswer(document: TextDocument, whole = false): { file: YamlFile; parts: FindingsPart[]; pending: number } {
    const context = this.context(document);
    if (!context) return { file: this.models.get(document), parts: [], pending: 0 };
    const { file } = context;
    if (context.own) return { file, parts: [{ findings: context.own, by: 0, line: 0 }], pending: 0 };
    whole ||= file.documents.length <= PARTIAL_MIN_DOCUMENTS || (this.pull && !this.canRefresh);
    const deadline = performance.now() + FIRST_ANSWER_MS;
    const shown = (this.visible.get(document.uri) ?? []).map((r) => [file.lineIndex.offsetAt(r.start), file.lineIndex.offsetAt(r.end)]);
    const isShown = (d: YamlDocument) => shown.some(([from, to]) => d.start <= to && d.end >= from);
    const validateNow = whole ? () => true : shown.length > 0 ? isShown : () => performance.now() < deadline;
    return { file, ...this.cache.partsSoFar(file, this.model, context.options, context.optionsKey, validateNow) };
  }

  /** Checks the rest of a big file a slice at a time, then has the client pull again (or pushes the whole set). */
  private finishInBackground(uri: string): void {
    if (this.checking.has(uri)) return;
    this.checking.add(uri);
    let next = 0;
    // made once per version (it reads kustomizations and every open document), not at every slice
    let made: { version: number; context: ReturnType<DiagnosticsService['context']> } | undefined;
    const slice = () => {
      const document = this.documents.get(uri);
      if (document && made?.version !== document.version) made = { version: document.version, context: guard(this.connection, 'diagnostics', undefined, () => this.context(document)) };
      const context = made?.context;
      if (!document || !context || context.own) {
        this.checking.delete(uri);
        return;
      }
      const deadline = performance.now() + SLICE_MS;
      const done = guard(this.connection, 'diagnostics', true, () => {
        // (read once each: their trees are not kept, see ParseBudget.passing)
        next = this.models.budget.passing(() => this.cache.validateSome(context.file, this.model, context.options, context.optionsKey, next, () => performance.now() < deadline));
        return next >= context.file.documents.length && this.cache.pending(context.file, context.options, context.optionsKey) === 0;
      });
      if (!done) {
        // another version may have come meanwhile: start over from its first document when this one is through
        if (next >= context.file.documents.length) next = 0;
        void afterWaitingMessages().then(slice);
        return;
      }
      this.checking.delete(uri);
      if (this.pull) this.refreshPull();
      else this.publish(uri);
    };
    void afterWaitingMessages().then(slice);
  }

  /** Files of the workspace: an open document's text first (unsaved edits count), else the disk. */
  readonly readFile: FileReader = (path) => {
    const open = this.documents.get(pathToFileURL(path).toString());
    return open ? open.getText() : readFromDisk(path);
  };

  /** How the document is applied: a patch when a kustomization in its folder or above names it. */
  private role(document: TextDocument): DocumentRole | undefined {
    if (!document.uri.startsWith('file:')) return undefined;
    return documentRoleOf(fileURLToPath(document.uri), textOf(document), this.readFile);
  }

  diagnostics(document: TextDocument): Diagnostic[] {
    const { file, parts } = this.firstAnswer(document, true);
    return this.toDiagnostics(document, file, parts);
  }

  /**
   * LSP diagnostics of each document's findings, kept while the document
   * starts on the same line: typing in one document moves the others'
   * offsets, not their lines, and their diagnostics are the same objects
   * again (no conversion, no garbage per keystroke).
   */
  private readonly converted = new WeakMap<readonly Finding[], { line: number; diagnostics: PlainDiagnostic[] }>();

  private partDiagnostics(file: YamlFile, part: FindingsPart): PlainDiagnostic[] {
    const kept = this.converted.get(part.findings);
    if (kept?.line === part.line) return kept.diagnostics;
    const diagnostics = findingsOfPart(part, file.lineIndex).map(
      (finding): PlainDiagnostic => ({
        range: file.lineIndex.range(finding.start, finding.end),
        severity: SEVERITY[finding.severity],
        code: finding.code,
        source: 'daemonset-tools',
        message: finding.message,
      }),
    );
    this.converted.set(part.findings, { line: part.line, diagnostics });
    return diagnostics;
  }

  /**
   * The findings as the editor shows them: the document's own, then the
   * rendered ones that land in it (with the rule settings that apply to the
   * file: its `.daemonset-tools.yaml` under the workspace settings), those the
   * baseline records dimmed or hidden.
   */
  private toDiagnostics(document: TextDocument, file: YamlFile, parts: readonly FindingsPart[]): Diagnostic[] {
    const settings = this.settings();
    const path = settings.diagnostics.enable ? filePath(document.uri) : undefined;
    const rules = path ? this.team.rules(path, settings.diagnostics.rules) : undefined;
    const rendered = rules ? withRuleSettings(this.renderedFindings(path!), rules) : [];
    const own: PlainDiagnostic[] = [];
    for (const part of parts) for (const diagnostic of this.partDiagnostics(file, part)) own.push(diagnostic);
    // one baseline match over both (an entry covers up to its count of findings), rendered ones by the offset they land at
    const landed = rendered.map((f) => ({ ...f.finding, ...inFile(file, f) }));
    const allViews = this.team.views(filePath(document.uri), file, own.length + landed.length, () => [...parts.flatMap((part) => findingsOfPart(part, file.lineIndex)), ...landed]);
    const views = allViews.slice(0, own.length);
    const shown = views.every((view) => view === 'normal')
      ? own
      : own.flatMap((diagnostic, index): Diagnostic[] => {
          if (views[index] === 'hidden') return [];
          // in the baseline: faded text without a squiggle, and out of the Problems list (VS Code lists no hints)
          if (views[index] === 'dimmed') return [{ ...diagnostic, severity: DiagnosticSeverity.Hint, tags: [DiagnosticTag.Unnecessary], message: `${diagnostic.message} (in the baseline)` }];
          return [diagnostic];
        });
    // (a rendered finding that a hidden one also reports stays hidden: the rendered ones are compared with every own finding)
    const renderedViews = allViews.slice(own.length);
    const renderedShown = rendered.flatMap((f, i) => (renderedViews[i] === 'hidden' ? [] : [{ ...f, dimmed: renderedViews[i] === 'dimmed' }]));
    if (renderedShown.length === 0) return shown;
    return [...shown, ...renderedDiagnostics(document, renderedShown, own).map(({ dimmed, ...d }): Diagnostic => (dimmed ? { ...d, severity: DiagnosticSeverity.Hint, tags: [DiagnosticTag.Unnecessary], message: `${d.message} (in the baseline)` } : d))];
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

  /** A pull request's answer for the document's current version: whole (or "unchanged"), or a big file's first part. */
  private pullReport(params: DocumentDiagnosticParams, token: CancellationToken): DocumentDiagnosticReport {
    const document = this.documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = document.version;
    const answer = guard(this.connection, 'diagnostics', { items: [] as Diagnostic[], pending: 0 }, () => {
      const { file, parts, pending } = this.firstAnswer(document);
      return { items: this.toDiagnostics(document, file, parts), pending };
    }, token);
    if (answer.pending === 0) return this.reports.report(document.uri, params.previousResultId, answer.items);
    this.finishInBackground(document.uri);
    return { kind: DocumentDiagnosticReportKind.Full, resultId: `${PARTIAL}${version}`, items: answer.items };
  }

  listen(): void {
    this.documents.onDidClose(({ document }) => {
      this.visible.delete(document.uri);
      this.reports.forget(document.uri);
    });
    // A kustomization decides which files are patches: when one changes, their findings may too.
    this.documents.onDidChangeContent(({ document }) => {
      if (/\/(kustomization\.ya?ml|Kustomization)$/.test(document.uri)) this.refreshAll();
    });
    if (this.pull) {
      // Completion and hover the client sent with the pull (VS Code sends them on the same keystroke) are
      // answered first: the user waits for them, while diagnostics may follow a moment later. A document's
      // first pull (no previous report: it was just opened) is answered in turn: no keystroke waits behind
      // it, and it parses the documents the editor shows, which a hover there then finds parsed.
      this.connection.languages.diagnostics.on((params, token) =>
        params.previousResultId === undefined ? this.pullReport(params, token) : afterWaitingMessages().then(() => this.pullReport(params, token)),
      );
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
        const placementActions: CodeAction[] = this.moreFixes(file, from, textDocument.uri).map((fix) => ({ title: fix.title, kind: CodeActionKind.QuickFix, edit: toEdit(fix) }));
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
        this.publish(uri, true);
      }, DEBOUNCE_MS),
    );
  }

  /** Push mode: sends the document's findings; `first`: a big file's visible part now, the rest from the background check. */
  private publish(uri: string, first = false): void {
    const document = this.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const answer = guard(this.connection, 'diagnostics', { diagnostics: [] as Diagnostic[], pending: 0 }, () => {
      if (!first) return { diagnostics: this.diagnostics(document), pending: 0 };
      const { file, parts, pending } = this.firstAnswer(document);
      return { diagnostics: this.toDiagnostics(document, file, parts), pending };
    });
    if (this.documents.get(uri)?.version !== version) return; // outdated: a newer run is scheduled
    void this.connection.sendDiagnostics({ uri, version, diagnostics: answer.diagnostics });
    if (answer.pending > 0) this.finishInBackground(uri);
  }

  private refreshPull(): void {
    if (this.canRefresh) this.connection.languages.diagnostics.refresh().catch((error: unknown) => this.connection.console.error(`[diagnostics] refresh: ${String(error)}`));
  }

  /** Settings or workspace PriorityClasses changed: everything is stale. */
  refreshAll(): void {
    if (this.pull) this.refreshPull();
    else for (const document of this.documents.all()) this.schedule(document.uri);
  }
}

/** A rendered finding's place in the open document it lands in, as file offsets (what the baseline matches a finding by). */
function inFile(file: YamlFile, f: SourceFinding): { start: number; end: number } {
  const start = file.lineIndex.offsetAt({ line: f.line, character: f.column });
  return { start, end: Math.max(start, file.lineIndex.offsetAt({ line: f.endLine, character: f.endColumn })) };
}
