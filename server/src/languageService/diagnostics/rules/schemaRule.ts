/**
 * Checks a document against the API model at every depth, as the API server's
 * strict decoding does (kubectl's default field validation is Strict): unknown
 * and duplicate fields, types, enum values, quantities and required fields.
 */
import type { Node as YamlNode, Pair } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { ApiModel, ApiObject, ApiType } from '../../apiModel';
import { typeLabel } from '../../apiModel';
import { resolveTargetVersion } from '../../apiModel/versions';
import { describeLength, INT64_MAX, shortQuantityText } from '../../../placement/quantity';
import { formatPath, goYamlScalarOf, inExclusiveBranches, isUnknownKey, isUnknownValue, keyName, mayHaveMoreContent } from '../../yamlModel';
import { closest, containing } from '../didYouMean';
import type { DocumentRule, QuickFix, RuleContext } from '../types';
import { mapPairs, resolveNode, scalarKind, scalarQuantity, stringValue } from '../yamlAst';
import { fieldIndex } from './fieldIndex';
import { removePairFix } from './fixes';
import { VERSION_RULE_DOCS, checkFieldVersion } from './versionCheck';

/**
 * Required by the validation code though the OpenAPI text calls them optional:
 * a container's image (validateContainers); a DaemonSet without `spec` or a
 * template without `spec` fails on the selector and containers they would hold.
 */
const EXTRA_REQUIRED: Record<string, string[]> = { Container: ['image'], DaemonSet: ['metadata', 'spec'], PodTemplateSpec: ['spec'], PriorityClass: ['metadata'] };

/**
 * Marked required in the OpenAPI text but not enforced by the validation code
 * (a header's value may be empty, a sleep of 0 seconds is allowed, a preferred
 * term without preference matches every node, a sysctl's value is free), or
 * in a projection the API server drops before validating it while its feature
 * gate is off by default (1.35: ClusterTrustBundleProjection and
 * PodCertificateRequest, dropDisabled…Projection).
 */
const NOT_ENFORCED: Record<string, string[]> = { HTTPHeader: ['value'], Sysctl: ['value'], SleepAction: ['seconds'], PreferredSchedulingTerm: ['preference'], ClusterTrustBundleProjection: ['path'], PodCertificateProjection: ['keyType', 'signerName'] };

/** Checked by the apiVersion rule (apiVersion) or known to be right (kind: the document was picked by it). */
const TOP_LEVEL_HANDLED = new Set(['apiVersion', 'kind']);

/**
 * Fields whose model enum only names the root document's own value (checked
 * elsewhere), or that the API server drops before validating them
 * (lifecycle.stopSignal: ContainerStopSignals is alpha and off in 1.35); an
 * empty string is never an enum error either (defaulted or unset).
 */
const SKIP_ENUM_CHECK = new Set(['apiVersion', 'kind', 'stopSignal']);

/** Bound on visited nodes per document: alias bombs expand exponentially. */
const NODE_BUDGET = 200_000;

interface Walk {
  ctx: RuleContext;
  model: ApiModel;
  root: string;
  budget: number;
  /** The Kubernetes version the document is checked against. */
  target: string;
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
    { code: 'quantity-out-of-range', defaultSeverity: 'warning', description: 'A quantity the API server stores but the scheduler and kubelet cannot count (beyond 2^63-1 millis).' },
    { code: 'missing-required', wholeObject: true, defaultSeverity: 'error', description: 'A required field is missing (selector, template, containers, container name and image, …).' },
    { code: 'yaml-too-complex', defaultSeverity: 'warning', description: 'The document expands to too many nodes (an alias bomb?); validation stopped.' },
    ...VERSION_RULE_DOCS,
  ],
  check(ctx) {
    const kind = ctx.document.kind;
    const root = kind ? ctx.model.roots[kind] : undefined;
    if (!root) return;
    const target = resolveTargetVersion(ctx.model, ctx.options.kubernetesVersion).version;
    const walk: Walk = { ctx, model: ctx.model, root, budget: NODE_BUDGET, target };
    checkNode(walk, ctx.document.doc.contents, { kind: 'object', ref: root }, [], undefined);
  },
};

