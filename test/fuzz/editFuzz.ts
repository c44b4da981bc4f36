/**
 * A seeded edit fuzzer over the pure modules the language server runs on every
 * keystroke: the incremental parse (`parseYamlFile(text, previous)`), the
 * per-document findings cache, completion, hover, code actions and the
 * placement quick fixes. After every random edit the findings must equal a
 * fresh parse and validation of the same text, the incremental model must
 * equal a fresh one, and every range must lie inside the document as LSP
 * counts lines (`\n`, `\r\n` and a lone `\r` end a line).
 *
 * Used by the unit suite (a short run) and by `npm run fuzz` (a long one).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FindingsCache } from '../../server/src/findingsCache';
import { loadApiModel } from '../../server/src/languageService/apiModel';
import { complete, profileCompletions } from '../../server/src/languageService/completion';
import type { Finding, ValidationOptions } from '../../server/src/languageService/diagnostics';
import { validateFile } from '../../server/src/languageService/diagnostics';
import { hover, profileHoverNote } from '../../server/src/languageService/hover';
import { placementFixes } from '../../server/src/languageService/placementFixes';
import { readProfile } from '../../server/src/languageService/profiles';
import type { LineIndex, YamlFile } from '../../server/src/languageService/yamlModel';
import { ParseBudget, parseYamlFile } from '../../server/src/languageService/yamlModel';
import type { ClusterProfile } from '../../server/src/placement';

const root = resolve(__dirname, '../..');

/** The manifests the fuzzer edits: the examples and the valid fixtures. */
export function corpus(): Array<{ name: string; text: string }> {
  const folders = [join(root, 'examples'), join(root, 'test/fixtures/manifests/valid')];
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') })),
  );
}

/** mulberry32: a small, fast PRNG whose whole state is one seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What an edit inserts: the characters YAML structure hangs on, and keys named like JavaScript object properties. */
const INSERTS = ['\n', '\n', '\r\n', '\r', '---\n', '\n---\n', '...\n', '"', "'", '{', '}', '[', ']', ': ', ':', '- ', ' ', '  ', '\t', '#', ',', '|', '>', '&a ', '*a', 'x', 'spec: {}\n', 'toString: 1\n', '__proto__: v', 'constructor', '<<: *a\n', 'kind: DaemonSet\n', '1Gi', 'cpu: 100m\n', '{{', '}}', '{{ .Values.a }}'];

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A random edit of `text`: delete a few characters, insert a token, or replace one with the other. */
export function randomEdit(text: string, random: () => number): Edit {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  // Edits at line starts matter most (document markers, indentation): aim there half the time.
  let start = Math.floor(random() * (text.length + 1));
  if (random() < 0.5) {
    const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
    start = lineStart;
  }
  const kind = random();
  const deleted = kind < 0.4 ? 0 : Math.min(text.length - start, 1 + Math.floor(random() * (random() < 0.8 ? 3 : 40)));
  const inserted = kind >= 0.4 && kind < 0.7 ? '' : pick(INSERTS);
  return { start, end: start + deleted, text: inserted };
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  return edits.reduce(applyEdit, text);
}

/** The line index of the edited text, edited edit by edit from the file's (as the server's documents keep it). */
function editedIndex(file: YamlFile, edits: readonly Edit[]): LineIndex {
  let index = file.lineIndex;
  for (const edit of edits) index = index.edited(index.source.edited(edit.start, edit.end, edit.text), edit.start, edit.end, edit.text);
  return index;
}

export interface FuzzOptions {
  seed: number;
  /** Number of edits in all. */
  edits: number;
  /** Edits on one manifest before the next one starts from its original text. */
  editsPerFile?: number;
  /** Called every `every` edits (progress for long runs). */
  progress?: (done: number) => void;
}

export interface FuzzFailure {
  seed: number;
  step: number;
  file: string;
  /** The text before the failing edit, the edit, and what went wrong. */
  before: string;
  /** The edits applied in order, each on the text the previous one left. */
  edits: Edit[];
  problem: string;
}

const model = loadApiModel();
const sampleProfile = (): ClusterProfile => {
  const path = join(root, 'profiles/sample.profile.yaml');
  const profile = readProfile(readFileSync(path, 'utf8'), path).profile;
  if (!profile) throw new Error('the sample profile does not read');
  return profile;
};

