/**
 * Scheduling and metadata rules of the API server: tolerations
 * (validateTolerations), node affinity (ValidateNodeSelector,
 * ValidateNodeSelectorRequirement, validateNodeFieldSelectorRequirement,
 * preferred weights), nodeSelector and labels (ValidateLabels), annotations
 * (ValidateAnnotations). DNS: dnsRules.ts.
 */
import { isMap } from 'yaml';
import type { DocumentRule } from '../types';
import { labelValueProblem, objectNameProblem, qualifiedNameProblem } from './names';
import { tolerationProblems } from './tolerationChecks';
import { PodContext } from './podContext';

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

/** ValidateLabels: qualified keys, label values. */
export function checkLabels(p: PodContext, node: unknown, where: string, checkValues = true): void {
  for (const e of p.entries(node)) {
    const keyProblem = qualifiedNameProblem(e.key);
    if (keyProblem) p.report('invalid-label', 'error', `${where} key "${e.key}": ${keyProblem}`, e.keyNode);
    const value = p.text(e.value);
    if (checkValues && value !== undefined) {
      const valueProblem = labelValueProblem(value);
      if (valueProblem) p.report('invalid-label', 'error', `${where} value "${value}": ${valueProblem}`, e.value);
    }
  }
}

/** ValidateAnnotations: qualified keys (lower-cased), 256 kB in total. */
export function checkAnnotations(p: PodContext, node: unknown, where: string): void {
  let size = 0;
  for (const e of p.entries(node)) {
    const keyProblem = qualifiedNameProblem(e.key.toLowerCase());
    if (keyProblem) p.report('invalid-label', 'error', `${where} key "${e.key}": ${keyProblem}`, e.keyNode);
    size += e.key.length + (p.text(e.value)?.length ?? 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE) p.report('invalid-label', 'error', `${where}: may not be more than 256 kB in total: shorten or remove some`, node);
}

function checkTolerations(p: PodContext): void {
  for (const item of p.items(p.get(p.podSpec, 'tolerations'))) {
    // The rules weigh the fields against each other: a template action writing any of them leaves the item unknown.
    if (!isMap(item) || !p.fullyKnown(item)) continue;
    const text = (field: string) => p.text(p.get(item, field)) ?? '';
    const hasSeconds = p.get(item, 'tolerationSeconds') !== null && p.number(p.get(item, 'tolerationSeconds')) !== undefined;
    for (const problem of tolerationProblems({ key: text('key'), operator: text('operator'), value: text('value'), effect: text('effect'), hasSeconds })) {
      const node = problem.field === 'tolerationSeconds' ? p.keyOf(item, 'tolerationSeconds') : p.get(item, problem.field) ?? item;
      p.report('invalid-toleration', 'error', problem.message, node);
    }
  }
}

/**
 * `required`: a term of requiredDuringScheduling, whose values must be label
 * values (ValidateNodeSelectorRequirement on create since 1.33:
 * AllowInvalidLabelValueInRequiredNodeAffinity is false for a new object);
 * preferred terms accept any value.
 */
function checkRequirement(p: PodContext, item: unknown, fields: boolean, required = false): void {
  if (!p.fullyKnown(item)) return;
  const key = p.text(p.get(item, 'key')) ?? '';
  const operator = p.text(p.get(item, 'operator')) ?? '';
  const valuesNode = p.get(item, 'values');
  const values = p.items(valuesNode).map((v) => p.text(v) ?? '');
  const at = valuesNode ?? p.get(item, 'operator') ?? item;
  if (fields) {
    if (key !== 'metadata.name') p.report('invalid-node-affinity', 'error', `matchFields key "${key}" is not a valid field selector key: use metadata.name (node labels belong in matchExpressions)`, p.get(item, 'key') ?? item);
    if (operator !== 'In' && operator !== 'NotIn') p.report('invalid-node-affinity', 'error', `matchFields operator "${operator}" is not supported: use In or NotIn`, p.get(item, 'operator') ?? item);
    else if (values.length !== 1) p.report('invalid-node-affinity', 'error', "a node field selector with `operator` 'In' or 'NotIn' takes exactly one value: give one node name", at);
    if (key === 'metadata.name') {
      p.items(valuesNode).forEach((node, i) => {
        // A number or boolean is a type error (the schema rule's): the request fails to decode before validation.
        if (p.number(node) !== undefined || p.bool(node) !== undefined) return;
        const problem = objectNameProblem(values[i]);
        if (problem) p.report('invalid-node-affinity', 'error', `matchFields value "${values[i]}": a node name ${problem}`, node);
      });
    }
    return;
  }
  const problem = key === '' ? 'must be non-empty: write the node label key' : qualifiedNameProblem(key);
  if (problem) p.report('invalid-node-affinity', 'error', `node selector key "${key}": ${problem}`, p.get(item, 'key') ?? item);
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) p.report('invalid-node-affinity', 'error', "`operator` 'In' or 'NotIn' needs values: add them", at);
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) p.report('invalid-node-affinity', 'error', "`operator` 'Exists' or 'DoesNotExist' takes no values: remove them", at);
  // Only the count is validated: a value that is not an integer is accepted and simply never matches a node.
  if ((operator === 'Gt' || operator === 'Lt') && values.length !== 1) p.report('invalid-node-affinity', 'error', "`operator` 'Lt' or 'Gt' takes exactly one value: give one integer", at);
  if (!required) return;
  p.items(valuesNode).forEach((node, i) => {
    // A number or boolean is a type error (the schema rule's): the request fails to decode before validation.
    if (p.number(node) !== undefined || p.bool(node) !== undefined) return;
    const valueProblem = labelValueProblem(values[i]);
    if (valueProblem) p.report('invalid-node-affinity', 'error', `node selector value "${values[i]}": ${valueProblem}`, node);
  });
}

