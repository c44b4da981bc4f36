/**
 * Where Kustomize's built-in transformers write, for the kinds a node agent's
 * overlay holds: the fieldSpecs of kustomize's api/internal/konfig/
 * builtinpluginconsts (commonlabels.go, metadatalabels.go,
 * commonannotations.go, images.go, namereference.go), as data.
 */

/** A path below a resource; `[]` steps into every item of a list. */
export interface FieldSpec {
  kinds?: readonly string[];
  path: string;
  /** Create the field when missing (Kustomize's `create: true`). */
  create: boolean;
}

const WORKLOADS_WITH_TEMPLATE = ['ReplicationController', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'];

/** Selectors commonLabels (and `labels` with includeSelectors) write. */
export const SELECTOR_LABELS: readonly FieldSpec[] = [
  { kinds: ['Service', 'ReplicationController'], path: 'spec/selector', create: true },
  { kinds: ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'], path: 'spec/selector/matchLabels', create: true },
  ...['podAffinity', 'podAntiAffinity'].flatMap((affinity) => [
    { kinds: ['Deployment', 'StatefulSet'], path: `spec/template/spec/affinity/${affinity}/preferredDuringSchedulingIgnoredDuringExecution[]/podAffinityTerm/labelSelector/matchLabels`, create: false },
    { kinds: ['Deployment', 'StatefulSet'], path: `spec/template/spec/affinity/${affinity}/requiredDuringSchedulingIgnoredDuringExecution[]/labelSelector/matchLabels`, create: false },
  ]),
  { kinds: ['Deployment', 'StatefulSet'], path: 'spec/template/spec/topologySpreadConstraints[]/labelSelector/matchLabels', create: false },
  { kinds: ['Job'], path: 'spec/selector/matchLabels', create: false },
  { kinds: ['CronJob'], path: 'spec/jobTemplate/spec/selector/matchLabels', create: false },
  { kinds: ['PodDisruptionBudget'], path: 'spec/selector/matchLabels', create: false },
  { kinds: ['NetworkPolicy'], path: 'spec/podSelector/matchLabels', create: false },
];

/** Pod templates commonLabels (and `labels` with includeTemplates) write. */
export const TEMPLATE_LABELS: readonly FieldSpec[] = [
  { kinds: WORKLOADS_WITH_TEMPLATE, path: 'spec/template/metadata/labels', create: true },
  { kinds: ['CronJob'], path: 'spec/jobTemplate/metadata/labels', create: true },
  { kinds: ['CronJob'], path: 'spec/jobTemplate/spec/template/metadata/labels', create: true },
];

export const METADATA_LABELS: readonly FieldSpec[] = [{ path: 'metadata/labels', create: true }];

export const ANNOTATIONS: readonly FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  { kinds: [...WORKLOADS_WITH_TEMPLATE], path: 'spec/template/metadata/annotations', create: true },
  { kinds: ['CronJob'], path: 'spec/jobTemplate/metadata/annotations', create: true },
  { kinds: ['CronJob'], path: 'spec/jobTemplate/spec/template/metadata/annotations', create: true },
];

/** Image fields of pods and pod templates (images.go). */
export const IMAGES: readonly FieldSpec[] = ['spec', 'spec/template/spec', 'spec/jobTemplate/spec/template/spec'].flatMap((pod) => [
  { path: `${pod}/containers[]/image`, create: false },
  { path: `${pod}/initContainers[]/image`, create: false },
]);

/** Pod spec fields that name another object, by the referenced kind (namereference.go, for pods and pod templates). */
export const NAME_REFERENCES: Readonly<Record<string, readonly string[]>> = {
  ConfigMap: ['volumes[]/configMap/name', 'containers[]/env[]/valueFrom/configMapKeyRef/name', 'initContainers[]/env[]/valueFrom/configMapKeyRef/name', 'containers[]/envFrom[]/configMapRef/name', 'initContainers[]/envFrom[]/configMapRef/name', 'volumes[]/projected/sources[]/configMap/name'],
  Secret: ['volumes[]/secret/secretName', 'containers[]/env[]/valueFrom/secretKeyRef/name', 'initContainers[]/env[]/valueFrom/secretKeyRef/name', 'containers[]/envFrom[]/secretRef/name', 'initContainers[]/envFrom[]/secretRef/name', 'imagePullSecrets[]/name', 'volumes[]/projected/sources[]/secret/name'],
  ServiceAccount: ['serviceAccountName'],
  PersistentVolumeClaim: ['volumes[]/persistentVolumeClaim/claimName'],
  PriorityClass: ['priorityClassName'],
};

/** Where a kind keeps its pod spec (for name references). */
export const POD_SPEC_PATHS: Readonly<Record<string, string>> = {
  Pod: 'spec',
  ...Object.fromEntries(WORKLOADS_WITH_TEMPLATE.map((kind) => [kind, 'spec/template/spec'])),
  CronJob: 'spec/jobTemplate/spec/template/spec',
};

/** Kinds without a namespace (the namespace transformer leaves them alone). */
export const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'RuntimeClass', 'IngressClass', 'APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'PodSecurityPolicy', 'ComponentStatus', 'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration']);

/** Kinds the prefix and suffix transformers do not rename (PrefixTransformer's skip list). */
export const NOT_RENAMED = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);
