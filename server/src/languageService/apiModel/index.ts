/**
 * The Kubernetes API model, generated at build time (scripts/generateApiModel.mjs)
 * and bundled into the server and CLI, plus look-ups by YAML path.
 */
import generated from '../../generated/apiModel.json';
import type { ApiField, ApiModel, ApiObject, ApiType } from './types';
import { dictionary, withoutPrototype } from '../../common/dictionary';

export type { ApiField, ApiModel, ApiObject, ApiType } from './types';
export { availability, compareVersions, fieldInVersion, gateOffIn, gateSummary, gateWarning, resolveTargetVersion, supportedVersions, versionGap } from './versions';

let cached: ApiModel | undefined;

/** The bundled model (parsed once per process). */
export function loadApiModel(): ApiModel {
  cached ??= userIndexable(generated as unknown as ApiModel);
  return cached;
}

/**
 * The model's maps are indexed by names from the user's YAML (`fields[key]`):
 * without a prototype, `toString` or `constructor` is an unknown field, not a
 * function of Object.prototype.
 */
function userIndexable(model: ApiModel): ApiModel {
  withoutPrototype(model.roots);
  withoutPrototype(model.definitions);
  for (const definition of Object.values(model.definitions)) {
    withoutPrototype(definition.fields);
    for (const field of Object.values(definition.fields)) if (field.enumDescriptions) withoutPrototype(field.enumDescriptions);
  }
  return model;
}

/** Definition name of a kind's root object, e.g. `DaemonSet`. */
export function rootFor(model: ApiModel, kind: string): string | undefined {
  return model.roots[kind];
}

/**
 * The type found at a YAML path below a root object: string segments name
 * fields or map keys, numbers index lists. Undefined when the path leaves the model.
 */
export function typeAt(model: ApiModel, path: readonly (string | number)[], root = model.roots.DaemonSet): ApiType | undefined {
  let type: ApiType | undefined = { kind: 'object', ref: root };
  for (const segment of path) {
    if (!type) return undefined;
    if (type.kind === 'object') {
      if (typeof segment !== 'string') return undefined;
      type = model.definitions[type.ref]?.fields[segment]?.type;
    } else if (type.kind === 'array') {
      if (typeof segment !== 'number') return undefined;
      type = type.items;
    } else if (type.kind === 'map') {
      type = type.values;
    } else {
      return undefined;
    }
  }
  return type;
}

/** The object definition at a path (the mapping a user edits there), if the path ends on an object. */
export function objectAt(model: ApiModel, path: readonly (string | number)[], root = model.roots.DaemonSet): ApiObject | undefined {
  const type = typeAt(model, path, root);
  return type?.kind === 'object' ? model.definitions[type.ref] : undefined;
}

/** The field a path ends on (its last segment must be a field name of an object). */
export function fieldAt(model: ApiModel, path: readonly (string | number)[], root = model.roots.DaemonSet): ApiField | undefined {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  return objectAt(model, path.slice(0, -1), root)?.fields[last];
}

/** A short, Go-like spelling of a type for details and hovers: `[]Toleration`, `map[string]string`. */
export function typeLabel(type: ApiType): string {
  switch (type.kind) {
    case 'object':
      return type.ref;
    case 'array':
      return `[]${typeLabel(type.items)}`;
    case 'map':
      return `map[string]${typeLabel(type.values)}`;
    case 'intOrString':
      return 'int-or-string';
    case 'any':
      return 'object';
    default:
      return type.kind;
  }
}

/**
 * Fields the API server's validation requires although the OpenAPI text calls
 * them optional (pkg/apis/core/validation: validateContainers requires image
 * for containers and init containers).
 */
export const VALIDATION_REQUIRED: Record<string, readonly string[]> = dictionary({ Container: ['image'] });

/** Whether a field must be set: required in the model or by validation. */
export function isRequired(object: ApiObject, field: ApiField): boolean {
  return field.required || (VALIDATION_REQUIRED[object.name]?.includes(field.name) ?? false);
}
