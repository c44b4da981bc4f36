/**
 * A DaemonSet document seen by the pod rules: handy access to the pod spec,
 * its containers and volumes as YAML nodes (so findings sit on the exact key
 * or value), with reports that say which key they are about.
 */
import type { Node as YamlNode, Pair } from 'yaml';
import { isMap, isPair, isScalar } from 'yaml';
import { keyName, writtenString } from '../../yamlModel';
import type { QuickFix, RuleContext, Severity } from '../types';
import { getIn, getPair, resolveNode, seqItems } from '../yamlAst';

export interface ContainerNode {
  node: YamlNode;
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  list: string;
  index: number;
}

export class PodContext {
  readonly doc;
  readonly root: YamlNode | null;
  readonly podSpec: YamlNode | null;
  constructor(readonly ctx: RuleContext) {
    this.doc = ctx.document.doc;
    this.root = this.doc.contents;
    this.podSpec = getIn(this.doc, this.root, 'spec', 'template', 'spec');
  }

  get(node: unknown, ...keys: (string | number)[]): YamlNode | null {
    return getIn(this.doc, node, ...keys);
  }

  pair(node: unknown, key: string): Pair | undefined {
    return getPair(this.doc, node, key);
  }

  items(node: unknown): Array<YamlNode | null> {
    return seqItems(this.doc, node);
  }

  /** The entries of a map node (own keys), each with its key node and value. */
  entries(node: unknown): Array<{ key: string; keyNode: YamlNode; value: YamlNode | null }> {
    const map = resolveNode(this.doc, node);
    if (!isMap(map)) return [];
    return map.items.flatMap((pair) => {
      const key = isPair(pair) ? keyName(pair) : undefined;
      return key === undefined ? [] : [{ key, keyNode: pair.key as YamlNode, value: resolveNode(this.doc, pair.value) }];
    });
  }

  /** A scalar's value as a string (numbers and booleans as written: the schema rule reports their type), else undefined. */
  text(node: unknown): string | undefined {
    return writtenString(resolveNode(this.doc, node));
  }

  number(node: unknown): number | undefined {
    const resolved = resolveNode(this.doc, node);
    return isScalar(resolved) && typeof resolved.value === 'number' ? resolved.value : undefined;
  }

  bool(node: unknown): boolean | undefined {
    const resolved = resolveNode(this.doc, node);
    return isScalar(resolved) && typeof resolved.value === 'boolean' ? resolved.value : undefined;
  }

  /** Every container of the pod (regular, init, ephemeral), in that order. */
  containers(): ContainerNode[] {
    const out: ContainerNode[] = [];
    for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
      this.items(this.get(this.podSpec, list)).forEach((node, index) => {
        if (node && isMap(node)) out.push({ node, list, index });
      });
    }
    return out;
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
