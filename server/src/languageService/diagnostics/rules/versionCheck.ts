/**
 * Fields against the target Kubernetes version (`kubernetesVersion` in
 * .daemonset-tools.yaml, the `daemonsetTools.kubernetesVersion` setting,
 * `check --kubernetes-version`): a field the version does not have is an
 * error, as the API server of that version rejects it (strict field
 * validation, kubectl's default); a field behind a feature gate that is off
 * by default there is a warning, as the API server accepts the manifest and
 * silently drops the field (pkg/api/pod/util.go dropDisabledFields). Called by
 * the schema rule for each field it walks, so the document is walked once.
 */
import type { Pair } from 'yaml';
import type { ApiField } from '../../apiModel';
import { compareVersions, gateWarning, versionGap } from '../../apiModel/versions';
import type { RuleContext, RuleDoc } from '../types';
import { removePairFix } from './fixes';

export const VERSION_RULE_DOCS: readonly RuleDoc[] = [
  {
    code: 'field-not-in-version',
    defaultSeverity: 'error',
    description: 'A field the target Kubernetes version does not have yet (or no longer has): its API server rejects it. The target is `kubernetesVersion` in .daemonset-tools.yaml, the `daemonsetTools.kubernetesVersion` setting or `--kubernetes-version`.',
  },
  {
    code: 'feature-gate-off',
    defaultSeverity: 'warning',
    description: 'A field behind a feature gate that is off by default in the target Kubernetes version (`spec.resources` and PodLevelResources in 1.33, `lifecycle.stopSignal` and ContainerStopSignals): the API server accepts the manifest but drops the field unless the cluster enables the gate. From upstream\'s `+featureGate` markers and kube_features.go defaults.',
  },
];

/**
 * Reports the field when the target version lacks it, or (a warning, never
 * both) when its feature gate is off by default there; returns whether it
 * exists there (and its value is worth checking: with the gate enabled, the
 * API server validates it).
 */
export function checkFieldVersion(ctx: RuleContext, pair: Pair, field: ApiField, target: string): boolean {
  const gap = versionGap(field, target);
  if (gap === undefined) {
    const gate = gateWarning(field, target, ctx.model.kubernetesVersions);
    // Removing is not the obvious fix: the cluster may well enable the gate.
    if (gate !== undefined) ctx.report({ code: 'feature-gate-off', severity: 'warning', message: gate, node: pair.key as never, fixes: [{ ...removePairFix(ctx, pair, `Remove \`${field.name}\``), isPreferred: false }] });
    return true;
  }
  const fix = { ...removePairFix(ctx, pair, `Remove \`${field.name}\``), isPreferred: false };
  // too new for the target: the user may also be targeting an older version than the clusters run
  const action = field.since !== undefined && compareVersions(target, field.since) < 0 ? `remove it, or target ${field.since} or later (kubernetesVersion) if your clusters run it` : 'remove it';
  ctx.report({ code: 'field-not-in-version', severity: 'error', message: `${gap}: ${action}`, node: pair.key as never, fixes: [fix] });
  return false;
}
