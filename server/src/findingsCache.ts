/**
 * Findings per YAML document, reused while the document's text is unchanged:
 * after an edit in one document of a big file only that document is validated
 * again. A document that moved (an edit above it) has its findings shifted,
 * not re-validated: its offsets move by the edit's length, and a message that
 * names a line of the document is written again from its offsets (rules never
 * bake a line number into a message, see MessageWithLines).
 */
import type { Document } from 'yaml';
import type { ApiModel } from './languageService/apiModel';
import type { Finding, ValidationOptions } from './languageService/diagnostics';
import { fileHasValidatedDocument, renderMessage, validateDocument } from './languageService/diagnostics';
import type { LineIndex } from './languageService/yamlModel';
import type { YamlFile } from './languageService/yamlModel';

interface Entry {
  optionsKey: string;
  /** Whether the file held a validated kind (syntax errors depend on it). */
  fileValidated: boolean;
  /** Findings with file offsets, for the document starting at `start`, on (0-based) line `line`. */
  start: number;
  line: number;
  findings: Finding[];
}

export class FindingsCache {
  private entries = new WeakMap<Document.Parsed, Entry>();

  /** Findings of every document of the file, with file offsets. */
  findings(file: YamlFile, model: ApiModel, options: ValidationOptions, optionsKey: string): Finding[] {
    const fileValidated = fileHasValidatedDocument(file);
    const out: Finding[] = [];
    for (const document of file.documents) {
      let entry = this.entries.get(document.doc);
      const line = file.lineIndex.positionAt(document.start).line;
      if (!entry || entry.optionsKey !== optionsKey || entry.fileValidated !== fileValidated) {
        entry = { optionsKey, fileValidated, start: document.start, line, findings: validateDocument(file, document, model, options) };
        this.entries.set(document.doc, entry);
      } else if (entry.start !== document.start || entry.line !== line) {
        // the document moved (an edit above it, which may change its first line
        // without changing its offset: a character replaced by a line break):
        // move its findings and rewrite the messages that name lines, no need to validate again
        const by = document.start - entry.start;
        entry.findings = entry.findings.map((f) => moved(f, by, file.lineIndex));
        entry.start = document.start;
        entry.line = line;
      }
      for (const finding of entry.findings) out.push(finding);
    }
    return out;
  }
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
