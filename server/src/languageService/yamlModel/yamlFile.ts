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
import type { Document, Node as YamlNode } from 'yaml';
import type { ParseBudget } from './documentParse';
import { DocumentParse, lazyDocument, parseOf } from './documentParse';
import { LineIndex } from './lineIndex';
import type { SourceText, TextLike } from './sourceText';
import type { TemplateMarks } from './templateMarks';

export { topLevelString } from './documentParse';

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
  /**
   * Stays the same while the document's text does (its moved copies share
   * it), even when the tree behind `doc` is dropped and parsed again: caches
   * of per-document results key on it.
   */
  id: object;
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
  /**
   * Set when the text is a masked template: where the actions were (see
   * templateMarks.ts). `text` is then the masked text, with the offsets of
   * the file the user edits.
   */
  template?: TemplateMarks;
}

/** One replacement in a text, in offsets of the text before it. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The region a sequence of edits changed: [start, oldEnd) of the text before them became [start, newEnd) of the text after. */
export interface ChangedRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** What the caller knows of a new version: its line index, the edits since the previous version. */
export interface KnownChange {
  lineIndex?: LineIndex;
  edits?: readonly TextEdit[];
}

/** The one region that covers edits applied in order (each in offsets of the text the previous one left); undefined for none. */
export function changedRegion(edits: readonly TextEdit[]): ChangedRegion | undefined {
  let region: ChangedRegion | undefined;
  for (const { start, end, text } of edits) {
    if (!region) {
      region = { start, oldEnd: end, newEnd: start + text.length };
      continue;
    }
    // the edit's end beyond the region maps back to the old text unchanged
    const oldEnd = Math.max(region.oldEnd, end - region.newEnd + region.oldEnd);
    const newEnd = Math.max(region.newEnd, end) + text.length - (end - start);
    region = { start: Math.min(region.start, start), oldEnd, newEnd };
  }
  return region;
}

export interface YamlFile {
  /** The whole text (an edited document's is joined when first read: per-keystroke paths read `lineIndex.source`). */
  readonly text: string;
  lineIndex: LineIndex;
  documents: YamlDocument[];
}

/** A file model whose `text` is the line index's, joined only if someone reads it. */
function fileOf(lineIndex: LineIndex, documents: YamlDocument[]): YamlFile {
  return {
    lineIndex,
    documents,
    get text() {
      return lineIndex.text;
    },
  };
}

/**
 * Split offsets: each entry is the start of a document. The markers (`---` or
 * `...` at a line's start, then a blank, a line break or the end) are found
 * with indexOf: a loop over 52k lines in JavaScript took 15-20 ms when a big
 * file opens, before its code is optimized (issue 15 item 10).
 */
function splitDocuments(text: string, lineIndex: LineIndex): Array<{ start: number; end: number }> {
  const starts: number[] = [0];
  for (let at = text.indexOf('---'); at >= 0; at = text.indexOf('---', at + 1)) {
    if (at !== 0 && isMarkerAt(text, at)) starts.push(at);
  }
  for (let at = text.indexOf('...'); at >= 0; at = text.indexOf('...', at + 1)) {
    if (!isMarkerAt(text, at)) continue;
    // `...` ends the current document; the next one starts on the next line.
    const next = lineIndex.lineStarts[lineIndex.positionAt(at).line + 1];
    if (next !== undefined) starts.push(next);
  }
  const unique = [...new Set(starts)].sort((a, b) => a - b);
  return unique.map((start, i) => ({ start, end: unique[i + 1] ?? text.length }));
}

/** Whether the three characters at `at` (`---` or `...`) are a marker: at a line's start, followed by a blank, a line break or the end. */
function isMarkerAt(text: string, at: number): boolean {
  const before = at === 0 ? 10 : text.charCodeAt(at - 1);
  if (before !== 10 /* \n */ && before !== 13 /* \r */) return false;
  const after = text.charCodeAt(at + 3);
  return Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13;
}

/**
 * A document of `text` (no `---` inside) that starts at file offset `start`,
 * parsed when first read (see documentParse.ts).
 */
export function parseDocumentText(text: string, start: number, index: number, budget?: ParseBudget): YamlDocument {
  return lazyDocument(new DocumentParse(text, budget), start, index);
}

/**
 * Parses a whole file. Pass the previous version's model to reuse every
 * document whose text did not change: only the documents an edit touches are
 * cut and parsed again, the others are kept (moved by the edit's length).
 */
export function parseYamlFile(given: string | SourceText, previous?: YamlFile, budget?: ParseBudget, known: KnownChange = {}): YamlFile {
  // an edited document's text comes in chunks with its line index (the same object): no string of the whole file is made
  const lineIndex = known.lineIndex && known.lineIndex.source === given ? known.lineIndex : new LineIndex(given);
  const text = lineIndex.source;
  if (previous && previous.documents.length > 0) {
    const region = known.edits ? changedRegion(known.edits) : differingRegion(previous.text, lineIndex.text);
    if (!region) return fileOf(lineIndex, previous.documents);
    const incremental = reparseAround(text, lineIndex, previous, budget, region);
    if (incremental) return incremental;
  }
  // (a chunked text is joined: this parses the whole file, which a keystroke's re-parse around the edit avoids)
  const documents = splitDocuments(text.toString(), lineIndex).map(({ start, end }, index) => parseDocumentText(text.slice(start, end), start, index, budget));
  return fileOf(lineIndex, documents);
}

