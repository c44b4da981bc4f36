/**
 * Every custom message between the client and the server, in one place.
 * The client imports this file too, so the protocol is declared once.
 * (Only plain types and method names: no runtime dependency on either side.)
 */

/** A range in a document, 0-based (LSP convention). */
export interface ProtocolRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * Client -> server: the placement of every DaemonSet of a document on a
 * cluster profile. The server reads the profile file (or its built-in sample).
 */
export const PlacementRequestMethod = 'daemonsetTools/placement';

/**
 * The quiet period after a keystroke before the client asks again (when no
 * request is on the wire): it folds a burst of edits (a paste, an
 * auto-indent) into one request while the view still follows typing.
 */
export const PLACEMENT_DEBOUNCE_MS = 25;

export interface PlacementParams {
  uri: string;
  /** Absolute path of the profile file; the built-in sample when absent. */
  profilePath?: string;
}

export interface PlacementReason {
  code: string;
  message: string;
  /** Where in the manifest the reason comes from. */
  range?: ProtocolRange;
}

export interface PlacementNode {
  name: string;
  pool?: string;
  status: 'runs' | 'pending' | 'excluded';
  reasons: PlacementReason[];
  notes: string[];
  score: number;
  /**
   * The labels that tell the node apart, as `key=value` (`key` when the value
   * is empty): not those equal to the defaults every node has (hostname =
   * its name, os linux, arch amd64). Kept short because a profile may hold
   * thousands of nodes; every label comes with the node details.
   */
  labels: string[];
  taints: string[];
}

export interface PlacementDaemonSet {
  name: string;
  namespace: string;
  /** Range of the DaemonSet document's first key (for code lenses). */
  range: ProtocolRange;
  nodes: PlacementNode[];
  summary: { runs: number; pending: number; excluded: number };
  /** How a rolling update would proceed on the nodes that run it. */
  rollout: { summary: string; atOnce: number; waves: number };
}

export type PlacementResult =
  | { kind: 'ok'; profile: { name: string; nodes: number; path?: string }; daemonSets: PlacementDaemonSet[] }
  /** `cause: 'profile'`: the cluster profile could not be read (the view offers to open or switch it). */
  | { kind: 'error'; message: string; cause?: 'profile' };

/**
 * Client -> server: a node's allocatable and free room, asked for when the
 * user looks at the node (kept out of the placement answer, which stays small
 * on profiles of thousands of nodes).
 */
export const NodeDetailsRequestMethod = 'daemonsetTools/nodeDetails';

export interface NodeDetailsParams {
  node: string;
  profilePath?: string;
}

export interface NodeDetailsResult {
  labels: Record<string, string>;
  allocatable?: Record<string, string>;
  free?: Record<string, string>;
}

/**
 * Client -> server: the placement of a document's DaemonSets on two sides and
 * what changes between them (Compare Profiles: one text, two profiles;
 * Compare with Git HEAD: the committed text and the editor's, one profile).
 */
export const ComparePlacementRequestMethod = 'daemonsetTools/comparePlacement';

export interface PlacementSide {
  /** What the side is, for the user: a profile name, `HEAD`, `unsaved`. */
  label: string;
  /** Absolute path of the profile file; the built-in sample when absent. */
  profilePath?: string;
  /** The manifest text to place; the open document's when absent. */
  text?: string;
}

export interface ComparePlacementParams {
  uri: string;
  before: PlacementSide;
  after: PlacementSide;
}

/** A node whose verdict differs between the two sides (absent: the node is not in that side's profile). */
export interface NodeChange {
  node: string;
  before?: PlacementNode['status'];
  after?: PlacementNode['status'];
  /** Why the node is not running the pod on the after side, else on the before side. */
  reasons: string[];
}

export interface DaemonSetComparison {
  name: string;
  namespace: string;
  /** Absent when the DaemonSet is not in that side's text. */
  before?: PlacementDaemonSet['summary'] & { nodes: number };
  after?: PlacementDaemonSet['summary'] & { nodes: number };
  changes: NodeChange[];
}

export type PlacementComparison =
  | { kind: 'ok'; before: { label: string; profile: string }; after: { label: string; profile: string }; daemonSets: DaemonSetComparison[] }
  | { kind: 'error'; message: string };

/**
 * What the client hands the server in `initialize` (initializationOptions).
 * `trusted`: whether the user trusts the workspace; absent means untrusted, so
 * a client that never says gets the restricted behaviour (profiles only from
 * inside the workspace folders).
 */
export interface ServerInitializationOptions {
  settings?: unknown;
  trusted?: boolean;
}

/**
 * Client -> server notification: the workspace's trust changed (VS Code only
 * ever grants trust while running; taking it back reloads the window, which
 * starts a new server).
 */
export const WorkspaceTrustNotificationMethod = 'daemonsetTools/workspaceTrust';

