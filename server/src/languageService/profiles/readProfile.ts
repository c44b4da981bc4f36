/**
 * Reads a cluster profile from text: the concise `kind: ClusterProfile` format
 * or kubectl output. Never throws: problems come back as errors with line numbers.
 *
 * Two ways in, one reader: a JSON capture goes through JSON.parse and a
 * concise profile in plain YAML through the fast subset reader (fastYaml.ts),
 * both as plain values (PlainReader), its single nodes made straight from the
 * text when they read without a problem (conciseNodes.ts); anything else, and any profile those
 * find errors in, through the `yaml` package's node tree (Reader), which
 * knows the line of every value. The full parser costs about a minute and
 * 2.5 GB on a 40 MB capture, the plain ways a second or two.
 */
import { basename, extname } from 'node:path';
import { syntaxAction } from '../diagnostics/syntaxErrors';
import { parseYamlFile } from '../yamlModel';
import { compactProfile } from './compact';
import { readConcise } from './concise';
import { readConciseDirect } from './conciseNodes';
import { readFastYaml } from './fastYaml';
import { isKubectlProfile, kubectlObjects, LIST_ITEM_KINDS, readKubectl, readKubectlObjects } from './kubectlList';
import { PlainReader } from './plainReader';
import { Reader } from './reader';
import type { ProfileReadResult } from './types';

/** Largest profile text read (a kubectl capture of a big cluster stays well below). */
export const MAX_PROFILE_BYTES = 64 * 1024 * 1024;

/**
 * Largest profile read again through the full parser when the plain read found
 * errors (to report their lines): a few seconds at most. A bigger profile
 * keeps the plain read's messages, which name the field but not the line.
 */
export const EXACT_REREAD_BYTES = 4 * 1024 * 1024;

const NOT_A_PROFILE = 'not a cluster profile: write `kind: ClusterProfile`, or capture a kubectl `List` of Node (and Pod) objects';

/** Reading options, for tests that compare both ways. */
export interface ReadOptions {
  /** false: always the full parser (the reference the plain way must agree with). */
  plain?: boolean;
  /** false: nodes as the readers built them, sharing nothing (the reference for compact profiles). */
  compact?: boolean;
}

export function readProfile(text: string, fileName: string, options: ReadOptions = {}): ProfileReadResult {
  const fallbackName = basename(fileName, extname(fileName)).replace(/\.profile$/, '');
  if (text.length > MAX_PROFILE_BYTES) return { errors: [{ line: 1, column: 1, message: `the profile is larger than ${MAX_PROFILE_BYTES / 1024 / 1024} MB: use nodePools for nodes that are alike, or fewer nodes` }] };
  const plain = options.plain === false ? undefined : readPlain(text, fallbackName);
  if (plain && (plain.errors.length === 0 || text.length > EXACT_REREAD_BYTES)) return compacted(plain, options);
  return compacted({ ...readExact(text, fallbackName), parser: 'yaml' }, options);
}

function compacted(result: ProfileReadResult, options: ReadOptions): ProfileReadResult {
  return result.profile && options.compact !== false ? { ...result, profile: compactProfile(result.profile) } : result;
}

const looksLikeJson = (text: string) => /^\ufeff?\s*\{/.test(text);

/** The line and column of a JSON.parse error (its message gives the offset), for a text too big to read again. */
function jsonSyntaxError(text: string, error: unknown): ProfileReadResult {
  const message = error instanceof Error ? error.message : String(error);
  const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { errors: [{ line, column: offset - before.lastIndexOf('\n'), message: `JSON syntax: ${message.replace(/ in JSON at position \d+.*$/, '')}; correct the JSON here` }], parser: 'json' };
}

/**
 * The profile read from plain values: JSON when the text looks like JSON, else
 * the fast YAML subset. Undefined when the text is not one document of plain
 * values (or not JSON after all, but small: the full parser says where).
 */
function readPlain(text: string, fallbackName: string): ProfileReadResult | undefined {
  let root: unknown;
  let parser: 'json' | 'yaml-subset';
  if (looksLikeJson(text)) {
    parser = 'json';
    try {
      root = JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
    } catch (error) {
      // YAML flow syntax that is not JSON, or a syntax error: the full parser tells which, with the line, unless that takes minutes.
      return text.length > EXACT_REREAD_BYTES ? jsonSyntaxError(text, error) : undefined;
    }
  } else {
    parser = 'yaml-subset';
    const direct = readConciseDirect(text, fallbackName);
    if (direct?.kind === 'profile') return { ...direct.result, parser };
    root = direct ? direct.value : readFastYaml(text);
  }
  if (root === undefined || typeof root !== 'object' || root === null || Array.isArray(root)) return undefined;
  const reader = new PlainReader(root);
  const kind = reader.string(reader.child(root, 'kind', 'the profile'), 'kind');
  reader.errors.splice(0); // the kind is looked at again, with its message, by the reader of that kind
  if (kind === 'ClusterProfile') return { ...readConcise(reader, fallbackName), parser };
  if (kind !== undefined && (Object.hasOwn(LIST_ITEM_KINDS, kind) || kind === 'Node')) return { ...readKubectlObjects(kubectlObjects(reader, kind), fallbackName), parser };
  return { errors: [{ line: 1, column: 1, message: NOT_A_PROFILE }], parser }; // one document, of another kind
}

/** The profile read through the `yaml` package's node tree: every error with its line. */
function readExact(text: string, fallbackName: string): ProfileReadResult {
  const file = parseYamlFile(text);
  const syntax = file.documents.flatMap((d) => d.problems.map((p) => ({ ...file.lineIndex.positionAt(p.start), message: `${p.message}; ${syntaxAction(p)}` })));
  if (syntax.length) return { errors: syntax.map((s) => ({ line: s.line + 1, column: s.character + 1, message: `YAML syntax: ${s.message}` })) };
  const concise = file.documents.find((d) => d.kind === 'ClusterProfile');
  if (concise) return readConcise(new Reader(file, concise), fallbackName);
  if (isKubectlProfile(file)) return readKubectl(file, fallbackName);
  return { errors: [{ line: 1, column: 1, message: NOT_A_PROFILE }] };
}