function moved(document: YamlDocument, index: number, shift: number): YamlDocument {
  if (shift === 0 && document.index === index) return document;
  // a lazy document moves without being parsed
  const parse = parseOf(document);
  if (parse) return lazyDocument(parse, document.start + shift, index);
  return {
    ...document,
    index,
    start: document.start + shift,
    end: document.end + shift,
    problems: shift === 0 ? document.problems : document.problems.map((p) => ({ ...p, start: p.start + shift, end: p.end + shift })),
  };
}

/** The region where two texts differ (from the first to the last differing character), undefined when they are equal. */
function differingRegion(old: string, text: string): ChangedRegion | undefined {
  if (old === text) return undefined;
  const limit = Math.min(old.length, text.length);
  // Compare in blocks first (native string equality), then character by character.
  const BLOCK = 2048;
  let prefix = 0;
  while (prefix + BLOCK <= limit && old.slice(prefix, prefix + BLOCK) === text.slice(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix + BLOCK <= limit - prefix && old.slice(old.length - suffix - BLOCK, old.length - suffix) === text.slice(text.length - suffix - BLOCK, text.length - suffix)) suffix += BLOCK;
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { start: prefix, oldEnd: old.length - suffix, newEnd: text.length - suffix };
}

/** Re-cuts and re-parses only the documents that the changed region touches. */
function reparseAround(text: SourceText, lineIndex: LineIndex, previous: YamlFile, budget: ParseBudget | undefined, change: ChangedRegion): YamlFile | undefined {
  const old = previous.lineIndex.source;
  const prefix = change.start;
  const changeEndOld = change.oldEnd;
  const changeEndNew = change.newEnd;
  const delta = text.length - old.length;
  const docs = previous.documents;
  // Documents touching the change (inclusive: a change at a boundary may move a `---`).
  let first = firstEndingAtOrAfter(docs, prefix);
  if (first >= docs.length) first = docs.length - 1;
  let last = first;
  while (last + 1 < docs.length && docs[last + 1].start <= changeEndOld) last++;
  // A marker is decided by a line's first four characters: a change there, or
  // one that adds or removes line breaks, may make or break a `---`/`...` and
  // move the boundary with the neighbouring documents, so take them in too.
  // (the column after the last `\n` or `\r` before the change: 0 also between the two characters of a `\r\n`)
  const lineStart = previous.lineIndex.lineStarts[previous.lineIndex.positionAt(prefix).line];
  const column = old.charCodeAt(prefix - 1) === 13 /* \r */ ? 0 : prefix - lineStart;
  const breaks = (t: TextLike, from: number, to: number) => /[\r\n]/.test(t.slice(from, to));
  if (column <= 3 || breaks(old, prefix, changeEndOld) || breaks(text, prefix, changeEndNew)) {
    if (first > 0) first--;
    if (last + 1 < docs.length) last++;
  }
  const regionStart = docs[first].start;
  const regionEnd = docs[last].end + delta;
  if (regionEnd < regionStart) return undefined;
  const regionText = text.slice(regionStart, regionEnd);
  const regionIndex = new LineIndex(regionText);
  // A `...` on the region's last line opens a document at the region's end:
  // that is the next, kept document when there is one (even when the region
  // reaches the end of the text: that kept document is empty then).
  const region = splitDocuments(regionText, regionIndex).filter((d) => last + 1 === docs.length || d.start < regionEnd - regionStart);
  const reusable = new Map<string, YamlDocument>();
  for (let i = first; i <= last; i++) reusable.set(docs[i].text, docs[i]);
  const documents: YamlDocument[] = docs.slice(0, first).map((d, i) => moved(d, i, 0));
  for (const { start, end } of region) {
    const slice = regionText.slice(start, end);
    const old = reusable.get(slice);
    documents.push(old ? moved(old, documents.length, regionStart + start - old.start) : parseDocumentText(detached(slice), regionStart + start, documents.length, budget));
  }
  for (const d of docs.slice(last + 1)) documents.push(moved(d, documents.length, delta));
  return fileOf(lineIndex, documents);
}

/** The index of the first document that ends at or after `offset` (documents.length when none does). */
function firstEndingAtOrAfter(documents: readonly YamlDocument[], offset: number): number {
  let low = 0;
  let high = documents.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (documents[mid].end < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A copy of a slice that does not hold on to the text it was cut from: a
 * document kept across edits must not keep every version of a big file alive.
 */
function detached(slice: string): string {
  return JSON.parse(JSON.stringify(slice)) as string;
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