export interface WorkspaceTrustParams {
  trusted: boolean;
}

/**
 * Client -> server: the server's process id, so the client can tell a
 * restarted server from the old one (and tests can stop it the way a crash would).
 */
export const ServerProcessRequestMethod = 'daemonsetTools/serverProcess';

export interface ServerProcessResult {
  pid: number;
  /**
   * How many times the server made one string of a whole edited document
   * (tests check that a keystroke makes none: the text is kept in chunks).
   */
  textJoins: number;
}

/** A place in a workspace file (a base resource, a patch, a kustomization). */
export interface SourceLocation {
  uri: string;
  range: ProtocolRange;
}

/**
 * Client -> server: the placement of the DaemonSets a Kustomize overlay
 * builds to. `uri` is a kustomization file (kustomization.yaml/.yml,
 * Kustomization) or a file one of them names as a patch; the overlay is that
 * kustomization's folder. The server builds it with `kubectl kustomize` when
 * the workspace is trusted and a kubectl is configured, else with the
 * built-in engine (see README "Kustomize").
 */
export const OverlayPlacementRequestMethod = 'daemonsetTools/overlayPlacement';

export interface OverlayPlacementParams {
  uri: string;
  /** Absolute path of the profile file; the built-in sample when absent. */
  profilePath?: string;
}

export interface OverlayInfo {
  /** The overlay's folder name (`prod` for overlays/prod), for labels such as `overlay prod: runs on 41 of 48 nodes`. */
  name: string;
  folderUri: string;
  kustomizationUri: string;
  engine: 'kubectl' | 'builtin';
  /** What the engine could not do or warned about, said plainly. */
  warnings: string[];
}

/**
 * A DaemonSet built from sources the user edits (a Kustomize overlay, a Helm
 * chart), placed: `range` and the reasons' `range` are in the built text,
 * which no editor shows (the client ignores them); `location` is where the
 * DaemonSet is defined (its base resource, its template) and each reason's
 * `location` the source line that causes it (a base, patch, template or
 * values-file line).
 */
export interface BuiltDaemonSet extends PlacementDaemonSet {
  location?: SourceLocation;
  nodes: Array<PlacementNode & { reasons: Array<PlacementReason & { location?: SourceLocation }> }>;
}

/** The placement of what a source folder builds to, shared by overlays and charts. */
export interface BuiltPlacement {
  profile: { name: string; nodes: number; path?: string };
  daemonSets: BuiltDaemonSet[];
}

/** A failure to build or place built sources: where it happened when known; `cause: 'profile'` when the profile could not be read. */
export interface BuiltPlacementError {
  kind: 'error';
  message: string;
  location?: SourceLocation;
  cause?: 'profile';
}

/** The overlay's DaemonSets (the shared built shape). */
export type OverlayDaemonSet = BuiltDaemonSet;

export type OverlayPlacementResult =
  | ({ kind: 'ok'; overlay: OverlayInfo } & BuiltPlacement)
  /** The document belongs to no overlay (it is not a kustomization, nor a patch one names). */
  | { kind: 'none' }
  | (BuiltPlacementError & { overlay?: OverlayInfo });

/**
 * Client -> server: Compare Overlays: the DaemonSets two overlays (or a base
 * and an overlay) build to, placed on one profile, and what changes.
 * DaemonSets are matched by the base resource that defines them (overlays
 * rename them), shown with the `after` side's namespace and name.
 */
export const CompareOverlaysRequestMethod = 'daemonsetTools/compareOverlays';

export interface CompareOverlaysParams {
  /** Each side: a kustomization file, or a file an overlay names as a patch; `profilePath` overrides the shared one (Compare Profiles on an overlay). */
  before: { uri: string; label?: string; profilePath?: string };
  after: { uri: string; label?: string; profilePath?: string };
  profilePath?: string;
}

/**
 * Client -> server: the placement of the DaemonSets a Helm chart renders to.
 * `uri` is a file of the chart: a template (YAML under templates/), a helpers
 * file (`*.tpl`), a values file or Chart.yaml. The chart renders with its
 * values.yaml first, then `valuesFiles` in order (as `helm template -f`),
 * release `release-name`, namespace `default` (or the `helm:` options of the
 * chart's `.daemonset-tools.yaml`); open documents' unsaved text counts.
 * Built-in engine, or `helm template` when the workspace is trusted, helm is
 * available (`daemonsetTools.helmPath`, the file's `helm.path`, PATH) and no
 * file of the chart has unsaved edits. Cancelling the request stops helm
 * (the answer is then an error that says so).
 */
export const ChartPlacementRequestMethod = 'daemonsetTools/chartPlacement';