function checkNode(walk: Walk, raw: YamlNode | null, type: ApiType, path: (string | number)[], pair: Pair | undefined): void {
  if (--walk.budget === 0) {
    walk.ctx.report({ code: 'yaml-too-complex', severity: 'warning', message: 'This document expands to too many nodes (aliases?); validation stopped here: write the repeated parts out, or use fewer nested aliases', node: raw });
  }
  if (walk.budget <= 0) return;
  const node = resolveNode(walk.ctx.document.doc, raw);
  const at = isAlias(raw) ? raw : node;
  if (node === null || scalarKind(node) === 'null') return; // null decodes to the zero value: accepted
  if (isUnknownValue(walk.ctx.document, node)) return; // a template action writes it: known only once rendered
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
      if (!isMap(node)) return typeError(walk, at, `expected an object (${type.ref}): write its fields as \`key: value\` lines indented under it`, path);
      if (definition) checkObject(walk, node, definition, path, pair);
      return;
    }
    case 'array':
      if (!isSeq(node)) return typeError(walk, at, `expected a list (${typeLabel(type)})${isMap(node) ? ': start each item with `- `' : ''}`, path);
      node.items.forEach((item, i) => checkNode(walk, item as YamlNode | null, type.items, [...path, i], undefined));
      return;
    case 'map':
      if (!isMap(node)) return typeError(walk, at, `expected a map of ${typeLabel(type.values)}: write its entries as \`key: value\` lines indented under it`, path);
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
    if (name === undefined || isUnknownKey(ctx.document, p)) continue;
    seen.set(name, p);
    const field = definition.fields[name];
    if (!field && ctx.partial && name.startsWith('$') && checkPatchDirective(walk, p, name, definition, path)) continue;
    if (!field) {
      reportUnknown(walk, p, name, definition, path);
      continue;
    }
    if (path.length === 0 && TOP_LEVEL_HANDLED.has(name)) continue;
    // A field the target version lacks is reported once, at its key: what is below it does not exist there either.
    if (!checkFieldVersion(ctx, p, field, walk.target)) continue;
    checkNode(walk, p.value as YamlNode | null, field.type, [...path, name], p);
  }
  for (const p of merged) {
    const name = keyName(p);
    if (name === undefined || seen.has(name)) continue;
    seen.set(name, p);
    if (definition.fields[name]) checkNode(walk, p.value as YamlNode | null, definition.fields[name].type, [...path, name], p);
  }
  // `status` is written by controllers and ignored on create: nothing is required there;
  // nor in a strategic-merge patch, whose object is whole only once merged onto its base.
  let required = path[0] === 'status' || ctx.partial ? [] : [...requiredFields(definition)];
  // extensions/v1beta1 defaulted a DaemonSet's selector from its template's labels
  // (SetDefaults_DaemonSet of that API): what is wrong there is the removed apiVersion, reported as such.
  if (path.length === 1 && path[0] === 'spec' && ctx.document.kind === 'DaemonSet' && ctx.document.apiVersion === 'extensions/v1beta1') required = required.filter((name) => name !== 'selector');
  // The object's name (generateName is the alternative `kubectl create` accepts).
  if (path.length === 1 && path[0] === 'metadata' && !seen.has('generateName')) required.push('name');
  // A template may write the missing field: a block of unknown content in the map, a key an action names.
  const mayHaveMore = mayHaveMoreContent(ctx.document, node) || written.some((p) => isUnknownKey(ctx.document, p));
  for (const name of required) {
    if (path.length === 0 && TOP_LEVEL_HANDLED.has(name)) continue;
    const present = seen.get(name);
    const empty = present && isEmptyValue(walk, present.value) && !mayHaveMoreContent(ctx.document, present);
    if (present && !empty) continue;
    if (!present && mayHaveMore) continue;
    // Underline the key that owns the incomplete object (or its first key for a list item), not the whole block.
    const anchor = present ? present.key : (parentPair?.key ?? firstKey(node) ?? node);
    const message = present
      ? `\`${formatPath([...path, name])}\` is required and may not be empty: give it a value`
      : `missing required field \`${name}\`${path.length ? ` in ${formatPath(path)}` : ''}: add it`;
    ctx.report({ code: 'missing-required', severity: 'error', message, node: anchor as YamlNode });
  }
}

/**
 * The pairs kubectl keeps: with a key written twice, go-yaml keeps the last
 * value and the API server never sees the earlier one (accepted, so a
 * warning on the dropped key).
 */