/** Runs the fuzzer; the first failure ends the run. */
export function fuzz(options: FuzzOptions): FuzzFailure | undefined {
  const random = prng(options.seed);
  const files = corpus();
  const profile = sampleProfile();
  const perFile = options.editsPerFile ?? 200;
  const validation: ValidationOptions = { priorityClasses: new Set(['workspace-critical']) };
  let cache = new FindingsCache();
  // a budget so small that syntax trees are dropped and parsed again all the time, as on a big file in the server
  const budget = new ParseBudget(600);
  let name = '';
  let text = '';
  let file: YamlFile | undefined;
  for (let step = 0; step < options.edits; step++) {
    if (step % perFile === 0) {
      const next = files[Math.floor(random() * files.length)];
      // a third of the sessions on the file with CRLF or lone-CR line endings
      const endings = random();
      name = next.name;
      text = endings < 0.15 ? next.text.replace(/\r?\n/g, '\r\n') : endings < 0.3 ? next.text.replace(/\r?\n/g, '\r') : next.text;
      cache = new FindingsCache();
      file = parseYamlFile(text, undefined, budget);
      cache.findings(file, model, validation, '');
    }
    if (step > 0 && options.progress && step % 1000 === 0) options.progress(step);
    // now and then several edits before the next version is parsed (as when requests lag behind typing)
    const edits = [randomEdit(text, random)];
    while (random() < 0.2) edits.push(randomEdit(applyEdits(text, edits), random));
    const before = text;
    const after = applyEdits(text, edits);
    const fail = (problem: string): FuzzFailure => ({ seed: options.seed, step, file: name, before, edits, problem });
    try {
      // as the server parses a new version: with the edit and the edited line index known (editedDocument.ts),
      // and now and then without them (a model several versions behind compares the texts)
      const known = random() < 0.8 && file ? { lineIndex: editedIndex(file, edits), edits } : {};
      // (the edited text in its chunks, read as the server reads it: sliced, never joined whole)
      if (known.lineIndex && known.lineIndex.source.slice() !== after) return fail('the edited chunks do not hold the edited text');
      const next = parseYamlFile(known.lineIndex?.source ?? after, file, budget, known);
      const problem = checkStep(next, cache.findings(next, model, validation, ''), validation, random, profile);
      if (problem) return fail(problem);
      file = next;
      text = after;
    } catch (error) {
      return fail(`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    // keep the text from growing or vanishing without bound
    if (text.length > 20000 || text.length < 10) {
      text = files[0].text;
      cache = new FindingsCache();
      file = parseYamlFile(text, undefined, budget);
      cache.findings(file, model, validation, '');
    }
  }
  return undefined;
}

/** What a document looks like to compare an incremental model with a fresh one. */
function shape(file: YamlFile) {
  return file.documents.map((d) => ({ index: d.index, start: d.start, end: d.end, text: d.text, kind: d.kind, apiVersion: d.apiVersion, problems: d.problems }));
}

function checkStep(file: YamlFile, findings: Finding[], validation: ValidationOptions, random: () => number, profile: ClusterProfile): string | undefined {
  const fresh = parseYamlFile(file.text);
  if (file.lineIndex.lineStarts.join() !== fresh.lineIndex.lineStarts.join()) return `the edited line index differs from a fresh one: ${difference(file.lineIndex.lineStarts.join(), fresh.lineIndex.lineStarts.join())}`;
  const model1 = JSON.stringify(shape(file));
  const model2 = JSON.stringify(shape(fresh));
  if (model1 !== model2) return `the incremental model differs from a fresh parse: ${difference(model1, model2)}`;
  const expected = validateFile(fresh, model, validation);
  const found1 = JSON.stringify(findings);
  const found2 = JSON.stringify(expected);
  if (found1 !== found2) return `the cached findings differ from a fresh validation: ${difference(found1, found2)}`;
  // LSP's own line counting (vscode-languageserver-textdocument) is the reference for ranges
  const lsp = TextDocument.create('file:///fuzz.yaml', 'yaml', 1, file.text);
  const inside = (what: string, start: number, end: number): string | undefined => {
    if (!(start >= 0 && start <= end && end <= file.text.length)) return `${what}: offsets ${start}-${end} outside the text of ${file.text.length}`;
    for (const offset of [start, end]) {
      const ours = file.lineIndex.positionAt(offset);
      const theirs = lsp.positionAt(offset);
      if (ours.line !== theirs.line || ours.character !== theirs.character) return `${what}: offset ${offset} is ${JSON.stringify(ours)} here, ${JSON.stringify(theirs)} for LSP`;
    }
    return undefined;
  };
  for (const finding of findings) {
    const problem = inside(`finding ${finding.code}`, finding.start, finding.end) ?? finding.fixes?.flatMap((fix) => fix.edits).map((e) => inside(`fix of ${finding.code}`, e.start, e.end)).find(Boolean);
    if (problem) return problem;
  }
  const offset = Math.floor(random() * (file.text.length + 1));
  for (const entry of complete(file, offset, model, { priorityClasses: ['workspace-critical'], extraValues: (context) => profileCompletions(profile, context) })) {
    if (typeof entry.label !== 'string' || entry.label === '') return `completion at ${offset}: an item without a label`;
    const problem = inside(`completion ${entry.label}`, entry.start, entry.end);
    if (problem) return problem;
  }
  const answer = hover(file, offset, model);
  if (answer) {
    const problem = inside('hover', answer.start, answer.end);
    if (problem) return problem;
  }
  profileHoverNote(file, offset, () => profile);
  // code actions: the fixes of findings under a random range, and the placement fixes there
  const to = Math.min(file.text.length, offset + Math.floor(random() * 80));
  for (const finding of findings.filter((f) => f.fixes?.length && f.start <= to && f.end >= offset)) {
    for (const fix of finding.fixes ?? []) if (fix.edits.length === 0) return `fix "${fix.title}" of ${finding.code} edits nothing`;
  }
  for (const fix of placementFixes(file, offset, profile)) {
    const problem = fix.edits.map((e) => inside(`placement fix ${fix.title}`, e.start, e.end)).find(Boolean);
    if (problem) return problem;
  }
  return undefined;
}

/** Where two JSON texts first differ, with some context of each. */
function difference(ours: string, theirs: string): string {
  let at = 0;
  while (at < ours.length && ours[at] === theirs[at]) at++;
  const from = Math.max(0, at - 200);
  return `\n  incremental: …${ours.slice(from, at + 200)}…\n  fresh:       …${theirs.slice(from, at + 200)}…`;
}

/** A failure as a reproduction someone can paste into a test. */
export function describeFailure(failure: FuzzFailure): string {
  return [
    `seed ${failure.seed}, edit ${failure.step} on ${failure.file}: ${failure.problem}`,
    `text before the edit: ${JSON.stringify(failure.before)}`,
    `edits: ${JSON.stringify(failure.edits)}`,
  ].join('\n');
}
