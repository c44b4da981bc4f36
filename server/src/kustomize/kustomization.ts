/**
 * Reads a kustomization file (`kind: Kustomization` or `kind: Component`) into
 * plain data: what the builder and the patch discovery need. Field names and
 * shapes follow Kustomize's `types.Kustomization` (api/types/kustomization.go);
 * deprecated forms Kustomize still accepts (`bases`, `patchesStrategicMerge`,
 * `patchesJson6902`, plain strings under `patches`) are read too.
 */
import { parse } from 'yaml';
import { GO_YAML_TAGS } from '../languageService/yamlModel/goYamlScalars';

/** The file names Kustomize looks for in a folder, in its order. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** Which resources a `patches` entry applies to (Kustomize's types.Selector). */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** One patch: a file (`path`) or inline text (`patch`), optionally with a target. */
export interface PatchEntry {
  path?: string;
  patch?: string;
  target?: PatchTarget;
  /** Where the entry came from: `patches`, `patchesStrategicMerge` or `patchesJson6902`. */
  field: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902';
  /** Its index in that list (for the line of an inline patch). */
  index: number;
  options?: { allowNameChange?: boolean; allowKindChange?: boolean };
}

export interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export interface LabelEntry {
  pairs: Record<string, string>;
  includeSelectors: boolean;
  includeTemplates: boolean;
}

/** Kustomize's GeneratorOptions (an entry's `options`, or the kustomization's `generatorOptions`). */
export interface GeneratorOptions {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/** A `configMapGenerator` or `secretGenerator` entry. */
export interface GeneratorEntry {
  kind: 'ConfigMap' | 'Secret';
  field: 'configMapGenerator' | 'secretGenerator';
  /** Its index in that list (for the line of a message). */
  index: number;
  name?: string;
  namespace?: string;
  behavior?: string;
  literals: string[];
  files: string[];
  envs: string[];
  /** A Secret's type (Opaque when not given). */
  type?: string;
  options?: GeneratorOptions;
}

export interface Kustomization {
  kind: 'Kustomization' | 'Component';
  resources: string[];
  components: string[];
  patches: PatchEntry[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  /** `commonLabels` (into selectors and templates) and `labels` entries, in that order. */
  labels: LabelEntry[];
  commonAnnotations: Record<string, string>;
  images: ImageEntry[];
  /** configMapGenerator entries, then secretGenerator entries (Kustomize's order). */
  generators: GeneratorEntry[];
  generatorOptions?: GeneratorOptions;
  /** Fields the built-in builder does not implement, by name (the build says so). */
  unsupported: string[];
}

/** Fields read above; any other top-level field present is reported as unsupported by the built-in builder. */
const KNOWN = new Set(['apiVersion', 'kind', 'metadata', 'resources', 'bases', 'components', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'namespace', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'commonAnnotations', 'images', 'configMapGenerator', 'secretGenerator', 'generatorOptions']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined);

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, str(v) ?? '']));
}

/**
 * The first label or annotation value that is a number or a boolean to go-yaml
 * (`version: 1.2`, `enabled: on`): Kustomize decodes these maps into strings
 * and stops ("json: cannot unmarshal number into Go struct field
 * Kustomization.commonLabels of type string").
 */
function nonStringValue(raw: Record<string, unknown>): string | undefined {
  const maps: Array<[string, unknown]> = [['commonLabels', raw.commonLabels], ['commonAnnotations', raw.commonAnnotations]];
  if (Array.isArray(raw.labels)) raw.labels.forEach((entry, i) => maps.push([`labels[${i}].pairs`, isRecord(entry) ? entry.pairs : undefined]));
  for (const [field, map] of maps) {
    if (!isRecord(map)) continue;
    for (const [key, value] of Object.entries(map)) {
      if (typeof value === 'number' || typeof value === 'boolean') {
        return `${field}.${key} is the ${typeof value} ${String(value)} to Kustomize, which reads it into text and stops (json: cannot unmarshal ${typeof value === 'number' ? 'number' : 'bool'} into Go struct field of type string); quote the value`;
      }
    }
  }
  return undefined;
}

