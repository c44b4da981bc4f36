/**
 * Object metadata rules of the API server (apimachinery ValidateObjectMeta
 * with ValidateDaemonSetName = NameIsDNSSubdomain): name, generateName,
 * namespace, generation, finalizers, ownerReferences and managedFields.
 * Labels and annotations are the scheduling rules' (invalid-label).
 */
import { isMap } from 'yaml';
import type { DocumentRule } from '../types';
import { dns1123LabelProblem, objectNameProblem, qualifiedNameProblem } from './names';
import { PodContext } from './podContext';

/** helper.IsStandardFinalizerName: the only finalizer names without a '/' prefix. */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function checkFinalizers(p: PodContext, metadata: unknown): void {
  const items = p.items(p.get(metadata, 'finalizers'));
  const names = items.map((item) => p.text(item));
  items.forEach((item, i) => {
    const name = names[i];
    if (name === undefined) return;
    const problem = qualifiedNameProblem(name) ?? (!name.includes('/') && !STANDARD_FINALIZERS.has(name) ? 'name is neither a standard finalizer name nor fully qualified: use a domain prefix, e.g. example.com/cleanup' : undefined);
    if (problem) p.report('invalid-metadata', 'error', `finalizer "${name}": ${problem}`, item);
  });
  if (names.includes('orphan') && names.includes('foregroundDeletion')) {
    p.report('invalid-metadata', 'error', 'finalizers orphan and foregroundDeletion cannot both be set: remove one', p.keyOf(metadata, 'finalizers'));
  }
}

function checkOwnerReferences(p: PodContext, metadata: unknown): void {
  let controller: string | undefined;
  for (const ref of p.items(p.get(metadata, 'ownerReferences'))) {
    if (!isMap(ref)) continue;
    // Missing or empty kind, name and uid are the schema rule's (required fields).
    const apiVersion = p.text(p.get(ref, 'apiVersion')) ?? '';
    if (apiVersion.endsWith('/')) p.report('invalid-metadata', 'error', `ownerReferences apiVersion "${apiVersion}": the version is missing: write it after the /`, p.get(ref, 'apiVersion'));
    if (apiVersion === 'v1' && p.text(p.get(ref, 'kind')) === 'Event') p.report('invalid-metadata', 'error', 'an Event cannot be an owner: remove this owner reference', p.get(ref, 'kind'));
    if (p.bool(p.get(ref, 'controller')) === true) {
      const current = `${p.text(p.get(ref, 'kind')) ?? ''}/${p.text(p.get(ref, 'name')) ?? ''}`;
      if (controller !== undefined) p.report('invalid-metadata', 'error', `only one reference can have controller set to true (found ${controller} and ${current}): set it on one only`, p.get(ref, 'controller'));
      else controller = current;
    }
  }
}

function checkManagedFields(p: PodContext, metadata: unknown): void {
  for (const entry of p.items(p.get(metadata, 'managedFields'))) {
    const operation = p.text(p.get(entry, 'operation')) ?? '';
    if (operation !== 'Apply' && operation !== 'Update') p.report('invalid-metadata', 'error', 'managedFields operation must be `Apply` or `Update` (better: remove managedFields, the server writes them)', p.get(entry, 'operation') ?? entry);
    const fieldsType = p.text(p.get(entry, 'fieldsType')) ?? '';
    if (fieldsType !== '' && fieldsType !== 'FieldsV1') p.report('invalid-metadata', 'error', 'managedFields fieldsType must be `FieldsV1`: use FieldsV1 (better: remove managedFields, the server writes them)', p.get(entry, 'fieldsType'));
  }
}

export const metadataRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: 'invalid-metadata', defaultSeverity: 'error', description: 'A DaemonSet name that is not a DNS-1123 subdomain (`Node_Agent`), a bad namespace or generateName, a negative generation, bad finalizers, owner references or managedFields.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    const metadata = p.get(p.root, 'metadata');
    if (!isMap(metadata)) return;
    const nameNode = p.get(metadata, 'name');
    const name = p.text(nameNode);
    if (name) {
      const problem = objectNameProblem(name);
      const lower = name.toLowerCase().replace(/_/g, '-');
      // a name that only needs lower case and '-' gets that name as the suggestion
      const message = objectNameProblem(lower) ? `metadata.name "${name}": a DaemonSet name ${problem}` : `metadata.name "${name}" is not a DNS-1123 subdomain (lower case letters, digits, '-' and '.'): rename it, e.g. to "${lower}"`;
      if (problem) p.report('invalid-metadata', 'error', message, nameNode);
    }
    const generateNameNode = p.get(metadata, 'generateName');
    const generateName = p.text(generateNameNode);
    if (generateName) {
      const problem = objectNameProblem(generateName, true);
      if (problem) p.report('invalid-metadata', 'error', `metadata.generateName "${generateName}": ${problem}`, generateNameNode);
    }
    const namespaceNode = p.get(metadata, 'namespace');
    const namespace = p.text(namespaceNode);
    if (namespace) {
      const problem = dns1123LabelProblem(namespace);
      if (problem) p.report('invalid-metadata', 'error', `metadata.namespace "${namespace}": a namespace name ${problem}`, namespaceNode);
    }
    const generation = p.number(p.get(metadata, 'generation'));
    if (generation !== undefined && generation < 0) p.report('invalid-metadata', 'error', 'metadata.generation is negative: remove it (the server sets it)', p.get(metadata, 'generation'));
    checkFinalizers(p, metadata);
    checkOwnerReferences(p, metadata);
    checkManagedFields(p, metadata);
  },
};
