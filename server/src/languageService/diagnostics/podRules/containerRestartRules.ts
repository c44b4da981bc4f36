/**
 * A container's own restartPolicy and restartPolicyRules, as validateContainers
 * and validateInitContainers check them with ContainerRestartRules (beta and
 * on by default since 1.35): validateContainerRestartPolicy and
 * validateInitContainerRestartPolicy. RestartAllContainersOnContainerExits is
 * alpha and off, so "Restart" is the only action, and a sidecar (an init
 * container with restartPolicy Always) takes no rules.
 */
import type { ContainerNode, PodContext } from './podContext';

const CODE = 'restart-policy';
const POLICIES = ['Always', 'OnFailure', 'Never'];
const OPERATORS = ['In', 'NotIn'];
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;

function checkRules(p: PodContext, node: unknown, rules: unknown[], name: string): void {
  if (rules.length > MAX_RULES) p.report(CODE, 'error', `container "${name}": restartPolicyRules must have at most ${MAX_RULES} rules (${rules.length}): remove some`, p.keyOf(node, 'restartPolicyRules'));
  for (const rule of rules) {
    const actionNode = p.get(rule, 'action');
    const action = p.text(actionNode);
    if (action !== undefined && action !== 'Restart') p.report(CODE, 'error', `container "${name}": restartPolicyRules action "${action}" is not supported: use Restart`, actionNode);
    const exitCodes = p.get(rule, 'exitCodes');
    if (p.isNull(exitCodes)) {
      if (p.certain(rule, 'exitCodes')) p.report(CODE, 'error', `container "${name}": each restartPolicyRules item needs exitCodes: add them`, actionNode ?? rule);
      continue;
    }
    const operatorNode = p.get(exitCodes, 'operator');
    const operator = p.text(operatorNode);
    if (operator !== undefined && !OPERATORS.includes(operator)) p.report(CODE, 'error', `container "${name}": restartPolicyRules exitCodes.operator "${operator}" is not supported: use In or NotIn`, operatorNode);
    const values = p.items(p.get(exitCodes, 'values'));
    if (values.length > MAX_EXIT_CODES) p.report(CODE, 'error', `container "${name}": restartPolicyRules exitCodes.values may list at most ${MAX_EXIT_CODES} exit codes (${values.length}): remove some`, p.keyOf(exitCodes, 'values'));
  }
}

/** validateContainerRestartPolicy (regular containers) and validateInitContainerRestartPolicy (init containers). */
export function checkContainerRestart(p: PodContext, { node, list }: ContainerNode): void {
  if (list === 'ephemeralContainers') return; // no field but the allowed ones: the pod spec rules say so
  const name = p.text(p.get(node, 'name')) ?? '';
  const policyNode = p.get(node, 'restartPolicy');
  const policy = p.isNull(policyNode) ? undefined : p.text(policyNode);
  const rules = p.items(p.get(node, 'restartPolicyRules'));
  if (p.isNull(policyNode)) {
    if (rules.length > 0 && p.certain(node, 'restartPolicy')) p.report(CODE, 'error', `container "${name}": restartPolicyRules need a restartPolicy: add one`, p.keyOf(node, 'restartPolicyRules'));
    if (list === 'initContainers') return; // validateInitContainerRestartPolicy stops there
  } else if (policy !== undefined && !POLICIES.includes(policy)) {
    p.report(CODE, 'error', `container "${name}": restartPolicy "${policy}" is not supported: use ${POLICIES.join(', ')}`, policyNode);
    return;
  }
  if (list === 'initContainers' && policy === 'Always') {
    if (rules.length > 0) p.report(CODE, 'error', `init container "${name}": restartPolicyRules are not allowed for a sidecar (restartPolicy Always): remove them`, p.keyOf(node, 'restartPolicyRules'));
    return;
  }
  checkRules(p, node, rules, name);
}
