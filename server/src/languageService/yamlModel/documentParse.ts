/**
 * One YAML document's parse, made when something first reads it and shared by
 * every moved copy of the document (an edit above it moves it, its text stays).
 *
 * A big file is not parsed when it is opened: the documents the user looks at
 * are (issue 15 item 10), the others when the background check reaches them.
 * A {@link ParseBudget} bounds how much text stays parsed: the syntax tree of
 * the documents used least recently is dropped and made again on demand, while
 * the compact part (kind, apiVersion, syntax problems) stays (item 9).
 */
import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { isMap, isScalar } from 'yaml';
import { GO_YAML_TAGS } from './goYamlScalars';
import { LineIndex } from './lineIndex';
import type { YamlDocument, YamlProblem } from './yamlFile';

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

/** Bounds the text whose syntax trees stay in memory; counts parses (tests read it). */
export class ParseBudget {
  /** How many documents were parsed (a dropped tree made again counts again). */
  parses = 0;
  /** The tree used last (rules read `doc` in tight loops: no bookkeeping for it). */
  last: DocumentParse | undefined;
  private readonly recent = new Map<DocumentParse, number>();
  private chars = 0;

  /** `maxChars`: document text kept parsed at most (the one in use always is). */
  constructor(readonly maxChars: number) {}

  /** Trees made during {@link passing} work, dropped when it ends (undefined: not in such work). */
  private passed: DocumentParse[] | undefined;

  /**
   * Runs work that reads documents once (the background check of a big
   * file): a tree it makes is dropped when it ends instead of pushing the
   * trees the user reads out of the budget. Such a tree dies young, in the
   * collector's cheap young generation, rather than living in the old one
   * until the budget drops it (a 20 MB file passes through the budget some
   * 40 times on opening: issue 15 item 9).
   */
  passing<T>(work: () => T): T {
    if (this.passed) return work();
    const passed: DocumentParse[] = [];
    this.passed = passed;
    try {
      return work();
    } finally {
      this.passed = undefined;
      for (const parse of passed) if (!this.recent.has(parse)) parse.drop();
      if (this.last && !this.last.parsed) this.last = undefined;
    }
  }

  /** A document's tree was used: it becomes the most recent; the least recent ones over the budget are dropped. */
  used(parse: DocumentParse): void {
    this.last = parse;
    if (this.passed && !this.recent.has(parse)) {
      this.passed.push(parse);
      return;
    }
    if (this.recent.delete(parse)) {
      this.recent.set(parse, parse.text.length);
      return;
    }
    this.recent.set(parse, parse.text.length);
    this.chars += parse.text.length;
    for (const [oldest, length] of this.recent) {
      if (this.chars <= this.maxChars || oldest === parse) break;
      this.recent.delete(oldest);
      this.chars -= length;
      oldest.drop();
    }
  }
}

/** What stays of a document when its tree is dropped. */
interface Compact {
  kind: string | undefined;
  apiVersion: string | undefined;
  /** Syntax errors and warnings, in offsets of the document's text. */
  problems: YamlProblem[];
}

export class DocumentParse {
  private tree: Document.Parsed | undefined;
  private index: LineIndex | undefined;
  private compact: Compact | undefined;

  constructor(
    readonly text: string,
    private readonly budget?: ParseBudget,
  ) {}

  /** The syntax tree (parsed again when the budget dropped it). */
  doc(): Document.Parsed {
    let tree = this.tree;
    if (!tree) {
      tree = parseText(this.text);
      this.tree = tree;
      if (this.budget) this.budget.parses++;
      this.compact ??= {
        kind: topLevelString(tree, 'kind'),
        apiVersion: topLevelString(tree, 'apiVersion'),
        problems: tree.errors.map((error) => ({ message: error.message.split('\n')[0], start: error.pos[0], end: error.pos[1], code: error.code })),
      };
    }
    if (this.budget && this.budget.last !== this) this.budget.used(this);
    return tree;
  }

  summary(): Compact {
    if (!this.compact) this.doc();
    return this.compact as Compact;
  }

  /** Line index of the document's own text (dropped with the tree). */
  lineIndex(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  /** Whether the tree is in memory now (tests and the background check read it). */
  get parsed(): boolean {
    return this.tree !== undefined;
  }

  drop(): void {
    this.tree = undefined;
    this.index = undefined;
  }
}

/** Parses one document's text (no `---` inside) with the options every feature expects. */
function parseText(text: string): Document.Parsed {
  // Scalars resolve as kubectl's go-yaml v2 resolves them (goYamlScalars.ts):
  // the failsafe schema gives maps, seqs and strings, GO_YAML_TAGS the rest.
  // No known YAML 1.1 extras (!!set, !!omap…): go-yaml ignores those tags.
  // merge on: a plain `<<` key gets the parser's merge tag (a symbol value);
  // our look-ups expand it (mapPairs), and toJS() does too.
  // uniqueKeys off: duplicate keys are reported by our own diagnostics.
  // A lone `\r` ends a line for go-yaml (kubectl) and for LSP, but not for the
  // `yaml` package: parse with `\n` in its place. Both are one character, so
  // every node range and error offset stays an offset into the real text.
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  return parseDocument(source, {
    version: '1.1',
    schema: 'failsafe',
    customTags: GO_YAML_TAGS,
    resolveKnownTags: false,
    merge: true,
    uniqueKeys: false,
    keepSourceTokens: false,
    prettyErrors: false,
    strict: false,
  });
}

/**
 * A document of the file at `start` whose parse is `parse`: `doc`, `kind`,
 * `apiVersion`, `problems` and `lineIndex` are read through it. A class with
 * getters on its prototype: an edit moves every document after it, so making
 * one must cost next to nothing (accessors defined per object cost ~100 times
 * more, and leave objects whose properties are slow to read). A spread copy
 * would lose the getters: copy with {@link plainDocument}.
 */
class LazyDocument implements YamlDocument {
  readonly end: number;
  readonly text: string;
  private moved: YamlProblem[] | undefined;

  constructor(
    readonly parse: DocumentParse,
    readonly start: number,
    readonly index: number,
  ) {
    this.end = start + parse.text.length;
    this.text = parse.text;
  }

  get id(): object {
    return this.parse;
  }

  get doc(): Document.Parsed {
    return this.parse.doc();
  }

  get kind(): string | undefined {
    return this.parse.summary().kind;
  }

  get apiVersion(): string | undefined {
    return this.parse.summary().apiVersion;
  }

  get problems(): YamlProblem[] {
    const start = this.start;
    return (this.moved ??= this.parse.summary().problems.map((p) => ({ ...p, start: start + p.start, end: start + p.end })));
  }

  get lineIndex(): LineIndex {
    return this.parse.lineIndex();
  }
}

export function lazyDocument(parse: DocumentParse, start: number, index: number): YamlDocument {
  return new LazyDocument(parse, start, index);
}

/** The parse behind a document made by {@link lazyDocument} (undefined for a copy with its own tree). */
export function parseOf(document: YamlDocument): DocumentParse | undefined {
  return document instanceof LazyDocument ? document.parse : undefined;
}

/**
 * A plain copy of a document (every field read now, the tree parsed): what a
 * spread of a lazy document would not give, its fields being getters.
 */
export function plainDocument(document: YamlDocument): YamlDocument {
  const { index, start, end, text, id, doc, kind, apiVersion, problems, lineIndex, template } = document;
  return { index, start, end, text, id, doc, kind, apiVersion, problems, lineIndex, ...(template ? { template } : {}) };
}