function lastWins(walk: Walk, pairs: Pair[]): Pair[] {
  const document = walk.ctx.document;
  // Keys an action writes are not duplicates of anything (their masked text may coincide).
  const named = (p: Pair) => (isUnknownKey(document, p) ? undefined : keyName(p));
  const last = new Map<string, Pair>();
  for (const p of pairs) {
    const name = named(p);
    if (name !== undefined) last.set(name, p);
  }
  if (last.size === pairs.length) return pairs;
  const kept: Pair[] = [];
  for (const p of pairs) {
    const name = named(p);
    const winner = name === undefined ? p : last.get(name);
    // Written in two branches of a template's if/else: only one of them is ever rendered.
    if (winner === p || (winner && inExclusiveBranches(document, (p.key as YamlNode).range?.[0] ?? -1, (winner.key as YamlNode).range?.[0] ?? -1))) {
      kept.push(p);
      continue;
    }
    const at = winner?.key ? (winner.key as YamlNode).range?.[0] : undefined;
    const head = `duplicate key \`${name}\`: kubectl keeps only the last one`;
    const tail = ' and silently drops this value; remove one of the two';
    walk.ctx.report({
      code: 'duplicate-key',
      severity: 'warning',
      message: at === undefined ? head + tail : { parts: [`${head} (line `, `)${tail}`], offsets: [walk.ctx.document.start + at] },
      node: p.key as YamlNode,
    });
  }
  return kept;
}


const requiredOf = new WeakMap<ApiObject, readonly string[]>();

/** The fields a definition requires (worked out once per definition: every object of every document asks). */
function requiredFields(definition: ApiObject): readonly string[] {
  let required = requiredOf.get(definition);
  if (!required) {
    const skipped = NOT_ENFORCED[definition.name] ?? [];
    const fromModel = Object.values(definition.fields).filter((f) => f.required && !skipped.includes(f.name)).map((f) => f.name);
    required = [...fromModel, ...(EXTRA_REQUIRED[definition.name] ?? [])];
    requiredOf.set(definition, required);
  }
  return required;
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
      message: 'a DaemonSet has no `replicas`: remove it; a DaemonSet runs one pod on every eligible node (choose the nodes with nodeSelector, affinity and tolerations)',
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
    hint = `; did you mean \`${suggestion}\`? Rename it, or remove it`;
    fixes.push(...[rename(suggestion, true)].filter((fix) => fix !== undefined));
  } else if (related.length) {
    hint = `; did you mean ${related.map((field) => `\`${field}\``).join(' or ')}? Rename it, or remove it`;
    fixes.push(...related.map((field) => rename(field, false)).filter((fix) => fix !== undefined));
  } else {
    const elsewhere = fieldIndex(walk.model, walk.root).get(name);
    hint = elsewhere ? `; \`${name}\` belongs under ${elsewhere}: move it there` : ': remove it, or correct its name';
  }
  ctx.report({ code: 'unknown-field', severity: 'error', message: `unknown field \`${name}\` in ${path.length ? formatPath(path) : 'the top level'} (${definition.name})${hint}`, node: keyNode, fixes });
}

function typeError(walk: Walk, node: YamlNode | null, message: string, path: (string | number)[], fixes?: QuickFix[]): void {
  walk.ctx.report({ code: 'invalid-type', severity: 'error', message: `${formatPath(path)}: ${message}`, node, fixes });
}

/** The numbers an int32 and an int64 Go field take. */
const INT_RANGE = {
  int32: { min: -(2n ** 31n), max: 2n ** 31n - 1n },
  int64: { min: -(2n ** 63n), max: 2n ** 63n - 1n },
};

