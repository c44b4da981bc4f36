/**
 * Environment rules of the API server (ValidateEnv, validateEnvVarValueFrom,
 * validateObjectFieldSelector, validateContainerResourceFieldSelector,
 * validateContainerResourceDivisor, validateConfigMapKeySelector,
 * validateSecretKeySelector, validateFileKeySelector, validateFileKeyRefVolumes,
 * ValidateEnvFrom).
 */
import { parseQuantity } from '../../../placement/quantity';
import type { DocumentRule } from '../types';
import { backstepProblem } from './mountRules';
import { configMapKeyProblem, dns1123LabelProblem, envVarNameProblem, objectNameProblem, qualifiedNameProblem } from './names';
import { PodContext } from './podContext';

/** fileKeyRef: EnvFiles, beta and on by default since 1.35. */
const SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'];
/** validEnvDownwardAPIFieldPathExpressions */
export const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
/** validVolumeDownwardAPIFieldPathExpressions */
export const VOLUME_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid'];
/** What podshelper.ConvertDownwardAPIFieldLabel knows for v1 (the rest is "field label not supported"). */
const CONVERTIBLE = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs']);
const RESOURCE_FIELDS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const BYTE_DIVISORS = [1n, ...[1n, 2n, 3n, 4n, 5n, 6n].flatMap((k) => [1000n ** k, 1024n ** k])].map((v) => v * 1000n);

/** validateObjectFieldSelector: the problem of a fieldRef, or undefined. */
export function fieldRefProblem(p: PodContext, ref: unknown, allowed: readonly string[]): { message: string; node: unknown } | undefined {
  const apiVersion = p.text(p.get(ref, 'apiVersion')) ?? 'v1'; // defaulted to v1
  const pathNode = p.get(ref, 'fieldPath');
  const path = p.text(pathNode) ?? '';
  if (path === '') return { message: 'fieldRef.fieldPath is required: add the field to read (e.g. spec.nodeName)', node: p.keyOf(ref, 'fieldPath') };
  if (apiVersion !== 'v1') return { message: `fieldRef.apiVersion "${apiVersion}": unsupported pod version, use v1`, node: p.get(ref, 'apiVersion') };
  const subscripted = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(path);
  if (subscripted) {
    const key = subscripted[1] === 'metadata.annotations' ? subscripted[2].toLowerCase() : subscripted[2];
    const problem = qualifiedNameProblem(key);
    return problem ? { message: `fieldRef.fieldPath "${path}": ${problem}`, node: pathNode } : undefined;
  }
  if (!CONVERTIBLE.has(path)) return { message: `fieldRef.fieldPath "${path}": field label not supported: use one of ${allowed.join(', ')}`, node: pathNode };
  if (!allowed.includes(path)) return { message: `fieldRef.fieldPath "${path}" is not supported here: use one of ${allowed.join(', ')}`, node: pathNode };
  return undefined;
}

/** validateContainerResourceFieldSelector (+ divisor): the problem of a resourceFieldRef, or undefined. */
export function resourceFieldRefProblem(p: PodContext, ref: unknown, volume: boolean): { message: string; node: unknown } | undefined {
  const resourceNode = p.get(ref, 'resource');
  const resource = p.text(resourceNode) ?? '';
  if (volume && (p.text(p.get(ref, 'containerName')) ?? '') === '') return { message: 'resourceFieldRef.containerName is required in a volume: add the name of the container whose resources to read', node: p.keyOf(ref, 'containerName') };
  if (resource === '') return { message: 'resourceFieldRef.resource is required: add one (e.g. limits.memory)', node: p.keyOf(ref, 'resource') };
  if (!RESOURCE_FIELDS.includes(resource) && !/^(requests|limits)\.hugepages-/.test(resource)) return { message: `resourceFieldRef.resource "${resource}" is not supported: use one of ${RESOURCE_FIELDS.join(', ')} or requests/limits.hugepages-<size>`, node: resourceNode };
  const divisorNode = p.get(ref, 'divisor');
  const raw = p.number(divisorNode) ?? p.text(divisorNode);
  const divisor = raw === undefined ? undefined : parseQuantity(raw);
  if (!divisor || divisor.milli === 0n) return undefined;
  const cpu = resource.endsWith('.cpu');
  const ok = cpu ? divisor.milli === 1n || divisor.milli === 1000n : BYTE_DIVISORS.includes(divisor.milli);
  if (!ok) return { message: cpu ? 'unsupported divisor for the cpu resource: use 1m or 1' : 'unsupported divisor: use one of 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei', node: divisorNode };
  return undefined;
}

function checkKeySelector(p: PodContext, ref: unknown, kind: string): void {
  const nameNode = p.get(ref, 'name');
  const name = p.text(nameNode) ?? '';
  const nameProblem = name === '' ? 'is required: add the name of the ConfigMap or Secret' : objectNameProblem(name);
  if (nameProblem) p.report('invalid-env', 'error', `${kind}.name "${name}" ${nameProblem}`, nameNode ?? p.keyOf(ref, 'name'));
  const keyNode = p.get(ref, 'key');
  const key = p.text(keyNode) ?? '';
  const keyProblem = key === '' ? 'is required: add the key to read' : configMapKeyProblem(key);
  if (keyProblem) p.report('invalid-env', 'error', `${kind}.key "${key}" ${keyProblem}`, keyNode ?? p.keyOf(ref, 'key'));
}

/**
 * validateFileKeySelector (key a relaxed env var name, volumeName a DNS label,
 * path without '..') and validateFileKeyRefVolumes (the volume is one of the
 * pod's, an emptyDir). EnvFiles: beta and on by default since 1.35.
 */
