/**
 * Volume source rules of the API server (validateVolumeSource and the
 * validate<Kind>VolumeSource functions it calls). Fields the API model marks
 * required are the schema rule's (missing-required); this module checks
 * what the schema cannot say: a volume without a type, formats, ranges,
 * file modes, relative paths and one-of choices.
 */
import { isMap } from 'yaml';
import { parseQuantity } from '../../../placement/quantity';
import type { DocumentRule } from '../types';
import { checkClaimTemplate } from './claimTemplateRules';
import { fieldRefProblem, resourceFieldRefProblem, VOLUME_FIELD_PATHS } from './envRules';
import { backstepProblem, localDescendingPathProblem } from './mountRules';
import { configMapKeyProblem, dns1123LabelProblem, dns1123SubdomainProblem, objectNameProblem } from './names';
import { PodContext } from './podContext';

const CODE = 'volume-source';
const IQN = /^iqn\.\d{4}-\d{2}\.([A-Za-z0-9-.]+)(:[^,;*&$|\s]+)$/;
const EUI = /^eui.[A-Za-z0-9]{16}$/;
const NAA = /^naa.[A-Za-z0-9]{32}$/;

type Report = (message: string, node: unknown) => void;

/** ValidateLocalNonReservedPath: relative, no '..' element, not starting with '..'. */
function localNonReservedPathProblem(path: string): string | undefined {
  return localDescendingPathProblem(path) ?? (path.startsWith('..') ? "must not start with '..'" : undefined);
}

function checkMode(p: PodContext, parent: unknown, field: string, where: string, report: Report): void {
  const node = p.get(parent, field);
  const mode = p.number(node);
  if (mode !== undefined && (mode < 0 || mode > 0o777)) report(`${where}.${field} ${mode} is out of range: use 0 to 0777 (octal), e.g. 0644 or 420`, node);
}

/** validateKeyToPath for each item; returns the item paths (projected sources must not repeat them). */
function checkItems(p: PodContext, source: unknown, where: string, report: Report): string[] {
  const paths: string[] = [];
  for (const item of p.items(p.get(source, 'items'))) {
    const path = p.text(p.get(item, 'path'));
    const problem = path ? localNonReservedPathProblem(path) : undefined;
    if (problem) report(`${where}.items path "${path}" ${problem}`, p.get(item, 'path'));
    const key = p.text(p.get(item, 'key'));
    const keyProblem = key ? configMapKeyProblem(key) : undefined;
    if (keyProblem) report(`${where}.items key "${key}" ${keyProblem}`, p.get(item, 'key'));
    checkMode(p, item, 'mode', `${where}.items`, report);
    if (path) paths.push(path);
  }
  return paths;
}

/**
 * A name the model leaves optional but the validation requires. Only some
 * sources also check its format (CSI's secret reference does; configMap and
 * secret volumes and projections only require it).
 */
function checkRefName(p: PodContext, source: unknown, field: string, where: string, report: Report, checkFormat = false): void {
  const node = p.get(source, field);
  const name = p.text(node) ?? '';
  if (name === '' && p.certain(source, field)) {
    report(`${where}.${field} is required: add the name`, node ?? p.keyOf(source, field));
    return;
  }
  const problem = checkFormat ? objectNameProblem(name) : undefined;
  if (problem) report(`${where}.${field} "${name}" ${problem}`, node);
}

/** validateDownwardAPIVolumeFile for each item. */
function checkDownwardItems(p: PodContext, source: unknown, where: string, report: Report): string[] {
  const paths: string[] = [];
  for (const item of p.items(p.get(source, 'items'))) {
    const path = p.text(p.get(item, 'path'));
    const problem = path ? localNonReservedPathProblem(path) : undefined;
    if (problem) report(`${where}.items path "${path}" ${problem}`, p.get(item, 'path'));
    if (path) paths.push(path);
    const fieldRef = p.get(item, 'fieldRef');
    const resourceRef = p.get(item, 'resourceFieldRef');
    if (fieldRef !== null) {
      const refProblem = fieldRefProblem(p, fieldRef, VOLUME_FIELD_PATHS);
      if (refProblem) report(`${where}.items: ${refProblem.message}`, refProblem.node);
      if (resourceRef !== null) report(`${where}.items: fieldRef and resourceFieldRef cannot both be set: keep one`, p.keyOf(item, 'resourceFieldRef'));
    } else if (resourceRef !== null) {
      const refProblem = resourceFieldRefProblem(p, resourceRef, true);
      if (refProblem) report(`${where}.items: ${refProblem.message}`, refProblem.node);
    } else report(`${where}.items: add fieldRef or resourceFieldRef`, item);
    checkMode(p, item, 'mode', `${where}.items`, report);
  }
  return paths;
}

