/**
 * Label selectors as apimachinery's ValidateLabelSelector checks them: the
 * DaemonSet's spec.selector, and the selectors of topology spread
 * constraints and pod (anti-)affinity terms, which call the same function.
 */
import type { DocumentRule } from '../types';
import { labelValueProblem, qualifiedNameProblem } from './names';
import { PodContext } from './podContext';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * Whether metav1.LabelSelectorAsSelector can turn the selector into a label
 * selector: when it cannot, the API server skips the template-labels match.
 */
export function isConvertibleSelector(p: PodContext, selector: unknown): boolean {
  const labelsOk = p.entries(p.get(selector, 'matchLabels')).every((e) => !qualifiedNameProblem(e.key) && !labelValueProblem(p.text(e.value) ?? ''));
  return labelsOk && p.items(p.get(selector, 'matchExpressions')).every((item) => {
    const operator = p.text(p.get(item, 'operator')) ?? '';
    const values = p.items(p.get(item, 'values')).map((v) => p.text(v) ?? '');
    const key = p.text(p.get(item, 'key')) ?? '';
    if (!OPERATORS.includes(operator) || qualifiedNameProblem(key) || values.some((v) => labelValueProblem(v))) return false;
    return operator === 'In' || operator === 'NotIn' ? values.length > 0 : values.length === 0;
  });
}

/** ValidateLabelSelector on one selector node; `where` names it in messages. */
export function checkLabelSelector(p: PodContext, selector: unknown, where: string, withMatchLabels = true): void {
  for (const e of withMatchLabels ? p.entries(p.get(selector, 'matchLabels')) : []) {
    const keyProblem = qualifiedNameProblem(e.key);
    if (keyProblem) p.report('invalid-selector', 'error', `${where}.matchLabels key "${e.key}": ${keyProblem}`, e.keyNode);
    const value = p.text(e.value);
    const valueProblem = value === undefined ? undefined : labelValueProblem(value);
    if (valueProblem) p.report('invalid-selector', 'error', `${where}.matchLabels value "${value}": ${valueProblem}`, e.value);
  }
  for (const item of p.items(p.get(selector, 'matchExpressions'))) {
    const operatorNode = p.get(item, 'operator');
    const operator = p.text(operatorNode) ?? '';
    const valuesNode = p.get(item, 'values');
    const values = p.items(valuesNode);
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) p.report('invalid-selector', 'error', `${where}: \`operator\` 'In' or 'NotIn' needs values: add them`, valuesNode ?? operatorNode ?? item);
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) p.report('invalid-selector', 'error', `${where}: \`operator\` 'Exists' or 'DoesNotExist' takes no values: remove them`, valuesNode);
    } else {
      // Gt and Lt exist for node selectors only; label selectors never had them.
      p.report('invalid-selector', 'error', `${where}: "${operator}" is not a valid label selector operator: use ${OPERATORS.join(', ')}`, operatorNode ?? item);
    }
    const keyNode = p.get(item, 'key');
    const key = p.text(keyNode) ?? '';
    const keyProblem = key === '' ? 'must be non-empty: write the label key' : qualifiedNameProblem(key);
    if (keyProblem) p.report('invalid-selector', 'error', `${where} key "${key}": ${keyProblem}`, keyNode ?? item);
    for (const valueNode of values) {
      const value = p.text(valueNode);
      const problem = value === undefined ? undefined : labelValueProblem(value);
      if (problem) p.report('invalid-selector', 'error', `${where} value "${value}": ${problem}`, valueNode);
    }
  }
}

export const selectorRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: 'invalid-selector', defaultSeverity: 'error', description: 'A label selector (spec.selector, topology spread, pod affinity) with an operator other than In/NotIn/Exists/DoesNotExist, In/NotIn without values, Exists/DoesNotExist with values, or bad keys and values.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    // spec.selector.matchLabels syntax is reported by the label rule (invalid-label); only the expressions here.
    checkLabelSelector(p, p.get(p.root, 'spec', 'selector'), 'spec.selector', false);
  },
};
