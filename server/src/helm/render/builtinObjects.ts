/**
 * The objects Helm hands a template besides .Values: .Release, .Chart,
 * .Capabilities (helm template's defaults, as Helm 3.17 prints them), .Files
 * and .Template.
 */
import { posix } from 'node:path';
import { marshalYaml } from '../functions/goYaml';
import { compareGoStrings } from '../../common/goStrings';
import { type GoMap, type GoValue, GoInt, GoStruct } from '../template/values';

/** helm template's Kubernetes version when no cluster is asked (Helm 3.17: client-go 1.32). */
export const DEFAULT_KUBE_VERSION = { version: 'v1.32.0', major: '1', minor: '32' };
const HELM_VERSION = { Version: 'v3.17.3', GitCommit: 'e4da49785aa6e6ee2b86efd5dd9e43400318262b', GitTreeState: 'clean', GoVersion: 'go1.23.7' };

/** chartutil.DefaultVersionSet of Helm 3.17.3 (the API groups client-go 1.32 knows), in its order. */
const DEFAULT_API_VERSIONS = [
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1', 'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1', 'apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1', 'authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1',
  'autoscaling/v1', 'autoscaling/v2', 'autoscaling/v2beta1', 'autoscaling/v2beta2', 'batch/v1', 'batch/v1beta1',
  'certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1', 'certificates.k8s.io/v1alpha1', 'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1', 'events.k8s.io/v1',
  'events.k8s.io/v1beta1', 'extensions/v1beta1', 'flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1', 'networking.k8s.io/v1alpha1',
  'networking.k8s.io/v1beta1', 'node.k8s.io/v1', 'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1', 'policy/v1beta1',
  'rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1', 'resource.k8s.io/v1beta1',
  'resource.k8s.io/v1alpha3', 'scheduling.k8s.io/v1alpha1', 'scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1',
  'storage.k8s.io/v1beta1', 'storage.k8s.io/v1', 'storage.k8s.io/v1alpha1', 'storagemigration.k8s.io/v1alpha1',
  'apiextensions.k8s.io/v1beta1', 'apiextensions.k8s.io/v1',
];

export function releaseObject(name: string, namespace: string): GoMap {
  return new Map<string, GoValue>([
    ['Name', name], ['Namespace', namespace], ['IsUpgrade', false], ['IsInstall', true], ['Revision', new GoInt(1n)], ['Service', 'Helm'],
  ]);
}

export function capabilitiesObject(apiVersions: string[] = []): GoStruct {
  const kube = DEFAULT_KUBE_VERSION;
  const kubeVersion = new GoStruct('chartutil.KubeVersion', { Version: kube.version, Major: kube.major, Minor: kube.minor }, {
    GitVersion: { params: [], fn: () => kube.version },
    String: { params: [], fn: () => kube.version },
  }, () => kube.version, () => new Map<string, GoValue>([['Version', kube.version], ['Major', kube.major], ['Minor', kube.minor]]));
  const versions = [...DEFAULT_API_VERSIONS, ...apiVersions];
  const apis = new GoStruct('chartutil.VersionSet', {}, { Has: { params: ['string'], fn: (v) => versions.includes(v as string) } }, () => `[${versions.join(' ')}]`, () => versions);
  const helm = new GoStruct('chartutil.HelmVersion', { ...HELM_VERSION }, {}, () => `{${Object.values(HELM_VERSION).join(' ')}}`, () => new Map(Object.entries(HELM_VERSION).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v])));
  return new GoStruct('*chartutil.Capabilities', { APIVersions: apis, KubeVersion: kubeVersion, HelmVersion: helm });
}

const METADATA_FIELDS: Array<[string, string]> = [
  ['Name', 'name'], ['Home', 'home'], ['Sources', 'sources'], ['Version', 'version'], ['Description', 'description'],
  ['Keywords', 'keywords'], ['Maintainers', 'maintainers'], ['Icon', 'icon'], ['APIVersion', 'apiVersion'], ['Condition', 'condition'],
  ['Tags', 'tags'], ['AppVersion', 'appVersion'], ['Deprecated', 'deprecated'], ['Annotations', 'annotations'],
  ['KubeVersion', 'kubeVersion'], ['Dependencies', 'dependencies'], ['Type', 'type'],
];

/** .Chart: chart.Metadata's fields by their Go names, from Chart.yaml read as text. */
export function chartObject(meta: GoMap, isRoot = true): GoStruct {
  const fields: Record<string, GoValue> = {};
  for (const [goName, yamlName] of METADATA_FIELDS) {
    const v = meta.get(yamlName);
    fields[goName] = v ?? (['Sources', 'Keywords', 'Maintainers', 'Dependencies'].includes(goName) ? [] : goName === 'Annotations' ? new Map() : goName === 'Deprecated' ? false : '');
  }
  fields.IsRoot = isRoot;
  const json = (): GoValue => new Map([...meta].filter(([, v]) => v !== '' && v !== null));
  return new GoStruct('*chart.Metadata', fields, {}, undefined, json);
}

/** .Files: the chart's files outside templates/, with Helm's methods. */
export function filesObject(files: Map<string, Buffer>): GoStruct {
  const text = (p: string): string => files.get(p)?.toString('utf8') ?? '';
  return new GoStruct('engine.files', {}, {
    Get: { params: ['string'], fn: (p) => text(p as string) },
    GetBytes: { params: ['string'], fn: (p) => new Uint8Array(files.get(p as string) ?? []) },
    Glob: { params: ['string'], fn: (pattern) => filesObject(new Map([...files].filter(([p]) => globRegExp(pattern as string).test(p)))) },
    Lines: {
      params: ['string'],
      fn: (p) => {
        if (!files.has(p as string)) return [];
        let s = text(p as string);
        if (s.endsWith('\n')) s = s.slice(0, -1);
        return s.split('\n');
      },
    },
    AsConfig: { params: [], fn: () => (files.size ? yamlOfFiles(files, false) : '') },
    AsSecrets: { params: [], fn: () => (files.size ? yamlOfFiles(files, true) : '') },
  });
}

function yamlOfFiles(files: Map<string, Buffer>, base64: boolean): string {
  const m: GoMap = new Map();
  for (const p of [...files.keys()].sort(compareGoStrings)) m.set(posix.basename(p), base64 ? files.get(p)!.toString('base64') : files.get(p)!.toString('utf8'));
  return marshalYaml(m).text.replace(/\n$/, '');
}

/** gobwas/glob with '/' as separator: `*` within a segment, `**` across, `?`, `[…]`, `{a,b}`. */
function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',' && re.includes('(?:')) re += '|';
    else if (c === '[') {
      const close = pattern.indexOf(']', i);
      re += pattern.slice(i, close + 1).replace('[!', '[^');
      i = close;
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