function checkProjected(p: PodContext, projected: unknown, where: string, report: Report): void {
  checkMode(p, projected, 'defaultMode', where, report);
  const seen = new Set<string>();
  const addPaths = (paths: string[], at: unknown) => {
    for (const path of paths) {
      if (seen.has(path)) report(`${where}: conflicting duplicate path "${path}" in the projected sources: give each file its own path`, at);
      seen.add(path);
    }
  };
  for (const source of p.items(p.get(projected, 'sources'))) {
    const kinds = p.entries(source).map((e) => e.key);
    if (kinds.length > 1) report(`${where}.sources: an item may not specify more than 1 volume type (${kinds.join(', ')}): split it`, p.keyOf(source, kinds[1]));
    for (const kind of ['secret', 'configMap']) {
      const inner = p.get(source, kind);
      if (inner === null) continue;
      checkRefName(p, inner, 'name', `${where}.sources.${kind}`, report);
      addPaths(checkItems(p, inner, `${where}.sources.${kind}`, report), inner);
    }
    const downward = p.get(source, 'downwardAPI');
    if (downward !== null) addPaths(checkDownwardItems(p, downward, `${where}.sources.downwardAPI`, report), downward);
    const token = p.get(source, 'serviceAccountToken');
    if (token !== null) {
      const seconds = p.number(p.get(token, 'expirationSeconds'));
      if (seconds !== undefined && seconds < 600) report(`${where}.sources.serviceAccountToken.expirationSeconds is under 10 minutes: use 600 or more`, p.get(token, 'expirationSeconds'));
      if (seconds !== undefined && seconds > 2 ** 32) report(`${where}.sources.serviceAccountToken.expirationSeconds is over 2^32 seconds: use a shorter duration`, p.get(token, 'expirationSeconds'));
      const path = p.text(p.get(token, 'path'));
      const problem = path ? localNonReservedPathProblem(path) : undefined;
      if (problem) report(`${where}.sources.serviceAccountToken.path "${path}" ${problem}`, p.get(token, 'path'));
      if (path) addPaths([path], token);
    }
  }
}

function checkIscsi(p: PodContext, iscsi: unknown, volumeName: string, where: string, report: Report): void {
  const formatProblem = (value: string) => (!/^(iqn|eui|naa)/.test(value) ? 'is not an iSCSI name: use one starting with iqn, eui or naa' : (value.startsWith('iqn') && !IQN.test(value)) || (value.startsWith('eui') && !EUI.test(value)) || (value.startsWith('naa') && !NAA.test(value)) ? 'is not a well-formed iSCSI name: correct it (e.g. iqn.2001-04.com.example:storage)' : undefined);
  for (const field of ['iqn', 'initiatorName']) {
    const value = p.text(p.get(iscsi, field));
    const problem = value ? formatProblem(value) : undefined;
    if (problem) report(`${where}.${field} "${value}" ${problem}`, p.get(iscsi, field));
  }
  const lun = p.number(p.get(iscsi, 'lun'));
  if (lun !== undefined && (lun < 0 || lun > 255)) report(`${where}.lun is out of range: use 0 to 255`, p.get(iscsi, 'lun'));
  if ((p.bool(p.get(iscsi, 'chapAuthDiscovery')) || p.bool(p.get(iscsi, 'chapAuthSession'))) && p.get(iscsi, 'secretRef') === null) report(`${where}.secretRef is required with CHAP authentication: add it`, iscsi);
  if (p.get(iscsi, 'initiatorName') !== null && `${volumeName}:${p.text(p.get(iscsi, 'targetPortal')) ?? ''}`.length > 64) report('the total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified: shorten the volume name or the portal', p.get(iscsi, 'targetPortal'));
}

