/**
 * The shape of the Kubernetes API model the language service works from.
 * The data itself is generated at build time (scripts/generateApiModel.mjs) from
 * the upstream API definitions shipped in an npm package; nothing here is typed
 * by hand except the shape.
 */

/** The type of a field's value, as the API server decodes it. */
export type ApiType =
  | { kind: 'string'; enum?: string[] }
  /** int32 or int64 upstream (JSON decoding refuses a number beyond the width); absent when the source did not say. */
  | { kind: 'integer'; format?: 'int32' | 'int64' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  /** IntOrString: an integer or a string (e.g. `25%`, a named port). */
  | { kind: 'intOrString' }
  /** resource.Quantity: `500m`, `1Gi`, `2` (a number or a string). */
  | { kind: 'quantity' }
  /** A nested object, named by its definition in {@link ApiModel.definitions}. */
  | { kind: 'object'; ref: string }
  | { kind: 'array'; items: ApiType }
  /** A map with free keys (labels, annotations, nodeSelector, resources). */
  | { kind: 'map'; values: ApiType }
  /** Arbitrary JSON (e.g. RawExtension). */
  | { kind: 'any' };

export interface ApiField {
  name: string;
  type: ApiType;
  required: boolean;
  /** Upstream description, Markdown-safe plain text. */
  description: string;
  /** Upstream description of each enum value, when the upstream text gives one. */
  enumDescriptions?: Record<string, string>;
  /** The documented default, when the upstream text states one. */
  default?: string;
  /** How a strategic-merge patch treats the field (the upstream OpenAPI's x-kubernetes-* extensions), when it says. */
  patch?: PatchStrategy;
  /** The first supported Kubernetes version that has the field, when the oldest supported one does not. */
  since?: string;
  /** The last supported Kubernetes version that has the field, when the newest one does not. */
  until?: string;
  /** The feature gate the field sits behind, when it is off by default in some supported version. */
  gate?: FeatureGate;
}

/**
 * A field's feature gate (upstream's `+featureGate=` marker, its defaults from
 * kube_features.go; scripts/extractFeatureGates.mjs): while the gate is off,
 * the API server drops the field on create (pkg/api/pod/util.go dropDisabledFields).
 */
export interface FeatureGate {
  name: string;
  /** Each supported version where the gate is off by default, with its stage there (`alpha`, `beta`). */
  offByDefault: Record<string, string>;
}

/** The upstream OpenAPI's strategic-merge metadata of a field. */
export interface PatchStrategy {
  /** x-kubernetes-patch-strategy: `merge`, `replace`, `retainKeys`, `merge,retainKeys`. */
  strategy?: string;
  /** x-kubernetes-patch-merge-key: the key that identifies a list item (`name` for containers). */
  mergeKey?: string;
  /** x-kubernetes-list-type: `atomic`, `set` or `map`. */
  listType?: string;
  /** x-kubernetes-list-map-keys: the keys of a `map` list. */
  mapKeys?: string[];
  /** x-kubernetes-map-type: `atomic` or `granular`. */
  mapType?: string;
}

export interface ApiObject {
  /** Definition name, e.g. `io.k8s.api.core.v1.Toleration` shortened to `Toleration`. */
  name: string;
  description: string;
  fields: Record<string, ApiField>;
}

export interface ApiModel {
  /** The newest Kubernetes version the definitions describe, e.g. `1.36` (the default target). */
  kubernetesVersion: string;
  /**
   * Every supported Kubernetes minor version, oldest first (ends with
   * {@link kubernetesVersion}). A field some of them lack says which in
   * {@link ApiField.since} / {@link ApiField.until}: the older versions are
   * stored as differences from the newest.
   */
  kubernetesVersions: string[];
  /** The npm package and version the model was generated from. */
  source: string;
  /** Definition name of each top-level kind the product reads: DaemonSet, PriorityClass, Node, Pod. */
  roots: Record<string, string>;
  definitions: Record<string, ApiObject>;
}