function checkFileKeyRef(p: PodContext, ref: unknown, env: string, volumes: Map<string, unknown> | undefined): void {
  const field = (name: string, problemOf: (value: string) => string | undefined): string | undefined => {
    const node = p.get(ref, name);
    const value = p.text(node);
    // absent or empty: missing-required; written by a template: unknown
    if (value === undefined || value === '') return undefined;
    const problem = problemOf(value);
    if (problem) p.report('invalid-env', 'error', `env "${env}": fileKeyRef.${name} "${value}" ${problem}`, node);
    return value;
  };
  field('key', (key) => envVarNameProblem(key));
  field('path', backstepProblem);
  const volumeName = field('volumeName', dns1123LabelProblem);
  if (volumeName === undefined || !volumes) return;
  const volume = volumes.get(volumeName);
  const node = p.get(ref, 'volumeName');
  if (!volume) p.report('invalid-env', 'error', `env "${env}": fileKeyRef.volumeName "${volumeName}" is not one of the pod's volumes: add an emptyDir volume of that name, or correct the name`, node);
  else if (p.isNull(p.get(volume, 'emptyDir'))) p.report('invalid-env', 'error', `env "${env}": fileKeyRef.volumeName "${volumeName}" is not an emptyDir volume: point it at an emptyDir volume`, node);
}

function checkEnv(p: PodContext, container: unknown, volumes: Map<string, unknown> | undefined): void {
  for (const item of p.items(p.get(container, 'env'))) {
    const nameNode = p.get(item, 'name');
    const name = p.text(nameNode);
    const nameProblem = name ? envVarNameProblem(name) : undefined;
    if (nameProblem) p.report('invalid-env', 'error', `env name "${name}": ${nameProblem}`, nameNode);
    const valueFrom = p.get(item, 'valueFrom');
    if (valueFrom === null) continue;
    const sources = SOURCES.filter((s) => p.get(valueFrom, s) !== null);
    const valueKey = p.keyOf(item, 'valueFrom');
    if (sources.length === 0) p.report('invalid-env', 'error', `env "${name ?? ''}": valueFrom has no source: add one of ${SOURCES.join(', ')}`, valueKey);
    else if ((p.text(p.get(item, 'value')) ?? '') !== '') p.report('invalid-env', 'error', `env "${name ?? ''}": valueFrom may not be specified when \`value\` is not empty: keep one of them`, valueKey);
    else if (sources.length > 1) p.report('invalid-env', 'error', `env "${name ?? ''}": valueFrom has more than one source (${sources.join(', ')}): keep one`, p.keyOf(valueFrom, sources[1]));
    const fieldRef = p.get(valueFrom, 'fieldRef');
    const fieldProblem = fieldRef === null ? undefined : fieldRefProblem(p, fieldRef, ENV_FIELD_PATHS);
    if (fieldProblem) p.report('invalid-env', 'error', `env "${name ?? ''}": ${fieldProblem.message}`, fieldProblem.node);
    const resourceRef = p.get(valueFrom, 'resourceFieldRef');
    const resourceProblem = resourceRef === null ? undefined : resourceFieldRefProblem(p, resourceRef, false);
    if (resourceProblem) p.report('invalid-env', 'error', `env "${name ?? ''}": ${resourceProblem.message}`, resourceProblem.node);
    for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
      const ref = p.get(valueFrom, kind);
      if (ref !== null) checkKeySelector(p, ref, kind);
    }
    const fileRef = p.get(valueFrom, 'fileKeyRef');
    if (fileRef !== null) checkFileKeyRef(p, fileRef, name ?? '', volumes);
  }
}

function checkEnvFrom(p: PodContext, container: unknown): void {
  for (const item of p.items(p.get(container, 'envFrom'))) {
    const prefixNode = p.get(item, 'prefix');
    const prefix = p.text(prefixNode);
    const prefixProblem = prefix ? envVarNameProblem(prefix) : undefined;
    if (prefixProblem) p.report('invalid-env', 'error', `envFrom prefix "${prefix}": ${prefixProblem}`, prefixNode);
    const sources = ['configMapRef', 'secretRef'].filter((s) => p.get(item, s) !== null);
    if (sources.length === 0) p.report('invalid-env', 'error', 'envFrom has no source: add `configMapRef` or `secretRef`', item);
    if (sources.length > 1) p.report('invalid-env', 'error', 'envFrom may not have more than one field specified at a time: split it into two items', p.keyOf(item, sources[1]));
    for (const source of sources) {
      const nameNode = p.get(item, source, 'name');
      const name = p.text(nameNode) ?? '';
      // ValidateConfigMapName / ValidateSecretName with prefix=true: a trailing '-' is tolerated.
      const problem = name === '' ? 'is required: add the name of the ConfigMap or Secret' : objectNameProblem(name, true);
      if (problem) p.report('invalid-env', 'error', `envFrom ${source}.name "${name}" ${problem}`, nameNode ?? p.keyOf(p.get(item, source), 'name'));
    }
  }
}

export const envRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: 'invalid-env', defaultSeverity: 'error', description: 'An env var with both `value` and `valueFrom`, a valueFrom without exactly one source, unsupported fieldRef paths or resourceFieldRef resources, configMap/secret key refs without a valid name and key, envFrom without exactly one source, names with `=`, a fileKeyRef with a bad key, volume name or path, or naming a volume that is not one of the pod\'s emptyDir volumes.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    const volumes = p.volumes();
    for (const { node } of p.containers()) {
      checkEnv(p, node, volumes);
      checkEnvFrom(p, node);
    }
  },
};
