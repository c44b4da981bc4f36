/**
 * Checks a document against the API model at every depth, as the API server's
 * strict decoding does (kubectl's default field validation is Strict): unknown
 * and duplicate fields, types, enum values, quantities and required fields.
 */
import type { Node as YamlNode, Pair } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { ApiModel, ApiObject, ApiType } from '../../apiModel';
import { typeLabel } from '../../apiModel';
import { parseQuantity } from '../../../placement/quantity';
import { formatPath, keyName } from '../../yamlModel';
import { closest, containing } from '../didYouMean';
import type { DocumentRule, QuickFix, RuleContext } from '../types';
import { mapPairs, resolveNode, scalarKind, stringValue } from '../yamlAst';
import { fieldIndex } from './fieldIndex';
import { removePairFix } from './fixes';

/**
 * Required by the validation code though the OpenAPI text calls them optional:
 * a container's image (validateContainers); a DaemonSet without `spec` or a
 * template without `spec` fails on the selector and containers they would hold.
 */
const EXTRA_REQUIRED: Record<string, string[]> = { Container: ['image'], DaemonSet: ['metadata', 'spec'], PodTemplateSpec: ['spec'], PriorityClass: ['metadata'] };

/**
 * Marked required in the OpenAPI text but not enforced by the validation code
 * (a header's value may be empty, a sleep of 0 seconds is allowed, a preferred
 * term without preference matches every node, a sysctl's value is free).
 */
const NOT_ENFORCED: Record<string, string[]> = { HTTPHeader: ['value'], Sysctl: ['value'], SleepAction: ['seconds'], PreferredSchedulingTerm: ['preference'] };

/** Checked by the apiVersion rule (apiVersion) or known to be right (kind: the document was picked by it). */
const TOP_LEVEL_HANDLED = new Set(['apiVersion', 'kind']);

/** Fields whose model enum only names the root document's own value (checked elsewhere); an empty string is never an enum error either (defaulted or unset). */
const SKIP_ENUM_CHECK = new Set(['apiVersion', 'kind']);

/** Bound on visited nodes per document: alias bombs expand exponentially. */
const NODE_BUDGET = 200_000;

interface Walk {
  ctx: RuleContext;
  model: ApiModel;
  root: string;
  budget: number;
}

export const schemaRule: DocumentRule = {
  kinds: ['DaemonSet', 'PriorityClass'],
  codes: [
    { code: 'unknown-field', defaultSeverity: 'error', description: 'A field the API does not have at that place (strict field validation, kubectl\'s default), with a did-you-mean.' },
    { code: 'daemonset-replicas', defaultSeverity: 'error', description: '`replicas` in a DaemonSet spec: a DaemonSet runs one pod per eligible node.' },
    { code: 'duplicate-key', defaultSeverity: 'warning', description: 'The same key twice in one mapping: kubectl keeps the last one and silently drops the earlier value.' },
    { code: 'invalid-type', defaultSeverity: 'error', description: 'A value of the wrong type: a number or boolean where a string is required (quote it), a string where an integer is required, an object where a list is required, `.inf` or `.nan` (JSON cannot carry them), ….' },
    { code: 'invalid-enum', defaultSeverity: 'error', description: 'A value outside the field\'s allowed values.' },
    { code: 'invalid-quantity', defaultSeverity: 'error', description: 'A resource quantity the API server cannot parse (`1.5 Gi`, `abc`).' },
    { code: 'missing-required', defaultSeverity: 'error', description: 'A required field is missing (selector, template, containers, container name and image, …).' },
    { code: 'yaml-too-complex', defaultSeverity: 'warning', description: 'The document expands to too many nodes (an alias bomb?); validation stopped.' },
  ],
  check(ctx) {
    const kind = ctx.document.kind;
    const root = kind ? ctx.model.roots[kind] : undefined;
    if (!root) return;
    const walk: Walk = { ctx, model: ctx.model, root, budget: NODE_BUDGET };
    checkNode(walk, ctx.document.doc.contents, { kind: 'object', ref: root }, [], undefined);
  },
};

