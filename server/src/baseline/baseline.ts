/**
 * A baseline lets a team adopt the checks in a repository that already has
 * findings: `check --write-baseline` records today's, `check --baseline`
 * then fails only on new ones. A finding is known by its file, its object
 * (kind, namespace, name), the YAML path it sits on (list items by their
 * `name` where they have one) and its rule: not by line, so edits elsewhere
 * in the file do not make old findings new.
 */
import { dirname, relative, sep } from 'node:path';
import { isMap, isSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Finding } from '../languageService/diagnostics';
import { getIn, stringValue } from '../languageService/diagnostics/yamlAst';
import type { YamlFile } from '../languageService/yamlModel';
import { documentAt, keyName, pathAt } from '../languageService/yamlModel';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  file: string;
  object: string;
  path: string;
  rule: string;
  /** How many findings share this key (two containers without names, say). */
  count: number;
}

export interface Baseline {
  version: number;
  findings: BaselineEntry[];
}

/** `spec.template.spec.containers[name=agent].image`: list items by name where they have one, so reordering keeps the key. */
function stablePath(document: ReturnType<typeof documentAt>, offset: number): string {
  if (!document) return '';
  const hit = pathAt(document, offset);
  if (!hit) return '';
  let node: YamlNode | null | undefined = document.doc.contents;
  let out = '';
  for (const segment of hit.path) {
    if (typeof segment === 'number') {
      const item: unknown = isSeq(node) ? node.items[segment] : undefined;
      const name = isMap(item) ? stringValue(getIn(document.doc, item, 'name')) : undefined;
      out += name !== undefined ? `[name=${name}]` : `[${segment}]`;
      node = item as YamlNode | undefined;
    } else {
      out += out ? `.${segment}` : segment;
      const pair = isMap(node) ? node.items.find((p) => keyName(p) === segment) : undefined;
      node = pair?.value as YamlNode | undefined;
    }
  }
  return out;
}

/** The object a finding belongs to: `DaemonSet kube-system/agent`, or the document's index when it has no name. */
function objectOf(document: ReturnType<typeof documentAt>): string {
  if (!document) return '';
  const { doc } = document;
  const name = stringValue(getIn(doc, doc.contents, 'metadata', 'name'));
  const namespace = stringValue(getIn(doc, doc.contents, 'metadata', 'namespace'));
  return `${document.kind ?? '?'} ${namespace ? `${namespace}/` : ''}${name ?? `#${document.index}`}`;
}

/** The key a finding is matched by. */
export function entryKey(file: string, yaml: YamlFile, finding: Finding): Omit<BaselineEntry, 'count'> {
  const document = documentAt(yaml, finding.start);
  return { file, object: objectOf(document), path: stablePath(document, finding.start), rule: finding.code };
}

/** A checked file's path as a baseline records it: relative to the baseline file's folder, with `/` (so it holds wherever the repository is checked out). */
export function baselineFilePath(baselineFile: string, file: string): string {
  return relative(dirname(baselineFile), file).split(sep).join('/');
}

const keyText = (e: Omit<BaselineEntry, 'count'>) => JSON.stringify([e.file, e.object, e.path, e.rule]);

/** Records findings, grouped by key with their count, in a stable order. */
export function makeBaseline(entries: Array<Omit<BaselineEntry, 'count'>>): Baseline {
  const counts = new Map<string, BaselineEntry>();
  for (const entry of entries) {
    const key = keyText(entry);
    const known = counts.get(key);
    if (known) known.count++;
    else counts.set(key, { ...entry, count: 1 });
  }
  return { version: BASELINE_VERSION, findings: [...counts.values()].sort((a, b) => keyText(a).localeCompare(keyText(b))) };
}

/** Reads a baseline file's text; throws with a clear message when it is not one. */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
  const findings = (data as Baseline | null)?.findings;
  if (!Array.isArray(findings) || (data as Baseline).version !== BASELINE_VERSION) throw new Error(`not a baseline of version ${BASELINE_VERSION} (written by check --write-baseline)`);
  for (const f of findings) {
    if (typeof f?.file !== 'string' || typeof f.object !== 'string' || typeof f.path !== 'string' || typeof f.rule !== 'string' || !Number.isInteger(f.count)) throw new Error('an entry lacks file, object, path, rule or count');
  }
  return data as Baseline;
}

/** Splits findings into new ones and those the baseline knows (each baseline entry covers up to `count` findings). */
export class BaselineMatcher {
  private readonly left = new Map<string, number>();
  constructor(baseline: Baseline) {
    for (const entry of baseline.findings) this.left.set(keyText(entry), (this.left.get(keyText(entry)) ?? 0) + entry.count);
  }

  /** Whether the baseline knows this finding (using up one of its entry's count). */
  take(entry: Omit<BaselineEntry, 'count'>): boolean {
    const key = keyText(entry);
    const left = this.left.get(key) ?? 0;
    if (left === 0) return false;
    this.left.set(key, left - 1);
    return true;
  }
}
