/**
 * Findings per YAML document, reused while the document's text is unchanged:
 * after an edit in one document of a big file only that document is validated
 * again. A document that moved (an edit above it) has its findings shifted,
 * not re-validated: its offsets move by the edit's length, and a message that
 * names a line of the document is written again from its offsets (rules never
 * bake a line number into a message, see MessageWithLines).
 */
import type { ApiModel } from './languageService/apiModel';
import type { Finding, ValidationOptions } from './languageService/diagnostics';
import { dependsOnOtherDocuments, fileHasValidatedDocument, renderMessage, validateDocument } from './languageService/diagnostics';
import type { LineIndex } from './languageService/yamlModel';
import type { YamlDocument, YamlFile } from './languageService/yamlModel';

interface Entry {
  optionsKey: string;
  /** Whether the file held a validated kind, when the findings depend on it (a broken document's syntax errors), else undefined. */
  fileValidated: boolean | undefined;
  /** Findings with file offsets, for the document starting at `start`, on (0-based) line `line`. */
  start: number;
  line: number;
  findings: Finding[];
}

export class FindingsCache {
  /** Keyed by the document's id: kept while its text is, even when its tree is dropped. */
  private entries = new WeakMap<object, Entry>();

  /** Findings of every document of the file, with file offsets. */
  findings(file: YamlFile, model: ApiModel, options: ValidationOptions, optionsKey: string): Finding[] {
    return this.findingsSoFar(file, model, options, optionsKey, () => true).findings;
  }

  /**
   * The findings of the documents validated already, and of those `validateNow`
   * lets be validated now (a big file is checked a few documents at a time:
   * the ones the user sees first, see diagnosticsService.ts); `pending` counts
   * the documents left.
   */
  findingsSoFar(file: YamlFile, model: ApiModel, options: ValidationOptions, optionsKey: string, validateNow: (document: YamlDocument) => boolean): { findings: Finding[]; pending: number } {
    const fileValidated = fileValidation(file);
    const out: Finding[] = [];
    let pending = 0;
    for (const document of file.documents) {
      const entry = this.entry(file, document, model, options, optionsKey, fileValidated, validateNow);
      if (!entry) pending++;
      else for (const finding of entry.findings) out.push(finding);
    }
    return { findings: out, pending };
  }

  /**
   * Validates the documents from index `from` on that have no findings yet,
   * while `more()` says so; returns the index to go on from (the background
   * check's step: it collects nothing, so a slice costs what it validates).
   */
  validateSome(file: YamlFile, model: ApiModel, options: ValidationOptions, optionsKey: string, from: number, more: () => boolean): number {
    const fileValidated = fileValidation(file);
    let index = from;
    for (; index < file.documents.length && more(); index++) this.entry(file, file.documents[index], model, options, optionsKey, fileValidated, () => true);
    return index;
  }

  /** The document's entry: reused (moved when the document did), made when `validateNow` allows, else undefined. */
  private entry(file: YamlFile, document: YamlDocument, model: ApiModel, options: ValidationOptions, optionsKey: string, fileValidated: () => boolean, validateNow: (document: YamlDocument) => boolean): Entry | undefined {
    let entry = this.entries.get(document.id);
    if (!entry || entry.optionsKey !== optionsKey || (entry.fileValidated !== undefined && entry.fileValidated !== fileValidated())) {
      if (!validateNow(document)) return undefined;
      const line = file.lineIndex.positionAt(document.start).line;
      const findings = validateDocument(file, document, model, options);
      entry = { optionsKey, fileValidated: dependsOnOtherDocuments(document) ? fileValidated() : undefined, start: document.start, line, findings };
      this.entries.set(document.id, entry);
      return entry;
    }
    const line = file.lineIndex.positionAt(document.start).line;
    if (entry.start !== document.start || entry.line !== line) {
      // the document moved (an edit above it, which may change its first line
      // without changing its offset: a character replaced by a line break):
      // move its findings and rewrite the messages that name lines, no need to validate again
      const by = document.start - entry.start;
      entry.findings = entry.findings.map((f) => moved(f, by, file.lineIndex));
      entry.start = document.start;
      entry.line = line;
    }
    return entry;
  }
}

/** fileHasValidatedDocument of the file, computed when first asked (it may parse documents up to the first DaemonSet). */
function fileValidation(file: YamlFile): () => boolean {
  let known: boolean | undefined;
  return () => (known ??= fileHasValidatedDocument(file));
}

function moved(finding: Finding, by: number, lineIndex: LineIndex): Finding {
  if (by === 0 && !finding.lines) return finding;
  const lines = finding.lines && { parts: finding.lines.parts, offsets: finding.lines.offsets.map((o) => o + by) };
  return {
    ...finding,
    ...(lines ? { lines, message: renderMessage(lines, lineIndex) } : {}),
    start: finding.start + by,
    end: finding.end + by,
    fixes: finding.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) })),
  };
}