function checkNode(walk: Walk, raw: YamlNode | null, type: ApiType, path: (string | number)[], pair: Pair | undefined): void {
  if (--walk.budget === 0) {
    walk.ctx.report({ code: 'yaml-too-complex', severity: 'warning', message: 'This document expands to too many nodes (aliases?); validation stopped here.', node: raw });
  }
  if (walk.budget <= 0) return;
  const node = resolveNode(walk.ctx.document.doc, raw);
  const at = isAlias(raw) ? raw : node;
  if (node === null || scalarKind(node) === 'null') return; // null decodes to the zero value: accepted
  if (isScalar(node) && typeof node.value === 'number' && !Number.isFinite(node.value)) {
    // sigs.k8s.io/yaml turns the YAML into JSON with encoding/json, which refuses NaN and ±Inf.
    const shown = node.source ?? String(node.value);
    return typeError(walk, at, `${shown} is a float JSON cannot carry (kubectl fails: "json: unsupported value"); quote it if text is meant`, path, [quoteFix(walk, node, shown)]);
  }
  switch (type.kind) {
    case 'any':
      return;
    case 'object': {
      const definition = walk.model.definitions[type.ref];
      if (!isMap(node)) return typeError(walk, at, `expected an object (${type.ref})`, path);
      if (definition) checkObject(walk, node, definition, path, pair);
      return;
    }
    case 'array':
      if (!isSeq(node)) return typeError(walk, at, `expected a list (${typeLabel(type)})${isMap(node) ? ': start each item with `- `' : ''}`, path);
      node.items.forEach((item, i) => checkNode(walk, item as YamlNode | null, type.items, [...path, i], undefined));
      return;
    case 'map':
      if (!isMap(node)) return typeError(walk, at, `expected a map of ${typeLabel(type.values)}`, path);
      for (const p of lastWins(walk, mapPairs(walk.ctx.document.doc, node).own)) {
        const name = keyName(p);
        checkNode(walk, p.value as YamlNode | null, type.values, [...path, name ?? '?'], p);
      }
      return;
    default:
      checkScalar(walk, at ?? node, node, type, path);
  }
}

function checkObject(walk: Walk, node: YamlNode & { items: unknown[] }, definition: ApiObject, path: (string | number)[], parentPair: Pair | undefined): void {
  const { ctx } = walk;
  const { own: written, merged } = mapPairs(ctx.document.doc, node as never);
  const own = lastWins(walk, written);
  const seen = new Map<string, Pair>();
  for (const p of own) {
    const name = keyName(p);
    if (name === undefined) continue;
    seen.set(name, p);
    const field = definition.fields[name];
    if (!field) {
      reportUnknown(walk, p, name, definition, path);
      continue;
    }
    if (path.length === 0 && TOP_LEVEL_HANDLED.has(name)) continue;
    checkNode(walk, p.value as YamlNode | null, field.type, [...path, name], p);
  }
  for (const p of merged) {
    const name = keyName(p);
    if (name === undefined || seen.has(name)) continue;
    seen.set(name, p);
    if (definition.fields[name]) checkNode(walk, p.value as YamlNode | null, definition.fields[name].type, [...path, name], p);
  }
  // `status` is written by controllers and ignored on create: nothing is required there.
  const required = path[0] === 'status' ? [] : requiredFields(definition);
  // The object's name (generateName is the alternative `kubectl create` accepts).
  if (path.length === 1 && path[0] === 'metadata' && !seen.has('generateName')) required.push('name');
  for (const name of required) {
    if (path.length === 0 && TOP_LEVEL_HANDLED.has(name)) continue;
    const present = seen.get(name);
    const empty = present && isEmptyValue(walk, present.value);
    if (present && !empty) continue;
    // Underline the key that owns the incomplete object (or its first key for a list item), not the whole block.
    const anchor = present ? present.key : (parentPair?.key ?? firstKey(node) ?? node);
    const message = present
      ? `\`${formatPath([...path, name])}\` is required and may not be empty`
      : `missing required field \`${name}\`${path.length ? ` in ${formatPath(path)}` : ''}`;
    ctx.report({ code: 'missing-required', severity: 'error', message, node: anchor as YamlNode });
  }
}