function checkSource(p: PodContext, volume: unknown, kind: string, source: unknown, name: string, report: Report): void {
  const where = `volume "${name}" ${kind}`;
  switch (kind) {
    case 'emptyDir': {
      const node = p.get(source, 'sizeLimit');
      const raw = p.number(node) ?? p.text(node);
      const quantity = raw === undefined ? undefined : parseQuantity(raw);
      if (quantity && quantity.milli < 0n) report(`${where}.sizeLimit is negative: use 0 or more`, node);
      return;
    }
    case 'hostPath': {
      const path = p.text(p.get(source, 'path'));
      const problem = path ? backstepProblem(path) : undefined;
      if (problem) report(`${where}.path "${path}" ${problem}`, p.get(source, 'path'));
      return;
    }
    case 'gitRepo': {
      const directory = p.text(p.get(source, 'directory'));
      const problem = directory ? localDescendingPathProblem(directory) : undefined;
      if (problem) report(`${where}.directory "${directory}" ${problem}`, p.get(source, 'directory'));
      return;
    }
    case 'gcePersistentDisk':
    case 'awsElasticBlockStore': {
      const partition = p.number(p.get(source, 'partition'));
      if (partition !== undefined && (partition < 0 || partition > 255)) report(`${where}.partition is out of range: use 1 to 255`, p.get(source, 'partition'));
      return;
    }
    case 'secret':
    case 'configMap':
      checkRefName(p, source, kind === 'secret' ? 'secretName' : 'name', where, report);
      checkMode(p, source, 'defaultMode', where, report);
      checkItems(p, source, where, report);
      return;
    case 'nfs': {
      const path = p.text(p.get(source, 'path'));
      if (path && !path.startsWith('/')) report(`${where}.path "${path}" must be an absolute path: start it with /`, p.get(source, 'path'));
      return;
    }
    case 'iscsi':
      checkIscsi(p, source, name, where, report);
      return;
    case 'flocker': {
      const datasetName = p.text(p.get(source, 'datasetName')) ?? '';
      const uuid = p.text(p.get(source, 'datasetUUID')) ?? '';
      if (datasetName === '' && uuid === '') report(`${where}: add datasetName or datasetUUID`, p.keyOf(volume, kind));
      if (datasetName !== '' && uuid !== '') report(`${where}: datasetName and datasetUUID cannot both be set: keep one`, p.keyOf(volume, kind));
      if (datasetName.includes('/')) report(`${where}.datasetName must not contain '/': remove it`, p.get(source, 'datasetName'));
      return;
    }
    case 'downwardAPI':
      checkMode(p, source, 'defaultMode', where, report);
      checkDownwardItems(p, source, where, report);
      return;
    case 'fc': {
      const wwns = p.items(p.get(source, 'targetWWNs')).length;
      const wwids = p.items(p.get(source, 'wwids')).length;
      if (wwns === 0 && wwids === 0) report(`${where}: add targetWWNs or wwids`, p.keyOf(volume, kind));
      if (wwns > 0 && wwids > 0) report(`${where}: targetWWNs and wwids cannot both be set: keep one`, p.keyOf(source, 'wwids'));
      const lun = p.number(p.get(source, 'lun'));
      if (wwns > 0 && p.get(source, 'lun') === null) report(`${where}.lun is required with targetWWNs: add it`, p.keyOf(volume, kind));
      if (lun !== undefined && (lun < 0 || lun > 255)) report(`${where}.lun is out of range: use 0 to 255`, p.get(source, 'lun'));
      return;
    }
    case 'flexVolume':
      for (const e of p.entries(p.get(source, 'options'))) {
        const namespace = `.${(e.key.includes('/') ? e.key.slice(0, e.key.indexOf('/')) : e.key).toLowerCase()}`;
        if (namespace.endsWith('.kubernetes.io') || namespace.endsWith('.k8s.io')) report(`${where}.options key "${e.key}": kubernetes.io and k8s.io namespaces are reserved: use your own domain`, e.keyNode);
      }
      return;
    case 'quobyte': {
      const registry = p.text(p.get(source, 'registry')) ?? '';
      if ((p.text(p.get(source, 'tenant')) ?? '').length >= 65) report(`${where}.tenant must be a UUID of at most 64 characters: shorten it`, p.get(source, 'tenant'));
      else if (registry !== '' && registry.split(',').some((pair) => !/^(\[[^\]]*\]|[^:[\]]*):[^:]*$/.test(pair))) report(`${where}.registry is not host:port pairs: write host:port, or several separated by commas`, p.get(source, 'registry'));
      return;
    }
    case 'azureDisk': {
      const kindValue = p.text(p.get(source, 'kind')) || 'Shared'; // v1 defaulting
      const uri = p.text(p.get(source, 'diskURI')) ?? '';
      if (kindValue === 'Managed' && !uri.startsWith('/subscriptions/')) report(`${where}.diskURI must look like /subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id} for a Managed disk: correct it`, p.get(source, 'diskURI'));
      if (kindValue !== 'Managed' && uri !== '' && !uri.startsWith('https://')) report(`${where}.diskURI must look like https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd for a blob disk: correct it`, p.get(source, 'diskURI'));
      return;
    }
    case 'storageos':
      for (const field of ['volumeName', 'volumeNamespace']) {
        const value = p.text(p.get(source, field));
        const problem = value ? dns1123LabelProblem(value) : field === 'volumeName' ? 'is required: add it' : undefined;
        if (problem) report(`${where}.${field} "${value ?? ''}" ${problem}`, p.get(source, field) ?? p.keyOf(volume, kind));
      }
      return;
    case 'projected':
      checkProjected(p, source, where, report);
      return;
    case 'csi': {
      const driver = p.text(p.get(source, 'driver'));
      const problem = driver === undefined || driver === '' ? undefined : driver.length > 63 ? 'may not be longer than 63 characters: shorten it' : dns1123SubdomainProblem(driver.toLowerCase());
      if (problem) report(`${where}.driver "${driver}" ${problem}`, p.get(source, 'driver'));
      const secret = p.get(source, 'nodePublishSecretRef');
      if (secret !== null) checkRefName(p, secret, 'name', `${where}.nodePublishSecretRef`, report, true);
      return;
    }
    case 'ephemeral':
      checkClaimTemplate(p, volume, source, where, report);
      return;
    case 'image': {
      // validateImageVolumeSource (ImageVolume, beta and on by default since 1.35): the model leaves reference optional
      const reference = p.text(p.get(source, 'reference'));
      if ((reference === '' || (reference === undefined && p.get(source, 'reference') === null)) && p.certain(source, 'reference')) report(`${where}.reference is required: add the image or artifact to mount`, p.get(source, 'reference') ?? p.keyOf(volume, kind));
      return;
    }
    default:
  }
}

