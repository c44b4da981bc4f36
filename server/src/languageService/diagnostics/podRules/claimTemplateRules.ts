/**
 * The claim template of a generic ephemeral volume, as validateEphemeralVolumeSource
 * checks it: ValidatePersistentVolumeClaimTemplate (ValidateTemplateObjectMeta:
 * only labels and annotations, both valid) and ValidatePersistentVolumeClaimSpec
 * (access modes, selector, a positive storage request, class names, data
 * sources). Enumerations (access modes, volumeMode) are the schema rule's.
 */
import { isMap } from 'yaml';
import { parseQuantity } from '../../../placement/quantity';
import { dns1123LabelProblem, dns1123SubdomainProblem, objectNameProblem } from './names';
import type { PodContext } from './podContext';
import { checkAnnotations, checkLabels } from './schedulingRules';
import { checkLabelSelector } from './selectorRules';

type Report = (message: string, node: unknown) => void;

/** validateDataSource / validateDataSourceRef: a PVC unless an API group is given, the group a DNS subdomain (name and kind: missing-required). */
function checkDataSource(p: PodContext, ref: unknown, where: string, report: Report): void {
  const group = p.text(p.get(ref, 'apiGroup')) ?? '';
  const kind = p.text(p.get(ref, 'kind'));
  if (group === '' && kind !== undefined && kind !== '' && kind !== 'PersistentVolumeClaim' && p.certain(ref, 'apiGroup')) {
    report(`${where}.kind "${kind}" must be 'PersistentVolumeClaim' when referencing the default apiGroup: set apiGroup (e.g. snapshot.storage.k8s.io for a VolumeSnapshot)`, p.get(ref, 'kind'));
  }
  const groupProblem = group === '' ? undefined : dns1123SubdomainProblem(group);
  if (groupProblem) report(`${where}.apiGroup "${group}" ${groupProblem}`, p.get(ref, 'apiGroup'));
}

/** Whether two data source references name the same object (apiGroup, kind, name). */
function sameSource(p: PodContext, a: unknown, b: unknown): boolean {
  return ['apiGroup', 'kind', 'name'].every((f) => (p.text(p.get(a, f)) ?? '') === (p.text(p.get(b, f)) ?? ''));
}

function checkSpec(p: PodContext, spec: unknown, where: string, report: Report): void {
  const modes = p.items(p.get(spec, 'accessModes')).map((m) => p.text(m));
  if (modes.length === 0 && p.certain(spec, 'accessModes')) report(`${where}.accessModes is empty: add an access mode (e.g. ReadWriteOnce)`, p.get(spec, 'accessModes') ?? spec);
  if (modes.includes('ReadWriteOncePod') && modes.some((m) => m !== undefined && m !== 'ReadWriteOncePod')) report(`${where}.accessModes may not use ReadWriteOncePod with other access modes: keep ReadWriteOncePod alone, or remove it`, p.get(spec, 'accessModes'));
  const selector = p.get(spec, 'selector');
  if (selector !== null) checkLabelSelector(p, selector, `${where}.selector`);
  const storage = p.get(spec, 'resources', 'requests', 'storage');
  const raw = p.number(storage) ?? p.text(storage);
  const quantity = raw === undefined ? undefined : parseQuantity(raw);
  if (storage === null && p.certain(spec, 'resources', 'requests', 'storage')) report(`${where}.resources.requests.storage is required: add the size (e.g. 1Gi)`, p.keyOf(spec, 'resources') ?? spec);
  else if (quantity && quantity.milli <= 0n) report(`${where}.resources.requests.storage must be greater than zero: use a size such as 1Gi`, storage);
  for (const field of ['storageClassName', 'volumeAttributesClassName']) {
    const value = p.text(p.get(spec, field));
    const problem = value ? objectNameProblem(value) : undefined;
    if (problem) report(`${where}.${field} "${value}" ${problem}`, p.get(spec, field));
  }
  const dataSource = p.get(spec, 'dataSource');
  const dataSourceRef = p.get(spec, 'dataSourceRef');
  if (isMap(dataSource)) checkDataSource(p, dataSource, `${where}.dataSource`, report);
  if (isMap(dataSourceRef)) {
    checkDataSource(p, dataSourceRef, `${where}.dataSourceRef`, report);
    const namespace = p.text(p.get(dataSourceRef, 'namespace')) ?? '';
    const problem = namespace === '' ? undefined : dns1123LabelProblem(namespace);
    if (problem) report(`${where}.dataSourceRef.namespace "${namespace}" ${problem}`, p.get(dataSourceRef, 'namespace'));
    if (namespace !== '' && isMap(dataSource)) report(`${where}.dataSource is not allowed with dataSourceRef.namespace: remove dataSource`, p.keyOf(spec, 'dataSource'));
    else if (isMap(dataSource) && p.fullyKnown(dataSource) && p.fullyKnown(dataSourceRef) && !sameSource(p, dataSource, dataSourceRef)) report(`${where}.dataSource must match dataSourceRef: make them the same, or leave one of them out`, p.keyOf(spec, 'dataSource'));
  }
}

/** validateEphemeralVolumeSource: the volumeClaimTemplate is required, its metadata and spec valid. */
export function checkClaimTemplate(p: PodContext, volume: unknown, source: unknown, where: string, report: Report): void {
  const template = p.get(source, 'volumeClaimTemplate');
  if (template === null) {
    if (p.certain(source, 'volumeClaimTemplate')) report(`${where}.volumeClaimTemplate is required: add the claim's spec`, p.keyOf(volume, 'ephemeral'));
    return;
  }
  const metadata = p.get(template, 'metadata');
  for (const e of p.entries(metadata)) {
    if (e.key !== 'labels' && e.key !== 'annotations') report(`${where}.volumeClaimTemplate.metadata.${e.key} cannot be set (only labels and annotations): remove it`, e.keyNode);
  }
  checkLabels(p, p.get(metadata, 'labels'), `${where}.volumeClaimTemplate.metadata.labels`);
  checkAnnotations(p, p.get(metadata, 'annotations'), `${where}.volumeClaimTemplate.metadata.annotations`);
  const spec = p.get(template, 'spec');
  if (isMap(spec)) checkSpec(p, spec, `${where}.volumeClaimTemplate.spec`, report);
}
