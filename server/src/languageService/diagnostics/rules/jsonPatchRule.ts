/**
 * A JSON 6902 patch file of a Kustomize overlay: a list of operations
 * (`op`, `path`, and `value` or `from`). Checked as Kustomize's JSON patch
 * library reads it (RFC 6902) and, when the target kind is known, each path
 * against the API model and each value against the field's type.
 */
import type { Node as YamlNode } from 'yaml';
import { isMap, isSeq } from 'yaml';
import type { ApiType } from '../../apiModel';
import { objectAt } from '../../apiModel';
import { keyName } from '../../yamlModel';
import type { DocumentRule, RuleContext } from '../types';
import { getPair, mapPairs, resolveNode, stringValue } from '../yamlAst';
import { checkValue } from './schemaRule';

const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];
const NEEDS_VALUE = new Set(['add', 'replace', 'test']);
const NEEDS_FROM = new Set(['move', 'copy']);
const MEMBERS = new Set(['op', 'path', 'value', 'from']);

export const jsonPatchRule: DocumentRule = {
  kinds: [],
  codes: [{ code: 'invalid-json-patch', defaultSeverity: 'error', description: 'A JSON 6902 patch of a Kustomize overlay that cannot be applied: not a list of operations, an unknown `op`, a `path` that is no JSON pointer, a missing `value` or `from`.' }],
  check(ctx) {
    const { doc } = ctx.document;
    const root = resolveNode(doc, doc.contents);
    if (root === null) return;
    if (!isSeq(root)) {
      ctx.report({ code: 'invalid-json-patch', severity: 'error', message: 'a JSON patch is a list of operations: write each as `- op: add`, `path: /spec/…`, `value: …`', node: root });
      return;
    }
    for (const item of root.items) checkOperation(ctx, resolveNode(doc, item));
  },
};

function checkOperation(ctx: RuleContext, item: YamlNode | null): void {
  const { doc } = ctx.document;
  const report = (message: string, node: YamlNode | null | undefined) => ctx.report({ code: 'invalid-json-patch', severity: 'error', message, node: node ?? item });
  if (!isMap(item)) return report('an operation is a mapping with `op` and `path`: write it as `- op: …` with `path: …`', item);
  for (const pair of mapPairs(doc, item).own) {
    const name = keyName(pair);
    if (name !== undefined && !MEMBERS.has(name)) ctx.report({ code: 'invalid-json-patch', severity: 'warning', message: `\`${name}\` is not a member of a JSON patch operation (op, path, value, from): it is ignored; remove it, or correct its name`, node: pair.key as YamlNode });
  }
  const opNode = resolveNode(doc, getPair(doc, item, 'op')?.value);
  const op = opNode ? stringValue(opNode) : undefined;
  if (op === undefined) return report('missing `op`: add one of add, remove, replace, move, copy or test', firstKey(item));
  if (!OPS.includes(op)) return report(`unknown op "${op}": use add, remove, replace, move, copy or test`, opNode);
  const pathPair = getPair(doc, item, 'path');
  const pathNode = resolveNode(doc, pathPair?.value);
  const path = pathNode ? stringValue(pathNode) : undefined;
  if (path === undefined) return report('missing `path`: add a JSON pointer such as /spec/template/spec/containers/0/image', firstKey(item));
  const problem = pointerProblem(path);
  if (problem) return report(`path "${path}": ${problem}`, pathNode);
  const valuePair = getPair(doc, item, 'value');
  if (NEEDS_VALUE.has(op) && !valuePair) report(`\`${op}\` needs a \`value\`: add one`, getPair(doc, item, 'op')?.key as YamlNode);
  const fromNode = resolveNode(doc, getPair(doc, item, 'from')?.value);
  const from = fromNode ? stringValue(fromNode) : undefined;
  if (NEEDS_FROM.has(op)) {
    if (from === undefined) report(`\`${op}\` needs a \`from\` path: add one`, getPair(doc, item, 'op')?.key as YamlNode);
    else if (pointerProblem(from)) report(`from "${from}": ${pointerProblem(from)}`, fromNode);
  }
  const role = ctx.options.role;
  const targetKind = role?.kind === 'jsonPatch' ? role.targetKind : undefined;
  const rootRef = targetKind ? ctx.model.roots[targetKind] : undefined;
  if (!rootRef || !pathNode) return;
  const segments = path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const type = typeOfPointer(ctx, rootRef, segments, pathNode, path);
  if (type && valuePair && NEEDS_VALUE.has(op)) checkValue(ctx, resolveNode(doc, valuePair.value), type, segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)), rootRef);
}

function firstKey(item: YamlNode): YamlNode | undefined {
  return isMap(item) ? ((item.items[0]?.key as YamlNode | undefined) ?? undefined) : undefined;
}

/** Why a string is not a JSON pointer (RFC 6901), or undefined. */
function pointerProblem(path: string): string | undefined {
  if (path !== '' && !path.startsWith('/')) return 'a JSON pointer starts with `/`: add it';
  if (/~(?![01])/.test(path)) return '`~` must be escaped: write ~0 for `~` (and ~1 for `/` inside a key)';
  return undefined;
}

/**
 * The model type at a pointer into an object of the target kind; reports the
 * first segment the model does not have. `-` and numbers index lists; free
 * maps (labels, annotations) take any key.
 */
function typeOfPointer(ctx: RuleContext, rootRef: string, segments: string[], node: YamlNode, path: string): ApiType | undefined {
  let type: ApiType = { kind: 'object', ref: rootRef };
  const walked: (string | number)[] = [];
  for (const segment of segments) {
    if (type.kind === 'array') {
      if (segment !== '-' && !/^\d+$/.test(segment)) {
        ctx.report({ code: 'invalid-json-patch', severity: 'error', message: `path "${path}": \`${segment}\` is no index of the list ${walked.join('.')}: use a number, or - to append`, node });
        return undefined;
      }
      type = type.items;
      walked.push(segment === '-' ? 0 : Number(segment));
      continue;
    }
    if (type.kind === 'map') {
      type = type.values;
      walked.push(segment);
      continue;
    }
    if (type.kind !== 'object') return undefined; // below a scalar or free JSON: nothing to say
    const definition = objectAt(ctx.model, [], type.ref);
    const field = definition?.fields[segment];
    if (!definition || !field) {
      ctx.report({ code: 'unknown-field', severity: 'error', message: `path "${path}": unknown field \`${segment}\` in ${walked.length ? walked.join('.') : 'the top level'} (${definition?.name ?? type.ref}); correct the path`, node });
      return undefined;
    }
    type = field.type;
    walked.push(segment);
  }
  return type;
}