function target(value: unknown): PatchTarget | undefined {
  if (!isRecord(value)) return undefined;
  const out: PatchTarget = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const v = str(value[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function generatorOptions(value: unknown): GeneratorOptions | undefined {
  if (!isRecord(value)) return undefined;
  return { labels: stringMap(value.labels), annotations: stringMap(value.annotations), disableNameSuffixHash: value.disableNameSuffixHash === true, immutable: value.immutable === true };
}

function generatorEntries(value: unknown, field: GeneratorEntry['field']): GeneratorEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index): GeneratorEntry[] => {
    if (!isRecord(item)) return [];
    // `env` (one file) is the older spelling of `envs`
    const envs = [...strings(item.envs), ...(typeof item.env === 'string' && item.env !== '' ? [item.env] : [])];
    return [{ kind: field === 'secretGenerator' ? 'Secret' : 'ConfigMap', field, index, name: str(item.name), namespace: str(item.namespace), behavior: str(item.behavior), literals: strings(item.literals), files: strings(item.files), envs, type: str(item.type), options: generatorOptions(item.options) }];
  });
}

/** A patch given as a string: a path, or inline YAML when it spans lines (Kustomize's rule for patchesStrategicMerge). */
function fromString(text: string, field: PatchEntry['field'], index: number): PatchEntry {
  return text.includes('\n') ? { patch: text, field, index } : { path: text, field, index };
}

function patchEntries(value: unknown, field: PatchEntry['field']): PatchEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index): PatchEntry[] => {
    if (typeof item === 'string') return [fromString(item, field, index)];
    if (!isRecord(item)) return [];
    const options = isRecord(item.options) ? { allowNameChange: item.options.allowNameChange === true, allowKindChange: item.options.allowKindChange === true } : undefined;
    return [{ path: str(item.path), patch: str(item.patch), target: target(item.target), field, index, options }];
  });
}

/** The kustomization in `text`, or an error message when it is not one. */
export function parseKustomization(text: string): Kustomization | { error: string } {
  let raw: unknown;
  try {
    // Kustomize reads its kustomization through sigs.k8s.io/yaml: go-yaml v2's scalars (GO_YAML_TAGS), then JSON into its types.
    raw = parse(text, { version: '1.1', schema: 'failsafe', customTags: GO_YAML_TAGS, merge: true, uniqueKeys: false });
  } catch (error) {
    return { error: `not valid YAML: ${(error as Error).message.split('\n')[0]}; correct the YAML` };
  }
  if (raw === null || raw === undefined) raw = {};
  if (!isRecord(raw)) return { error: 'a kustomization must be a mapping: write its fields (resources, patches, …) as `key: value` lines' };
  const notText = nonStringValue(raw);
  if (notText) return { error: notText };
  const kind = raw.kind === 'Component' ? 'Component' : 'Kustomization';
  const labels: LabelEntry[] = [];
  if (isRecord(raw.commonLabels)) labels.push({ pairs: stringMap(raw.commonLabels), includeSelectors: true, includeTemplates: true });
  if (Array.isArray(raw.labels)) {
    for (const entry of raw.labels) {
      if (!isRecord(entry)) continue;
      const includeSelectors = entry.includeSelectors === true;
      // Kustomize: includeSelectors implies the templates; includeTemplates alone adds them to templates only.
      labels.push({ pairs: stringMap(entry.pairs), includeSelectors, includeTemplates: includeSelectors || entry.includeTemplates === true });
    }
  }
  const images = Array.isArray(raw.images)
    ? raw.images.flatMap((image): ImageEntry[] => (isRecord(image) && typeof image.name === 'string' ? [{ name: image.name, newName: str(image.newName), newTag: str(image.newTag), digest: str(image.digest) }] : []))
    : [];
  return {
    kind,
    resources: [...strings(raw.resources), ...strings(raw.bases)],
    components: strings(raw.components),
    patches: [...patchEntries(raw.patchesStrategicMerge, 'patchesStrategicMerge'), ...patchEntries(raw.patches, 'patches'), ...patchEntries(raw.patchesJson6902, 'patchesJson6902')],
    namespace: str(raw.namespace),
    namePrefix: str(raw.namePrefix),
    nameSuffix: str(raw.nameSuffix),
    labels,
    commonAnnotations: stringMap(raw.commonAnnotations),
    images,
    generators: [...generatorEntries(raw.configMapGenerator, 'configMapGenerator'), ...generatorEntries(raw.secretGenerator, 'secretGenerator')],
    generatorOptions: generatorOptions(raw.generatorOptions),
    unsupported: Object.keys(raw).filter((key) => !KNOWN.has(key)),
  };
}