/**
 * The pairs kubectl keeps: with a key written twice, go-yaml keeps the last
 * value and the API server never sees the earlier one (accepted, so a
 * warning on the dropped key).
 */
function lastWins(walk: Walk, pairs: Pair[]): Pair[] {
  const last = new Map<string, Pair>();
  for (const p of pairs) {
    const name = keyName(p);
    if (name !== undefined) last.set(name, p);
  }
  if (last.size === pairs.length) return pairs;
  const kept: Pair[] = [];
  for (const p of pairs) {
    const name = keyName(p);
    const winner = name === undefined ? p : last.get(name);
    if (winner === p) {
      kept.push(p);
      continue;
    }
    const line = winner ? lineOf(walk, winner.key as YamlNode) : undefined;
    walk.ctx.report({
      code: 'duplicate-key',
      severity: 'warning',
      message: `duplicate key \`${name}\`: kubectl keeps only the last one${line ? ` (line ${line})` : ''} and silently drops this value`,
      node: p.key as YamlNode,
    });
  }
  return kept;
}

function lineOf(walk: Walk, node: YamlNode): number | undefined {
  const range = node.range;
  return range ? walk.ctx.file.lineIndex.positionAt(walk.ctx.document.start + range[0]).line + 1 : undefined;
}

function requiredFields(definition: ApiObject): string[] {
  const skipped = NOT_ENFORCED[definition.name] ?? [];
  const fromModel = Object.values(definition.fields).filter((f) => f.required && !skipped.includes(f.name)).map((f) => f.name);
  return [...fromModel, ...(EXTRA_REQUIRED[definition.name] ?? [])];
}

function firstKey(node: YamlNode & { items: unknown[] }): YamlNode | undefined {
  const first = node.items[0] as Pair | undefined;
  return (first?.key as YamlNode | undefined) ?? undefined;
}

function isEmptyValue(walk: Walk, raw: unknown): boolean {
  const node = resolveNode(walk.ctx.document.doc, raw);
  if (node === null || scalarKind(node) === 'null') return true;
  if (isScalar(node) && node.value === '') return true;
  // `containers: []` fails like a missing list: the validation code wants at least one item.
  if (isSeq(node) && node.items.length === 0) return true;
  return false;
}

function reportUnknown(walk: Walk, p: Pair, name: string, definition: ApiObject, path: (string | number)[]): void {
  const { ctx } = walk;
  const keyNode = p.key as YamlNode;
  if (ctx.document.kind === 'DaemonSet' && name === 'replicas' && path.length === 1 && path[0] === 'spec') {
    ctx.report({
      code: 'daemonset-replicas',
      severity: 'error',
      message: 'a DaemonSet has no `replicas`: it runs one pod on every eligible node (choose the nodes with nodeSelector, affinity and tolerations)',
      node: keyNode,
      fixes: [removePairFix(ctx, p, 'Remove `replicas`')],
    });
    return;
  }
  const fields = Object.keys(definition.fields);
  const suggestion = closest(name, fields);
  // `port` in a container port: `containerPort` or `hostPort` is likelier than the probe's `port` elsewhere.
  const related = suggestion ? [] : containing(name, fields);
  const fixes: QuickFix[] = [];
  let hint = '';
  const range = keyNode.range;
  const rename = (to: string, isPreferred: boolean): QuickFix | undefined =>
    range ? { title: `Rename to \`${to}\``, isPreferred, edits: [{ start: ctx.document.start + range[0], end: ctx.document.start + range[1], newText: to }] } : undefined;
  if (suggestion) {
    hint = `; did you mean \`${suggestion}\`?`;
    fixes.push(...[rename(suggestion, true)].filter((fix) => fix !== undefined));
  } else if (related.length) {
    hint = `; did you mean ${related.map((field) => `\`${field}\``).join(' or ')}?`;
    fixes.push(...related.map((field) => rename(field, false)).filter((fix) => fix !== undefined));
  } else {
    const elsewhere = fieldIndex(walk.model, walk.root).get(name);
    if (elsewhere) hint = `; \`${name}\` belongs under ${elsewhere}`;
  }
  ctx.report({ code: 'unknown-field', severity: 'error', message: `unknown field \`${name}\` in ${path.length ? formatPath(path) : 'the top level'} (${definition.name})${hint}`, node: keyNode, fixes });
}