export interface ChartPlacementParams {
  uri: string;
  /** Absolute path of the profile file; the built-in sample when absent. */
  profilePath?: string;
  /**
   * The user's Select Values Files choice: values files after values.yaml,
   * relative to the chart's folder (`values-prod.yaml`, `ci/gpu-values.yaml`).
   * Absent when the user chose none: the `helm.values` of the chart's
   * `.daemonset-tools.yaml` apply (values.yaml alone without them).
   */
  valuesFiles?: string[];
}

export interface ChartInfo {
  /** Chart.yaml's name, for labels such as `chart node-agent (values.yaml, values-prod.yaml): runs on …`. */
  name: string;
  /** The chart's folder (the one holding Chart.yaml). */
  rootUri: string;
  /** The values files rendered with, relative to the chart's folder, in order (values.yaml first when the chart has one). */
  valuesFiles: string[];
  /** Every values file of the chart (values.yaml, values*.yaml, *.values.yaml, ci/*.yaml), for Select Values Files. */
  availableValuesFiles: string[];
  engine: 'helm' | 'builtin';
  /** What the engine could not do or warned about, said plainly. */
  warnings: string[];
  /** The release name and namespace rendered with (helm template's defaults, or the `.daemonset-tools.yaml`'s `helm.release`/`helm.namespace`). */
  release: string;
  namespace: string;
  /** The `.daemonset-tools.yaml` whose `helm:` options applied, when one did. */
  configUri?: string;
}

export type ChartPlacementResult =
  | ({ kind: 'ok'; chart: ChartInfo } & BuiltPlacement)
  /** The document is in no chart. */
  | { kind: 'none' }
  | (BuiltPlacementError & { chart?: ChartInfo });

/**
 * Client -> server: Compare Values Files: the chart of `uri` rendered with
 * two sets of values files (each after values.yaml), placed on one profile,
 * and what changes (DaemonSets matched by namespace and name).
 */
export const CompareValuesFilesRequestMethod = 'daemonsetTools/compareValuesFiles';

export interface CompareValuesFilesParams {
  uri: string;
  /**
   * Each side: values files after values.yaml (chart-relative); `label`
   * defaults to the files' names; `profilePath` overrides the shared one
   * (Compare Profiles on a chart: the same values files on two profiles).
   */
  before: { valuesFiles: string[]; label?: string; profilePath?: string };
  after: { valuesFiles: string[]; label?: string; profilePath?: string };
  profilePath?: string;
}

/**
 * Client -> server: the Kubernetes version manifests are checked against
 * (for the status bar and Select Kubernetes Version), and the versions the
 * bundled API model supports. `uri`: the active document, if any.
 */
export const KubernetesVersionRequestMethod = 'daemonsetTools/kubernetesVersion';

/** Server -> client: new settings changed the target version (same shape as the request's answer). */
export const KubernetesVersionChangedNotificationMethod = 'daemonsetTools/kubernetesVersionChanged';

export interface KubernetesVersionParams {
  uri?: string;
}

export interface KubernetesVersionResult {
  /** The target version, e.g. `1.33`. */
  version: string;
  /**
   * Where it comes from: the `daemonsetTools.kubernetesVersion` setting, the
   * `kubernetesVersion` of the `.daemonset-tools.yaml` that applies to the
   * document (`configFile`), or the newest supported version.
   */
  source: 'setting' | 'config' | 'default';
  configFile?: string;
  /** Supported minor versions, oldest first. */
  versions: string[];
  /** Set when the setting names a version the model does not support (the newest is used). */
  problem?: string;
}

/**
 * Client -> server: Show Effective Configuration: the `.daemonset-tools.yaml`
 * that applies to a document (or, without one, to the first workspace
 * folder), printed exactly as `daemonset-tools config --print` prints it.
 */
export const EffectiveConfigurationRequestMethod = 'daemonsetTools/effectiveConfiguration';

export interface EffectiveConfigurationParams {
  /** A document whose folder decides which file applies; the first workspace folder when absent. */
  uri?: string;
}

export type EffectiveConfigurationResult =
  /**
   * `overriddenRules`: rule ids whose severity `daemonsetTools.diagnostics.rules` sets over the file in this editor;
   * `overriddenSettings`: what else this editor uses instead of the file's (its version or profile), one sentence each.
   */
  | { kind: 'ok'; text: string; overriddenRules: string[]; overriddenSettings: string[] }
  /** The file has errors (the CLI refuses it) or there is no folder to look in: said in `message`. */
  | { kind: 'error'; message: string };

/**
 * Client -> server notification: the lines an editor shows of a document
 * (sent when they change, and when an editor opens it). The server checks
 * those documents of a big file first and the rest in the background.
 */
export const VisibleRangesNotificationMethod = 'daemonsetTools/visibleRanges';

export interface VisibleRangesParams {
  uri: string;
  ranges: ProtocolRange[];
}
