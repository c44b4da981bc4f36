/**
 * Pull diagnostics reports with result ids: when the client's previous report
 * (its `previousResultId`) holds the same diagnostics, the answer is
 * "unchanged" and carries none. A keystroke inside a line of a big file
 * changes no other line's diagnostics: the client gets a few bytes, not the
 * whole file's findings again (issue 15 item 8). Only whole reports get an
 * id here; a big file's partial first report has its own (diagnosticsService.ts).
 */
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver';
import { DocumentDiagnosticReportKind } from 'vscode-languageserver';

interface Sent {
  resultId: string;
  items: Diagnostic[];
}

export class PullReports {
  private readonly sent = new Map<string, Sent>();
  private next = 0;

  /** The report for a document's diagnostics: unchanged when the client's previous report holds the same ones. */
  report(uri: string, previousResultId: string | undefined, items: Diagnostic[]): DocumentDiagnosticReport {
    const last = this.sent.get(uri);
    if (last && previousResultId === last.resultId && sameDiagnostics(last.items, items)) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    const resultId = `${++this.next}`;
    this.sent.set(uri, { resultId, items });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameDiagnostic(a[i], b[i])) return false;
  return true;
}

/** Field by field (a JSON comparison would cost what sending them does). */
function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  if (a === b) return true; // a document's diagnostics are kept while it stays on its lines (diagnosticsService.ts)
  const { start: as, end: ae } = a.range;
  const { start: bs, end: be } = b.range;
  if (as.line !== bs.line || as.character !== bs.character || ae.line !== be.line || ae.character !== be.character) return false;
  if (a.message !== b.message || a.severity !== b.severity || a.code !== b.code || a.source !== b.source) return false;
  if (a.codeDescription?.href !== b.codeDescription?.href) return false;
  if ((a.tags ?? []).join() !== (b.tags ?? []).join()) return false;
  if (a.relatedInformation === undefined && b.relatedInformation === undefined && a.data === undefined && b.data === undefined) return true;
  return JSON.stringify([a.relatedInformation, a.data]) === JSON.stringify([b.relatedInformation, b.data]);
}
