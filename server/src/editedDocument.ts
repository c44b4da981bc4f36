/**
 * The server's open documents (given to `TextDocuments`): the text with its
 * line index kept up to date edit by edit, and the last edits remembered, so
 * the YAML model of a new version re-cuts only the region an edit touched
 * instead of comparing and scanning the whole file (issue 15 item 8).
 * Positions count lines as LSP does (`\n`, `\r\n` and a lone `\r`), like
 * vscode-languageserver-textdocument's document, which this replaces.
 */
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { SourceText, TextEdit } from './languageService/yamlModel';
import { LineIndex } from './languageService/yamlModel';

/** How many edits a document remembers (a model more versions behind is made by comparing texts). */
const REMEMBERED_EDITS = 64;

interface LoggedEdit extends TextEdit {
  /** The version the edit made. */
  version: number;
}

export class EditedDocument implements TextDocument {
  private constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    readonly lineIndex: LineIndex,
    /** The last edits, oldest first; the first one's version follows `loggedFrom`. */
    private readonly log: readonly LoggedEdit[],
    /** The version the log starts from (a full replacement or the opening starts it afresh). */
    private readonly loggedFrom: number,
  ) {}

  static create(uri: string, languageId: string, version: number, text: string): EditedDocument {
    return new EditedDocument(uri, languageId, version, new LineIndex(text), [], version);
  }

  /** The document after the client's changes (applied in order, each on the text the previous one left). */
  static update(document: EditedDocument, changes: TextDocumentContentChangeEvent[], version: number): EditedDocument {
    let lineIndex = document.lineIndex;
    let log = document.log;
    let loggedFrom = document.loggedFrom;
    for (const change of changes) {
      if (!('range' in change)) {
        lineIndex = new LineIndex(change.text);
        log = [];
        loggedFrom = version;
        continue;
      }
      let start = lineIndex.offsetAt(change.range.start);
      let end = lineIndex.offsetAt(change.range.end);
      if (end < start) [start, end] = [end, start];
      // the text stays in chunks: no string of the whole file is made (sourceText.ts)
      lineIndex = lineIndex.edited(lineIndex.source.edited(start, end, change.text), start, end, change.text);
      log = [...log, { start, end, text: change.text, version }];
    }
    if (log.length > REMEMBERED_EDITS) {
      // the dropped edits' versions are no longer reachable: start the log after them
      const dropped = log.length - REMEMBERED_EDITS;
      loggedFrom = log[dropped - 1].version;
      log = log.slice(dropped);
    }
    return new EditedDocument(document.uri, document.languageId, version, lineIndex, log, loggedFrom);
  }

  /**
   * The edits that turn the text of `version` into this one's, in order, or
   * undefined when they are not known (too many versions ago, a full
   * replacement since, or a version this document never had).
   */
  editsSince(version: number): TextEdit[] | undefined {
    if (version === this.version) return [];
    if (version < this.loggedFrom || version > this.version) return undefined;
    // (versions only grow, as LSP requires: the edits after `version` are those that made a later one)
    return this.log.filter((e) => e.version > version).map(({ start, end, text }) => ({ start, end, text }));
  }

  /** The whole text (joined once per version) or a range of it. */
  getText(range?: Range): string {
    if (!range) return this.lineIndex.text;
    return this.lineIndex.source.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** The text as it is kept (in chunks): what the per-keystroke paths read, without joining it. */
  get source(): SourceText {
    return this.lineIndex.source;
  }

  positionAt(offset: number): Position {
    return this.lineIndex.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.lineIndex.offsetAt(position);
  }

  getLineRange(line: number): Range {
    const last = this.lineIndex.lineCount - 1;
    const at = Math.max(0, Math.min(line, last));
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { start: { line: at, character: 0 }, end: { line: at, character: this.lineIndex.lineEnd(at) - this.lineIndex.lineStarts[at] } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lineIndex.lineCount) return '';
    const next = line + 1 < this.lineIndex.lineCount ? this.lineIndex.lineStarts[line + 1] : this.source.length;
    return this.source.slice(this.lineIndex.lineEnd(line), next);
  }

  get lineCount(): number {
    return this.lineIndex.lineCount;
  }
}

/** What `new TextDocuments(…)` is given to keep the server's open documents. */
export const EDITED_DOCUMENTS: TextDocumentsConfiguration<EditedDocument> = {
  create: (uri, languageId, version, text) => EditedDocument.create(uri, languageId, version, text),
  update: (document, changes, version) => EditedDocument.update(document, changes, version),
};

/** A document's text as it is kept: an edited document's chunks (not joined), any other document's string. */
export function textOf(document: TextDocument): string | SourceText {
  return document instanceof EditedDocument ? document.source : document.getText();
}
