/**
 * The YAML model every feature shares: one parse per document version.
 *
 * A file is cut into its YAML documents at `---` / `...` markers (a marker at
 * column 0 always ends a document, even inside a block scalar, so a plain line
 * scan is exact). Each document is parsed on its own with the `yaml` package,
 * so an edit in one document of a big file re-parses only that document: the
 * others are reused from the previous version by their text.
 *
 * Node ranges inside a {@link YamlDocument}'s `doc` are relative to the
 * document's `start`; use {@link YamlDocument.toFileOffset} or the helpers
 * below to get file offsets.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { isMap, isScalar } from 'yaml';
import { LineIndex } from './lineIndex';

export interface YamlProblem {
  message: string;
  /** File offsets. */
  start: number;
  end: number;
  code: string;
}

export interface YamlDocument {
  /** 0-based index of the document in the file. */
  index: number;
  /** File offset of the document's first character (its `---` line, if any). */
  start: number;
  /** File offset just past the document's last character. */
  end: number;
  /** The document's own text (file.text.slice(start, end)). */
  text: string;
  /** Parsed document; node ranges are relative to `start`. */
  doc: Document.Parsed;
  /** The value of a top-level `kind:` key, when it is a plain string. */
  kind: string | undefined;
  /** The value of a top-level `apiVersion:` key, when it is a plain string. */
  apiVersion: string | undefined;
  /** Syntax errors and warnings, in file offsets. */
  problems: YamlProblem[];
  /** Line index of the document's own text (for document-relative positions). */
  lineIndex: LineIndex;
}

export interface YamlFile {
  text: string;
  lineIndex: LineIndex;
  documents: YamlDocument[];
}

/** Matches a document marker line (`---` or `...` at column 0). */
const MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/;

/** Split offsets: each entry is the start of a document. */
function splitDocuments(text: string, lineIndex: LineIndex): Array<{ start: number; end: number }> {
  const starts: number[] = [0];
  for (let line = 0; line < lineIndex.lineCount; line++) {
    const offset = lineIndex.lineStarts[line];
    if (text.charCodeAt(offset) !== 45 /* - */ && text.charCodeAt(offset) !== 46 /* . */) continue;
    const lineText = text.slice(offset, offset + 4);
    const match = MARKER.exec(lineText);
    if (!match) continue;
    if (match[1] === '---') {
      if (offset !== 0) starts.push(offset);
    } else {
      // `...` ends the current document; the next one starts on the next line.
      const next = lineIndex.lineStarts[line + 1];
      if (next !== undefined) starts.push(next);
    }
  }
  const unique = [...new Set(starts)].sort((a, b) => a - b);
  return unique.map((start, i) => ({ start, end: unique[i + 1] ?? text.length }));
}

/** Reads a top-level plain string value of the document's root mapping. */
export function topLevelString(doc: Document.Parsed, key: string): string | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  for (const pair of root.items) {
    if (isScalar(pair.key) && pair.key.value === key && isScalar(pair.value)) {
      const value = pair.value.value;
      return typeof value === 'string' ? value : undefined;
    }
  }
  return undefined;
}

function parseOne(text: string, start: number, index: number): YamlDocument {
  const lineCounter = new LineCounter();
  // YAML 1.1, as kubectl reads manifests (sigs.k8s.io/yaml on go-yaml v2):
  // `on`, `yes`, `y` are booleans, `0777` is octal, `<<` merges. Timestamps
  // stay strings: Kubernetes has no timestamp-typed field a user writes.
  // uniqueKeys off: duplicate keys are reported by our own diagnostics.
  const doc = parseDocument(text, {
    lineCounter,
    version: '1.1',
    customTags: (tags) => tags.filter((tag) => typeof tag !== 'object' || tag.tag !== 'tag:yaml.org,2002:timestamp'),
    uniqueKeys: false,
    keepSourceTokens: false,
    prettyErrors: false,
    strict: false,
  });
  const problems: YamlProblem[] = [];
  for (const error of doc.errors) {
    problems.push({ message: error.message.split('\n')[0], start: start + error.pos[0], end: start + error.pos[1], code: error.code });
  }
  return {
    index,
    start,
    end: start + text.length,
    text,
    doc,
    kind: topLevelString(doc, 'kind'),
    apiVersion: topLevelString(doc, 'apiVersion'),
    problems,
    lineIndex: new LineIndex(text),
  };
}

/**
 * Parses a whole file. Pass the previous version's model to reuse every
 * document whose text did not change.
 */
export function parseYamlFile(text: string, previous?: YamlFile): YamlFile {
  const lineIndex = new LineIndex(text);
  const reusable = new Map<string, YamlDocument[]>();
  for (const doc of previous?.documents ?? []) {
    const list = reusable.get(doc.text);
    if (list) list.push(doc);
    else reusable.set(doc.text, [doc]);
  }
  const documents = splitDocuments(text, lineIndex).map(({ start, end }, index) => {
    const slice = text.slice(start, end);
    const old = reusable.get(slice)?.shift();
    if (old) {
      const shift = start - old.start;
      return {
        ...old,
        index,
        start,
        end,
        problems: shift === 0 ? old.problems : old.problems.map((p) => ({ ...p, start: p.start + shift, end: p.end + shift })),
      };
    }
    return parseOne(slice, start, index);
  });
  return { text, lineIndex, documents };
}

/** The document that contains the file offset (the last one when past the end). */
export function documentAt(file: YamlFile, offset: number): YamlDocument | undefined {
  let found: YamlDocument | undefined;
  for (const doc of file.documents) {
    if (doc.start <= offset) found = doc;
    else break;
  }
  return found;
}

/** File offsets of a node's value range (start, end). */
export function nodeRange(doc: YamlDocument, node: YamlNode): [number, number] {
  const range = node.range ?? [0, 0, 0];
  return [doc.start + range[0], doc.start + range[1]];
}
