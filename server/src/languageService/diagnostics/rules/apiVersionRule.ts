/** apiVersion checks: DaemonSets are served only as apps/v1, PriorityClasses as scheduling.k8s.io/v1. */
import type { Node as YamlNode } from 'yaml';
import type { DocumentRule } from '../types';
import { isUnknownValue } from '../../yamlModel';
import { getPair } from '../yamlAst';

const SERVED: Record<string, { current: string; removed: string[] }> = {
  // extensions/v1beta1, apps/v1beta1 and apps/v1beta2 stopped serving DaemonSets in 1.16.
  DaemonSet: { current: 'apps/v1', removed: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'] },
  // scheduling.k8s.io/v1alpha1 and v1beta1 stopped serving PriorityClass in 1.22.
  PriorityClass: { current: 'scheduling.k8s.io/v1', removed: ['scheduling.k8s.io/v1alpha1', 'scheduling.k8s.io/v1beta1'] },
};

export const apiVersionRule: DocumentRule = {
  kinds: ['DaemonSet', 'PriorityClass'],
  codes: [
    { code: 'removed-api-version', defaultSeverity: 'error', description: 'An apiVersion the API server no longer serves for this kind (extensions/v1beta1, apps/v1beta1, apps/v1beta2 for DaemonSet), with the fix.' },
    { code: 'invalid-api-version', defaultSeverity: 'error', description: 'A missing or unknown apiVersion for this kind.' },
  ],
  check(ctx) {
    const kind = ctx.document.kind ?? '';
    const served = SERVED[kind];
    if (!served) return;
    const pair = getPair(ctx.document.doc, ctx.document.doc.contents, 'apiVersion');
    // `apiVersion: {{ include "…apiVersion" . }}`: what a template renders is not known here.
    if (pair && isUnknownValue(ctx.document, pair.value)) return;
    const version = ctx.document.apiVersion;
    if (version === served.current) return;
    const node = (pair?.value ?? pair?.key ?? getPair(ctx.document.doc, ctx.document.doc.contents, 'kind')?.key) as YamlNode | undefined;
    const range = (pair?.value as YamlNode | undefined)?.range;
    const fixes = range
      ? [{ title: `Change to ${served.current}`, isPreferred: true, edits: [{ start: ctx.document.start + range[0], end: ctx.document.start + range[1], newText: served.current }] }]
      : undefined;
    if (version && served.removed.includes(version)) {
      ctx.report({ code: 'removed-api-version', severity: 'error', message: `${kind} is no longer served as ${version}: use ${served.current}`, node, fixes });
    } else {
      const written = version ?? ((pair?.value as { source?: string } | null)?.source || undefined);
      const message = written ? `${kind} is not served as ${written}: use ${served.current}` : `apiVersion is required: use ${served.current}`;
      ctx.report({ code: 'invalid-api-version', severity: 'error', message, node, fixes });
    }
  },
};
