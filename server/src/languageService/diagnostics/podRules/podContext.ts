/**
 * A DaemonSet document seen by the pod rules: handy access to the pod spec,
 * its containers and volumes as YAML nodes (so findings sit on the exact key
 * or value), with reports that say which key they are about.
 */
import type { Node as YamlNode, Pair } from 'yaml';
import { isMap, isPair, isScalar } from 'yaml';
import { inExclusiveBranches, isFullyKnown, isUnknownKey, isUnknownValue, keyName, mayHaveMoreContent, writtenString } from '../../yamlModel';
import type { QuickFix, RuleContext, Severity } from '../types';
import { effectivePairs, getIn, getPair, resolveNode, seqItems } from '../yamlAst';

export interface ContainerNode {
  node: YamlNode;
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  list: string;
  index: number;
}

/** A strategic-merge patch directive key (`$patch`, `$retainKeys`, `$setElementOrder/…`, …). */
const isDirective = (key: string | undefined): boolean => key !== undefined && key.startsWith('$');

/** One PodContext per rule run: the pod rules of a document share it (and what it found once). */
const shared = new WeakMap<RuleContext, PodContext>();

export class PodContext {
  readonly doc;
  readonly root: YamlNode | null;
  readonly podSpec: YamlNode | null;
  private allContainers: readonly ContainerNode[] | undefined;
  constructor(readonly ctx: RuleContext) {
    this.doc = ctx.document.doc;
    this.root = this.doc.contents;
    this.podSpec = getIn(this.doc, this.root, 'spec', 'template', 'spec');
  }

  /** The document's PodContext (the rules run one after another on the same nodes). */
  static of(ctx: RuleContext): PodContext {
    let context = shared.get(ctx);
    if (!context) {
      context = new PodContext(ctx);
      shared.set(ctx, context);
    }
    return context;
  }

  get(node: unknown, ...keys: (string | number)[]): YamlNode | null {
    return getIn(this.doc, node, ...keys);
  }

  pair(node: unknown, key: string): Pair | undefined {
    return getPair(this.doc, node, key);
  }

  /** The items of a list; in a strategic-merge patch, without the items that are only a directive (`- $patch: replace`). */
  items(node: unknown): Array<YamlNode | null> {
    const items = seqItems(this.doc, node);
    if (!this.ctx.partial) return items;
    return items.filter((item) => !(isMap(item) && item.items.length > 0 && item.items.every((pair) => isPair(pair) && isDirective(keyName(pair)))));
  }

  /** The entries of a map node (own keys), each with its key node and value; keys a template action writes are left out. */
  entries(node: unknown): Array<{ key: string; keyNode: YamlNode; value: YamlNode | null }> {
    const map = resolveNode(this.doc, node);
    if (!isMap(map)) return [];
    // The entries kubectl sends: `<<` merges expanded as go-yaml v2 decodes them.
    return effectivePairs(this.doc, map).flatMap((pair) => {
      const key = !isUnknownKey(this.ctx.document, pair) ? keyName(pair) : undefined;
      // a strategic-merge patch's `$patch: replace` in a map is a directive, not an entry
      if (key === undefined || (this.ctx.partial && isDirective(key))) return [];
      return [{ key, keyNode: pair.key as YamlNode, value: resolveNode(this.doc, pair.value) }];
    });
  }

  /** A scalar's value as a string (numbers and booleans as written: the schema rule reports their type), else undefined (also when a template action writes it). */
  text(node: unknown): string | undefined {
    return writtenString(this.known(node));
  }

  /** Whether the node is absent or a YAML null (`key:`, `~`, `null`): kubectl sends it as unset. */
  isNull(node: unknown): boolean {
    const resolved = resolveNode(this.doc, node);
    return resolved === null || (isScalar(resolved) && (resolved.value === null || resolved.value === undefined));
  }

  number(node: unknown): number | undefined {
    const resolved = this.known(node);
    return isScalar(resolved) && typeof resolved.value === 'number' ? resolved.value : undefined;
  }

  bool(node: unknown): boolean | undefined {
    const resolved = this.known(node);
    return isScalar(resolved) && typeof resolved.value === 'boolean' ? resolved.value : undefined;
  }

  /** The resolved node, or null when a template action writes its value (unknown until rendered). */
  private known(node: unknown): YamlNode | null {
    const resolved = resolveNode(this.doc, node);
    return isUnknownValue(this.ctx.document, resolved) ? null : resolved;
  }

  /**
   * Whether what the path leads to is certain in a template: no action writes
   * a value on the way, no block of unknown content may add the keys, no
   * action writes a key there. Always true for a plain manifest.
   */
  certain(node: unknown, ...keys: (string | number)[]): boolean {
    const document = this.ctx.document;
    let current = resolveNode(this.doc, node);
    for (const key of keys) {
      if (current === null) return true;
      if (isUnknownValue(document, current) || mayHaveMoreContent(document, current)) return false;
      if (isMap(current) && current.items.some((p) => isUnknownKey(document, p))) return false;
      const pair = typeof key === 'string' ? getPair(this.doc, current, key) : undefined;
      if (pair && mayHaveMoreContent(document, pair)) return false;
      current = typeof key === 'string' ? resolveNode(this.doc, pair?.value ?? null) : getIn(this.doc, current, key);
    }
    return current === null || (!isUnknownValue(document, current) && !mayHaveMoreContent(document, current));
  }

  /** The field is certainly not there (absent, and no template action may write it). */
  absent(node: unknown, ...keys: (string | number)[]): boolean {
    return this.get(node, ...keys) === null && this.certain(node, ...keys);
  }

  /** No template action writes any part of the node (always true for a plain manifest). */
  fullyKnown(node: unknown): boolean {
    return isFullyKnown(this.ctx.document, resolveNode(this.doc, node));
  }

  /** Two nodes in different branches of one `if`/`else` of a template: never rendered together. */
  exclusive(a: unknown, b: unknown): boolean {
    const ra = (a as YamlNode | null | undefined)?.range;
    const rb = (b as YamlNode | null | undefined)?.range;
    return !!ra && !!rb && inExclusiveBranches(this.ctx.document, ra[0], rb[0]);
  }

  /** Every container of the pod (regular, init, ephemeral), in that order. */
  containers(): readonly ContainerNode[] {
    if (this.allContainers) return this.allContainers;
    const out: ContainerNode[] = [];
    for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
      this.items(this.get(this.podSpec, list)).forEach((node, index) => {
        if (node && isMap(node)) out.push({ node, list, index });
      });
    }
    this.allContainers = out;
    return out;
  }

  /** The pod's volumes by name; undefined when a template action may add volumes or write their names. */
  volumes(): Map<string, YamlNode> | undefined {
    const out = new Map<string, YamlNode>();
    let complete = this.certain(this.podSpec, 'volumes');
    for (const volume of this.items(this.get(this.podSpec, 'volumes'))) {
      const nameNode = this.get(volume, 'name');
      const name = this.text(nameNode);
      if (name === undefined) complete &&= nameNode === null;
      else if (volume && !out.has(name)) out.set(name, volume);
    }
    return complete ? out : undefined;
  }

  /** The key node of a field (to underline the key), else the value, else the parent. */
  keyOf(node: unknown, key: string): YamlNode | null {
    const pair = this.pair(node, key);
    return (pair?.key as YamlNode | undefined) ?? (resolveNode(this.doc, node));
  }

  report(code: string, severity: Severity, message: string, node: unknown, fixes?: QuickFix[]): void {
    this.ctx.report({ code, severity, message, node: (node as YamlNode | null | undefined) ?? this.root, fixes });
  }
}
