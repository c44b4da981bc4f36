/**
 * One YAML model per open document version, shared by every handler.
 * A new version is parsed with the previous model as a base, so only the YAML
 * documents whose text changed are parsed again. Chart templates (and any
 * `helm` document or YAML with template actions) are masked first; a chart's
 * values files are never taken for manifests (helm/chart/sourceFile.ts).
 */
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileExists, parseSourceFile } from './helm/chart';
import { EditedDocument, textOf } from './editedDocument';
import type { KnownChange, TextEdit, TextLike, YamlFile } from './languageService/yamlModel';
import { ParseBudget, changedRegion } from './languageService/yamlModel';

/**
 * Document text whose syntax trees stay in memory, over every open document
 * (the documents used last; the others keep a compact model and are parsed
 * again when read): what bounds the server's memory on a big file (issue 15 item 9).
 */
const PARSED_CHARS = 512 * 1024;

interface Entry {
  version: number;
  file: YamlFile;
  /** Whether the text holds `{{` (a template action): followed edit by edit, not searched for again. */
  hasActions: boolean;
}

export class DocumentModels {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly budget = new ParseBudget(PARSED_CHARS)) {}

  /** The model of the document's current version (parsed at most once per version). */
  get(document: TextDocument | EditedDocument): YamlFile {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version) return entry.file;
    // an edited document knows its line index and the edits since the model's version: the model re-cuts only what they
    // touched, reading the text in its chunks (no string of the whole file is made on a keystroke)
    const text = textOf(document);
    const edited = document instanceof EditedDocument;
    const edits = entry && edited ? document.editsSince(entry.version) : undefined;
    const known: KnownChange = edited ? { lineIndex: document.lineIndex, edits } : {};
    // (a text that held one is searched again: the edit may have removed it)
    const hasActions = entry && edits && !entry.hasActions ? actionsAround(text, edits) : text.toString().includes('{{');
    const file = parseSourceFile(text, { path: filePath(document.uri), languageId: document.languageId, exists: fileExists, previous: entry?.file, budget: this.budget, known, hasActions });
    this.entries.set(document.uri, { version: document.version, file, hasActions });
    return file;
  }

  /** The model if it is already parsed, without parsing (for cross-document look-ups). */
  peek(uri: string): YamlFile | undefined {
    return this.entries.get(uri)?.file;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

/** Whether edits wrote a `{{` into a text that held none (the edited region and a character on each side). */
function actionsAround(text: TextLike, edits: readonly TextEdit[]): boolean {
  const region = changedRegion(edits);
  return region !== undefined && text.slice(Math.max(0, region.start - 1), region.newEnd + 1).includes('{{');
}

/** The file system path of a `file:` URI, else undefined (untitled documents, other schemes). */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