function checkTerm(p: PodContext, term: unknown, required: boolean): void {
  for (const item of p.items(p.get(term, 'matchExpressions'))) checkRequirement(p, item, false, required);
  for (const item of p.items(p.get(term, 'matchFields'))) checkRequirement(p, item, true);
}

function checkAffinity(p: PodContext): void {
  const nodeAffinity = p.get(p.podSpec, 'affinity', 'nodeAffinity');
  const required = p.get(nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (isMap(required)) {
    const terms = p.items(p.get(required, 'nodeSelectorTerms'));
    if (terms.length === 0 && p.certain(required, 'nodeSelectorTerms')) p.report('invalid-node-affinity', 'error', 'nodeSelectorTerms is empty: add at least one node selector term', p.keyOf(required, 'nodeSelectorTerms'));
    for (const term of terms) checkTerm(p, term, true);
  }
  for (const preferred of p.items(p.get(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution'))) {
    const weight = p.number(p.get(preferred, 'weight'));
    if (weight !== undefined && (weight < 1 || weight > 100)) p.report('invalid-node-affinity', 'error', `weight ${weight} is out of range: use 1 to 100`, p.get(preferred, 'weight'));
    checkTerm(p, p.get(preferred, 'preference'), false);
  }
}

export const schedulingRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: 'invalid-label', defaultSeverity: 'error', description: 'Label, nodeSelector and annotation keys and values that are not valid label syntax.' },
    { code: 'invalid-toleration', defaultSeverity: 'error', description: 'Exists with a value, an empty key without Exists, tolerationSeconds without NoExecute, operators other than Equal and Exists, bad keys and values.' },
    { code: 'invalid-node-affinity', defaultSeverity: 'error', description: 'In/NotIn without values, Exists/DoesNotExist with values, Gt/Lt without exactly one value, values of required terms that are not label values, matchFields other than metadata.name with In/NotIn and one valid node name, weights outside 1-100.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    checkLabels(p, p.get(p.root, 'metadata', 'labels'), 'metadata.labels');
    checkAnnotations(p, p.get(p.root, 'metadata', 'annotations'), 'metadata.annotations');
    checkLabels(p, p.get(p.root, 'spec', 'selector', 'matchLabels'), 'spec.selector.matchLabels');
    checkLabels(p, p.get(p.root, 'spec', 'template', 'metadata', 'labels'), 'spec.template.metadata.labels');
    checkAnnotations(p, p.get(p.root, 'spec', 'template', 'metadata', 'annotations'), 'spec.template.metadata.annotations');
    if (!isMap(p.podSpec)) return;
    checkLabels(p, p.get(p.podSpec, 'nodeSelector'), 'nodeSelector');
    checkTolerations(p);
    checkAffinity(p);
  },
};
