/** Typed reads of YAML nodes that record an error with a line number instead of throwing. */
import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Quantity } from '../../placement/quantity';
import type { ResourceAmounts } from '../../placement/types';
import { effectivePairs, resolveNode, scalarQuantity } from '../diagnostics/yamlAst';
import type { YamlDocument, YamlFile } from '../yamlModel';
import { keyName, writtenString } from '../yamlModel';
import type { ProfileError } from './types';
import { dictionary } from '../../common/dictionary';

/**
 * Typed reads of a profile's values, the same for the two ways a profile is
 * held: the `yaml` package's node tree (Reader, with exact line numbers) and
 * plain values from JSON.parse or the fast YAML subset (PlainReader). The
 * concise and kubectl readers are written once against this.
 */
export interface ProfileReader {
  readonly errors: ProfileError[];
  /** The document's top-level value. */
  readonly root: unknown;
  error(node: unknown, message: string): void;
  /** The entries of a mapping; an error (and nothing) when it is something else. */
  entries(node: unknown, what: string): Array<{ key: string; keyNode: unknown; value: unknown }>;
  /** The value under `key` of a mapping (the first, when written twice), else null; an error when `node` is no mapping. */
  child(node: unknown, key: string, what: string): unknown;
  items(node: unknown, what: string): unknown[];
  string(node: unknown, what: string): string | undefined;
  integer(node: unknown, what: string): number | undefined;
  boolean(node: unknown, what: string): boolean | undefined;
  /** A number scalar's value, without an error when it is something else. */
  number(node: unknown): number | undefined;
  resources(node: unknown, what: string): ResourceAmounts;
}

export class Reader implements ProfileReader {
  readonly errors: ProfileError[] = [];
  constructor(
    readonly file: YamlFile,
    readonly document: YamlDocument,
  ) {}

  get root(): unknown {
    return this.document.doc.contents;
  }

  child(node: unknown, key: string, what: string): YamlNode | null {
    return this.entries(node, what).find((e) => e.key === key)?.value ?? null;
  }

  number(node: unknown): number | undefined {
    const value = this.resolve(node);
    return isScalar(value) && typeof value.value === 'number' ? value.value : undefined;
  }

  error(node: unknown, message: string): void {
    const r = (node as YamlNode | null | undefined)?.range;
    const offset = r ? this.document.start + r[0] : this.document.start;
    const position = this.file.lineIndex.positionAt(offset);
    this.errors.push({ line: position.line + 1, column: position.character + 1, message, start: offset, end: r ? this.document.start + r[1] : offset });
  }

  resolve(node: unknown): YamlNode | null {
    return resolveNode(this.document.doc, node);
  }

  /** The entries of a mapping; an error (and nothing) when it is something else. */
  entries(node: unknown, what: string): Array<{ key: string; keyNode: unknown; value: YamlNode | null }> {
    const map = this.resolve(node);
    if (map === null || (isScalar(map) && map.value === null)) return [];
    if (!isMap(map)) {
      this.error(node, `${what} must be a mapping: write its fields as \`key: value\` lines under it`);
      return [];
    }
    return effectivePairs(this.document.doc, map).flatMap((pair) => {
      const key = keyName(pair);
      return key === undefined ? [] : [{ key, keyNode: pair.key, value: this.resolve(pair.value) }];
    });
  }

  items(node: unknown, what: string): Array<YamlNode | null> {
    const seq = this.resolve(node);
    if (seq === null || (isScalar(seq) && seq.value === null)) return [];
    if (!isSeq(seq)) {
      this.error(node, `${what} must be a list: start each item with \`- \``);
      return [];
    }
    return seq.items.map((item) => this.resolve(item));
  }

  /** A scalar as a string (numbers and booleans as written: labels are strings). */
  string(node: unknown, what: string): string | undefined {
    const value = this.resolve(node);
    if (value === null) return undefined;
    if (isScalar(value)) {
      if (value.value === null) return undefined;
      const text = writtenString(value);
      if (text !== undefined) return text;
    }
    this.error(node, `${what} must be a string: quote the value`);
    return undefined;
  }

  integer(node: unknown, what: string): number | undefined {
    const value = this.resolve(node);
    if (isScalar(value) && typeof value.value === 'number' && Number.isInteger(value.value)) return value.value;
    if (value !== null) this.error(node, `${what} must be an integer: write a whole number`);
    return undefined;
  }

  boolean(node: unknown, what: string): boolean | undefined {
    const value = this.resolve(node);
    if (isScalar(value) && typeof value.value === 'boolean') return value.value;
    if (value !== null && !(isScalar(value) && value.value === null)) this.error(node, `${what} must be true or false: write one of them`);
    return undefined;
  }

  /** A map of resource quantities: cpu in millicores, the rest in whole units. */
  resources(node: unknown, what: string): ResourceAmounts {
    const out = dictionary<bigint>();
    for (const { key, value } of this.entries(node, what)) {
      addAmount(out, key, scalarQuantity(value), value, what, (at, message) => this.error(at, message));
    }
    return out;
  }
}

/**
 * One resource amount of a profile into `out` (cpu in millicores, the rest in
 * whole units), or the error saying what is wrong with it: the YAML reader
 * here and the plain-values reader (plainReader.ts) take amounts alike.
 */
export function addAmount(out: ResourceAmounts, key: string, quantity: Quantity | undefined, at: unknown, what: string, error: (at: unknown, message: string) => void): void {
  if (!quantity) error(at, `${what}.${key} is not a quantity: write one such as 500m, 4 or 16Gi`);
  else if (quantity.milli < 0n) error(at, `${what}.${key} is negative: use 0 or more`);
  else out[key] = key === 'cpu' ? quantity.milli : quantity.value;
}