function checkScalar(walk: Walk, at: YamlNode, node: YamlNode, type: ApiType, path: (string | number)[]): void {
  const kind = scalarKind(node);
  const shown = isScalar(node) ? (node.source ?? String(node.value)) : '';
  if (kind === undefined) {
    const what = isSeq(node) ? 'a list' : 'an object';
    return typeError(walk, at, `expected ${typeLabel(type)}, got ${what}: write a single value after the key instead`, path);
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
          message: `${formatPath(path)}: unsupported value "${value}": use one of ${type.enum.map((v) => `"${v}"`).join(', ')}`,
          node: at,
          fixes: suggestion ? [{ title: `Change to \`${suggestion}\``, isPreferred: true, edits: [replaceEdit(walk, node, suggestion)] }] : undefined,
        });
      }
      return;
    }
    case 'integer': {
      if (kind !== 'integer') return typeError(walk, at, `expected an integer, got ${describe(kind, shown)}: write a whole number without quotes`, path);
      // JSON decoding into the Go field refuses a number beyond its width ("cannot unmarshal number … of type int32").
      const width = type.format ? INT_RANGE[type.format] : undefined;
      const exact = goYamlScalarOf(node)?.value;
      const value = typeof exact === 'bigint' || typeof exact === 'number' ? BigInt(exact) : undefined;
      if (width && value !== undefined && (value < width.min || value > width.max)) {
        return typeError(walk, at, `${shown} does not fit the field's ${type.format} (kubectl fails: "cannot unmarshal number ${value} … of type ${type.format}"): use a number from ${width.min} to ${width.max}`, path);
      }
      return;
    }
    case 'number':
      if (kind !== 'integer' && kind !== 'float') return typeError(walk, at, `expected a number, got ${describe(kind, shown)}: write a number without quotes`, path);
      return;
    case 'boolean':
      if (kind !== 'boolean') return typeError(walk, at, `expected a boolean (true or false), got ${describe(kind, shown)}: write true or false without quotes`, path);
      return;
    case 'intOrString':
      if (kind === 'boolean' || kind === 'float') return typeError(walk, at, `expected an integer or a string, got ${describe(kind, shown)}: write a whole number, or quote the text`, path);
      return;
    case 'quantity': {
      if (kind === 'boolean') return typeError(walk, at, `expected a quantity, got the boolean ${shown}: write a quantity such as 500m, 2, 128Mi or 1.5Gi`, path);
      const value = (node as { value: unknown }).value;
      const text = kind === 'string' ? (stringValue(node) ?? '') : ((node as { source?: string }).source ?? String(value));
      // Quantity.UnmarshalJSON trims surrounding spaces before parsing; inner ones are rejected.
      const quantity = scalarQuantity(node);
      if (!quantity) {
        walk.ctx.report({ code: 'invalid-quantity', severity: 'error', message: `${formatPath(path)}: "${shortQuantityText(text)}" is not a valid quantity: write a number with an optional suffix and no space, such as 500m, 2, 128Mi or 1.5Gi`, node: at });
      } else if (quantity.beyondInt64) {
        walk.ctx.report({
          code: 'quantity-out-of-range',
          severity: 'warning',
          message: `${formatPath(path)}: ${describeLength(quantity.text)} is more than the scheduler and the kubelet can count (they read quantities as 64-bit integers of millis, at most ${INT64_MAX} m): they see a wrapped-around amount; use a smaller quantity`,
          node: at,
        });
      }
      return;
    }
  }
}

/** The directives of a strategic-merge patch (k8s.io/apimachinery/pkg/util/strategicpatch). */
const PATCH_VALUES = ['replace', 'merge', 'delete'];

/**
 * A `$…` key of a strategic-merge patch: `$patch`, `$retainKeys`,
 * `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`. Returns false
 * when the key is no directive (then it is an unknown field like any other).
 */
function checkPatchDirective(walk: Walk, p: Pair, name: string, definition: ApiObject, path: (string | number)[]): boolean {
  const { ctx } = walk;
  const value = resolveNode(ctx.document.doc, p.value);
  const at = [...path, name];
  if (name === '$patch') {
    const text = stringValue(value);
    if (text === undefined || !PATCH_VALUES.includes(text)) {
      ctx.report({ code: 'invalid-enum', severity: 'error', message: `${formatPath(at)}: unsupported value "${text ?? ''}": use one of ${PATCH_VALUES.map((v) => `"${v}"`).join(', ')}`, node: value ?? (p.key as YamlNode) });
    }
    return true;
  }
  const listDirective = /^\$(setElementOrder|deleteFromPrimitiveList)\/(.+)$/.exec(name);
  if (name === '$retainKeys' || listDirective) {
    if (!isSeq(value)) {
      typeError(walk, value ?? (p.key as YamlNode), 'expected a list: start each item with `- `', at);
      return true;
    }
    if (listDirective) {
      const field = definition.fields[listDirective[2]];
      if (!field || field.type.kind !== 'array') {
        ctx.report({ code: 'unknown-field', severity: 'error', message: `${name}: \`${listDirective[2]}\` is not a list of ${definition.name}; write a list field's name after the \`/\``, node: p.key as YamlNode });
      }
      return true;
    }
    for (const item of value.items) {
      const key = stringValue(resolveNode(ctx.document.doc, item));
      if (key !== undefined && !definition.fields[key]) ctx.report({ code: 'unknown-field', severity: 'error', message: `$retainKeys: \`${key}\` is not a field of ${definition.name}; remove it, or correct its name`, node: item as YamlNode });
    }
    return true;
  }
  return false;
}

/**
 * Checks a value against a type of the model, as the schema rule checks a
 * document (for the `value` of a JSON patch operation, say).
 */
export function checkValue(ctx: RuleContext, node: YamlNode | null, type: ApiType, path: (string | number)[], root: string): void {
  checkNode({ ctx, model: ctx.model, root, budget: NODE_BUDGET, target: resolveTargetVersion(ctx.model, ctx.options.kubernetesVersion).version }, node, type, path, undefined);
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
