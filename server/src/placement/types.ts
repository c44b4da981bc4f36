/**
 * Plain data of the placement engine: a DaemonSet as the controller sees it,
 * a cluster profile, and the verdict per node. No YAML, no editor types: the
 * YAML side fills these in and keeps source ranges (file offsets) so reasons
 * can point at the manifest.
 */

/** File offsets of the manifest text that causes a reason. */
export interface SourceRange {
  start: number;
  end: number;
}

/** Resource amounts: `cpu` in millicores, everything else in whole units (bytes, pods, devices). */
export type ResourceAmounts = Record<string, bigint>;

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
  /** Added by the DaemonSet controller, not written in the manifest. */
  automatic?: boolean;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface SelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: SelectorRequirement[];
  matchFields?: SelectorRequirement[];
  source?: SourceRange;
}

export interface PreferredTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export interface HostPort {
  port: number;
  /** TCP (default), UDP or SCTP. */
  protocol: string;
  /** 0.0.0.0 (default) overlaps every address. */
  hostIP: string;
}

export interface ContainerModel {
  name: string;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
  ports: Array<{ containerPort: number; hostPort?: number; protocol?: string; hostIP?: string; source?: SourceRange }>;
  /** `Always` marks a restartable (sidecar) init container. */
  restartPolicy?: string;
  source?: { resources?: SourceRange; container?: SourceRange };
}

export interface DaemonSetModel {
  name: string;
  namespace: string;
  nodeSelector: Record<string, string>;
  /** Undefined when there is no required node affinity. */
  requiredTerms?: NodeSelectorTerm[];
  preferredTerms: PreferredTerm[];
  nodeName?: string;
  tolerations: Toleration[];
  hostNetwork: boolean;
  containers: ContainerModel[];
  initContainers: ContainerModel[];
  overhead: ResourceAmounts;
  /** Pod-level requests/limits (spec.resources), when set. */
  podResources?: { requests: ResourceAmounts; limits: ResourceAmounts };
  priorityClassName?: string;
  /** spec.updateStrategy, for the rollout estimate. */
  updateStrategy?: { type?: string; maxUnavailable?: string | number; maxSurge?: string | number };
  sources: {
    document?: SourceRange;
    nodeSelector?: SourceRange;
    nodeSelectorKeys?: Record<string, SourceRange>;
    affinity?: SourceRange;
    nodeName?: SourceRange;
    tolerations?: SourceRange;
    /** Where a new toleration would go (the pod spec). */
    podSpec?: SourceRange;
  };
}

export interface NodeModel {
  name: string;
  /** The concise profile's pool, when the node came from one. */
  pool?: string;
  labels: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
  /** Undefined when the profile gives no allocatable figures. */
  allocatable?: ResourceAmounts;
  /** Requests of the pods already bound to the node, and their count. */
  requested: ResourceAmounts;
  podCount: number;
  hostPorts: HostPort[];
  /** Status of the Ready condition, when known (information only: taints decide). */
  ready?: boolean;
}

export interface ClusterProfile {
  name: string;
  nodes: NodeModel[];
}

export type ReasonCode =
  | 'NodeSelectorMismatch'
  | 'NodeAffinityMismatch'
  | 'NodeNameMismatch'
  | 'UntoleratedTaint'
  | 'InsufficientCPU'
  | 'InsufficientMemory'
  | 'InsufficientEphemeralStorage'
  | 'InsufficientPods'
  | 'InsufficientResource'
  | 'HostPortConflict';

export interface Reason {
  code: ReasonCode;
  message: string;
  /** The manifest text that causes it. */
  source?: SourceRange;
  /** Extra data for quick fixes (e.g. the untolerated taint). */
  taint?: Taint;
  selectorKey?: string;
}

export type NodeStatus = 'runs' | 'pending' | 'excluded';

export interface NodePlacement {
  name: string;
  pool?: string;
  status: NodeStatus;
  reasons: Reason[];
  notes: string[];
  /** Sum of the weights of the preferred node affinity terms the node matches. */
  score: number;
}

export interface PlacementResult {
  nodes: NodePlacement[];
  summary: { runs: number; pending: number; excluded: number };
}
