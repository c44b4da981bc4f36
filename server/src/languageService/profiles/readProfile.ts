/**
 * Reads a cluster profile from text: the concise `kind: ClusterProfile` format
 * or kubectl output. Never throws: problems come back as errors with line numbers.
 */
import { basename, extname } from 'node:path';
import { parseYamlFile } from '../yamlModel';
import { readConcise } from './concise';
import { isKubectlProfile, readKubectl } from './kubectlList';
import { Reader } from './reader';
import type { ProfileReadResult } from './types';

/** Largest profile text read (a kubectl capture of a big cluster stays well below). */
export const MAX_PROFILE_BYTES = 64 * 1024 * 1024;

export function readProfile(text: string, fileName: string): ProfileReadResult {
  const fallbackName = basename(fileName, extname(fileName)).replace(/\.profile$/, '');
  if (text.length > MAX_PROFILE_BYTES) return { errors: [{ line: 1, column: 1, message: `the profile is larger than ${MAX_PROFILE_BYTES / 1024 / 1024} MB` }] };
  const file = parseYamlFile(text);
  const syntax = file.documents.flatMap((d) => d.problems.map((p) => ({ ...file.lineIndex.positionAt(p.start), message: p.message })));
  if (syntax.length) return { errors: syntax.map((s) => ({ line: s.line + 1, column: s.character + 1, message: `YAML syntax: ${s.message}` })) };
  const concise = file.documents.find((d) => d.kind === 'ClusterProfile');
  if (concise) return readConcise(new Reader(file, concise), concise, fallbackName);
  if (isKubectlProfile(file)) return readKubectl(file, fallbackName);
  return { errors: [{ line: 1, column: 1, message: 'not a cluster profile: expected `kind: ClusterProfile`, or a kubectl `List` of Node (and Pod) objects' }] };
}