export const volumeSourceRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: CODE, wholeObject: true, defaultSeverity: 'error', description: 'A volume with no or more than one volume type, or a source the API server rejects: configMap/secret without a name, file modes above 0777, item paths absolute or with `..`, downward API fields not allowed in volumes, projected sources repeating a path, service account tokens under 10 minutes, nfs paths not absolute, CSI driver names, generic ephemeral volumes whose claim template the API server rejects (access modes, storage, selector, class names, data sources, metadata), image volumes without a reference.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    for (const volume of p.items(p.get(p.podSpec, 'volumes'))) {
      if (!isMap(volume)) continue;
      const name = p.text(p.get(volume, 'name')) ?? '';
      const sources = p.entries(volume).filter((e) => e.key !== 'name' && !p.isNull(e.value));
      const report: Report = (message, node) => p.report(CODE, 'error', message, node);
      if (sources.length === 0 && p.fullyKnown(volume)) report(`volume "${name}" has no volume type: add one (emptyDir, hostPath, configMap, secret, …)`, p.get(volume, 'name') ?? volume);
      if (sources.length > 1 && !sources.slice(1).every((s) => p.exclusive(sources[0].keyNode, s.keyNode))) report(`volume "${name}" has more than one volume type (${sources.map((s) => s.key).join(', ')}): keep one, or split it into two volumes`, sources[1].keyNode);
      for (const source of sources) checkSource(p, volume, source.key, source.value, name, report);
    }
  },
};
