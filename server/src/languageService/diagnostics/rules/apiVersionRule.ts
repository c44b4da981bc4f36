/** apiVersion checks: DaemonSets are served only as apps/v1, PriorityClasses as scheduling.k8s.io/v1. */
import type { Node as YamlNode } from 'yaml';
import { isMap } from 'yaml';
import type { YamlDocument, YamlFile } from '../../yamlModel';
import { keyName, writtenString } from '../../yamlModel';
import type { DocumentRule, TextEdit } from '../types';
import { getIn, getPair } from '../yamlAst';
import { dictionary } from '../../../common/dictionary';
import { isUnknownValue } from '../../yamlModel';

const SERVED: Record<string, { current: string; removed: string[] }> = dictionary({
  // extensions/v1beta1 and apps/v1beta2 stopped serving DaemonSets in 1.16; apps/v1beta1 (Deployments' old version) never served them.
  DaemonSet: { current: 'apps/v1', removed: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'] },
  // scheduling.k8s.io/v1alpha1 and v1beta1 stopped serving PriorityClass in 1.22.
  PriorityClass: { current: 'scheduling.k8s.io/v1', removed: ['scheduling.k8s.io/v1alpha1', 'scheduling.k8s.io/v1beta1'] },
});

/**
 * Whether the document is written for an apiVersion that no longer serves its
 * kind. The API server answers such a document with "no matches for kind" and
 * validates nothing else: its other rules (those of the new version, such as
 * the selector apps/v1 requires) are not reported until the version is fixed.
 */
export function isRemovedApiVersion(document: YamlDocument): boolean {
  const served = SERVED[document.kind ?? ''];
  return served !== undefined && document.apiVersion !== undefined && served.removed.includes(document.apiVersion);
}

/**
 * What else changes with the move to apps/v1, by the version written:
 * extensions/v1beta1 defaulted spec.selector from the template labels and
 * updateStrategy to OnDelete; apps/v1beta2 already had apps/v1's defaults
 * (pkg/apis/apps/v1beta2/defaults.go) and required the selector; apps/v1beta1
 * never had DaemonSet (Deployment and StatefulSet only).
 */
function migrationNote(kind: string, version: string, document: YamlDocument): string {
  if (kind !== 'DaemonSet') return '';
  const spec = getPair(document.doc, document.doc.contents, 'spec')?.value;
  const hasSelector = getPair(document.doc, spec, 'selector') !== undefined;
  const addSelector = 'add one matching spec.template.metadata.labels';
  if (version === 'extensions/v1beta1') {
    return `${hasSelector ? '' : `; apps/v1 also requires spec.selector (the old version defaulted it from the template labels): ${addSelector}`}; apps/v1 defaults updateStrategy to RollingUpdate (the old default was OnDelete)`;
  }
  if (hasSelector) return '';
  return version === 'apps/v1beta2' ? `; spec.selector is required (apps/v1beta2 required it too): ${addSelector}` : `; apps/v1 requires spec.selector: ${addSelector}`;
}

/**
 * The spec.selector apps/v1 requires, inserted before the template key: the
 * template's labels as matchLabels (what the old versions defaulted to).
 * Undefined when a selector exists or there is nothing to copy.
 */
function selectorFromLabelsEdit(file: YamlFile, document: YamlDocument): TextEdit | undefined {
  const { doc } = document;
  const spec = getPair(doc, doc.contents, 'spec')?.value;
  if (getPair(doc, spec, 'selector') !== undefined) return undefined;
  const templateKey = getPair(doc, spec, 'template')?.key as YamlNode | undefined;
  const labels = getIn(doc, spec, 'template', 'metadata', 'labels');
  if (!templateKey?.range || !isMap(labels)) return undefined;
  const entries = labels.items.flatMap((item) => {
    const key = keyName(item);
    const value = writtenString(item.value);
    return key === undefined || value === undefined ? [] : [`${key}: ${JSON.stringify(value)}`];
  });
  if (entries.length === 0) return undefined;
  const at = file.lineIndex.positionAt(document.start + templateKey.range[0]);
  const indent = ' '.repeat(at.character);
  const start = file.lineIndex.lineStarts[at.line];
  return { start, end: start, newText: `${indent}selector:\n${indent}  matchLabels:\n${entries.map((e) => `${indent}    ${e}\n`).join('')}` };
}

export const apiVersionRule: DocumentRule = {
  kinds: ['DaemonSet', 'PriorityClass'],
  codes: [
    { code: 'removed-api-version', defaultSeverity: 'error', description: 'An old apiVersion the API server does not serve for this kind (extensions/v1beta1 and apps/v1beta2 for DaemonSet, removed in 1.16, and apps/v1beta1, which never had it), with the fix and what else the move changes.' },
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
      const selector = kind === 'DaemonSet' ? selectorFromLabelsEdit(ctx.file, ctx.document) : undefined;
      const migration = fixes && selector ? [{ ...fixes[0], title: `Change to ${served.current} and add the selector it requires`, edits: [...fixes[0].edits, selector] }] : fixes;
      // apps/v1beta1 never had DaemonSet: written for a Deployment's version, it fails the same way and moves the same way.
      const what = kind === 'DaemonSet' && version === 'apps/v1beta1' ? 'was never served as' : 'is no longer served as';
      ctx.report({ code: 'removed-api-version', severity: 'error', message: `${kind} ${what} ${version}: use ${served.current}${migrationNote(kind, version, ctx.document)}`, node, fixes: migration });
    } else {
      const written = version ?? ((pair?.value as { source?: string } | null)?.source || undefined);
      const message = written ? `${kind} is not served as ${written}: use ${served.current}` : `apiVersion is required: use ${served.current}`;
      ctx.report({ code: 'invalid-api-version', severity: 'error', message, node, fixes });
    }
  },
};