function typeError(walk: Walk, node: YamlNode | null, message: string, path: (string | number)[], fixes?: QuickFix[]): void {
  walk.ctx.report({ code: 'invalid-type', severity: 'error', message: `${formatPath(path)}: ${message}`, node, fixes });
}

function checkScalar(walk: Walk, at: YamlNode, node: YamlNode, type: ApiType, path: (string | number)[]): void {
  const kind = scalarKind(node);
  const shown = isScalar(node) ? (node.source ?? String(node.value)) : '';
  if (kind === undefined) {
    const what = isSeq(node) ? 'a list' : 'an object';
    return typeError(walk, at, `expected ${typeLabel(type)}, got ${what}`, path);
  }
  switch (type.kind) {
    case 'string': {
      if (kind === 'integer' || kind === 'float' || kind === 'boolean') {
        return typeError(walk, at, `expected a string, got the ${kind === 'boolean' ? 'boolean' : 'number'} ${shown}: quote it ("${shown}")`, path, [quoteFix(walk, node, shown)]);
      }
      const value = stringValue(node) ?? '';
      const last = path[path.length - 1];
      if (type.enum && value !== '' && !type.enum.includes(value) && !(typeof last === 'string' && SKIP_ENUM_CHECK.has(last))) {
        const suggestion = closest(value, type.enum);
        walk.ctx.report({
          code: 'invalid-enum',
          severity: 'error',
          message: `${formatPath(path)}: unsupported value "${value}": supported values: ${type.enum.map((v) => `"${v}"`).join(', ')}`,
          node: at,
          fixes: suggestion ? [{ title: `Change to \`${suggestion}\``, isPreferred: true, edits: [replaceEdit(walk, node, suggestion)] }] : undefined,
        });
      }
      return;
    }
    case 'integer':
      if (kind !== 'integer') return typeError(walk, at, `expected an integer, got ${describe(kind, shown)}`, path);
      return;
    case 'number':
      if (kind !== 'integer' && kind !== 'float') return typeError(walk, at, `expected a number, got ${describe(kind, shown)}`, path);
      return;
    case 'boolean':
      if (kind !== 'boolean') return typeError(walk, at, `expected a boolean (true or false), got ${describe(kind, shown)}`, path);
      return;
    case 'intOrString':
      if (kind === 'boolean' || kind === 'float') return typeError(walk, at, `expected an integer or a string, got ${describe(kind, shown)}`, path);
      return;
    case 'quantity': {
      if (kind === 'boolean') return typeError(walk, at, `expected a quantity, got the boolean ${shown}`, path);
      const value = (node as { value: unknown }).value;
      const text = kind === 'string' ? (stringValue(node) ?? '') : ((node as { source?: string }).source ?? String(value));
      // Quantity.UnmarshalJSON trims surrounding spaces before parsing; inner ones are rejected.
      if (!parseQuantity(kind === 'string' ? text.trim() : (value as number | bigint))) {
        walk.ctx.report({ code: 'invalid-quantity', severity: 'error', message: `${formatPath(path)}: "${text}" is not a valid quantity (e.g. 500m, 2, 128Mi, 1.5Gi)`, node: at });
      }
      return;
    }
  }
}

function describe(kind: string, shown: string): string {
  if (kind === 'string') return `the string "${shown.replace(/^["']|["']$/g, '')}"`;
  if (kind === 'float') return `the number ${shown}`;
  return `${kind === 'boolean' ? 'the boolean' : 'the number'} ${shown}`;
}

function replaceEdit(walk: Walk, node: YamlNode, newText: string) {
  const range = node.range ?? [0, 0, 0];
  return { start: walk.ctx.document.start + range[0], end: walk.ctx.document.start + range[1], newText };
}

function quoteFix(walk: Walk, node: YamlNode, shown: string): QuickFix {
  return { title: `Quote the value: "${shown}"`, isPreferred: true, edits: [replaceEdit(walk, node, `"${shown}"`)] };
}
