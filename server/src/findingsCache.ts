/**
 * Findings per YAML document, reused while the document's text is unchanged:
 * after an edit in one document of a big file only that document is validated
 * again. A document that moved (an edit above it) has its findings shifted,
 * not re-validated: its offsets move by the edit's length, and a message that
 * names a line of the document is written again from its offsets (rules never
 * bake a line number into a message, see MessageWithLines).
 *
 * A moved document's findings are shifted when read, and kept shifted only
 * once the document is read twice at the same place: while the user types
 * above it, each keystroke moves it again, and shifted copies kept in place
 * of the first ones would make the whole file's findings again, to live in
 * the collector's old generation, at every keystroke (issue 15 item 9);
 * copies made for one answer die young.
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
  /** Where the document was when last read away from `start`, -1 for none (it is kept shifted when read there again; numbers, not an object: no garbage per read). */
  lastStart: number;
  lastLine: number;
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
    const out: Finding[] = [];
    const pending = this.visit(file, model, options, optionsKey, validateNow, (document, entry) => shiftedTo(entry, document.start, file.lineIndex, out));
    return { findings: out, pending };
  }

  /**
   * The same findings, a part per document as they were made and how far the
   * document moved since: nothing is copied. The diagnostics answer after a
   * keystroke reads these (moving every later document's findings made the
   * whole file's findings again, each keystroke, issue 15 item 8).
   */
  partsSoFar(file: YamlFile, model: ApiModel, options: ValidationOptions, optionsKey: string, validateNow: (document: YamlDocument) => boolean): { parts: FindingsPart[]; pending: number } {
    const parts: FindingsPart[] = [];
    const pending = this.visit(file, model, options, optionsKey, validateNow, (document, entry) => {
      if (entry.findings.length > 0) parts.push({ findings: entry.findings, by: document.start - entry.start, line: file.lineIndex.positionAt(document.start).line });
    });
    return { parts, pending };
  }

  /** Calls `found` with each document that has findings now (see {@link entry}); returns how many have none yet. */
  private visit(file: YamlFile, model: ApiModel, options: ValidationOptions, optionsKey: string, validateNow: (document: YamlDocument) => boolean, found: (document: YamlDocument, entry: Entry) => void): number {
    const fileValidated = fileValidation(file);
    let pending = 0;
    for (const document of file.documents) {
      const entry = this.entry(file, document, model, options, optionsKey, fileValidated, validateNow);
      if (entry) found(document, entry);
      else pending++;
    }
    return pending;
  }

  /** How many documents of the file have no findings yet (validated by {@link validateSome} later). */
  pending(file: YamlFile, options: ValidationOptions, optionsKey: string): number {
    const fileValidated = fileValidation(file);
    let pending = 0;
    for (const document of file.documents) if (!current(this.entries.get(document.id), optionsKey, fileValidated)) pending++;
    return pending;
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

  /** The document's entry: reused (its findings where the document was when they were made), made when `validateNow` allows, else undefined. */
  private entry(file: YamlFile, document: YamlDocument, model: ApiModel, options: ValidationOptions, optionsKey: string, fileValidated: () => boolean, validateNow: (document: YamlDocument) => boolean): Entry | undefined {
    const entry = this.entries.get(document.id);
    if (current(entry, optionsKey, fileValidated)) return entry;
    if (!validateNow(document)) return undefined;
    const line = file.lineIndex.positionAt(document.start).line;
    const findings = validateDocument(file, document, model, options);
    const made = { optionsKey, fileValidated: dependsOnOtherDocuments(document) ? fileValidated() : undefined, start: document.start, line, findings, lastStart: -1, lastLine: -1 };
    this.entries.set(document.id, made);
    return made;
  }
}

/** Whether an entry's findings hold for these options and this file. */
function current(entry: Entry | undefined, optionsKey: string, fileValidated: () => boolean): entry is Entry {
  return entry !== undefined && entry.optionsKey === optionsKey && (entry.fileValidated === undefined || entry.fileValidated === fileValidated());
}

/** fileHasValidatedDocument of the file, computed when first asked (it may parse documents up to the first DaemonSet). */
function fileValidation(file: YamlFile): () => boolean {
  let known: boolean | undefined;
  return () => (known ??= fileHasValidatedDocument(file));
}

/** Appends an entry's findings for its document now at `start`, shifted when the document moved. */
function shiftedTo(entry: Entry, start: number, lineIndex: LineIndex, out: Finding[]): void {
  if (entry.findings.length === 0) return;
  // the document moved (an edit above it, which may change its first line
  // without changing its offset: a character replaced by a line break):
  // move its findings and rewrite the messages that name lines, no need to validate again
  const line = lineIndex.positionAt(start).line;
  if (start === entry.start && line === entry.line) {
    for (const finding of entry.findings) out.push(finding);
    return;
  }
  const by = start - entry.start;
  const shifted = entry.findings.map((f) => moved(f, by, lineIndex));
  if (entry.lastStart === start && entry.lastLine === line) {
    // read here twice: the edits above it are done, keep it shifted
    entry.findings = shifted;
    entry.start = start;
    entry.line = line;
    entry.lastStart = -1;
  } else {
    entry.lastStart = start;
    entry.lastLine = line;
  }
  for (const finding of shifted) out.push(finding);
}

/**
 * One document's findings as they were made (file offsets where the document
 * was then), `by` characters before where it is now, and the (0-based) line it
 * starts on now. The array is the cache's own: the same array with the same
 * `line` means the same diagnostics (a document starts at a line's start, and
 * its text is what it was).
 */
export interface FindingsPart {
  findings: readonly Finding[];
  by: number;
  line: number;
}

/** A part's findings at file offsets where its document is now (copies only when it moved). */
export function findingsOfPart(part: FindingsPart, lineIndex: LineIndex): readonly Finding[] {
  return part.findings.map((finding) => moved(finding, part.by, lineIndex));
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
