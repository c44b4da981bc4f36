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
 * A built DaemonSet: `range` and the reasons' `range` are unset (they would be
 * in the build's text, which no editor shows); `location` is where the
 * DaemonSet is defined (its base resource) and each reason's `location` the
 * base or patch line that causes it.
 */
export interface OverlayDaemonSet extends PlacementDaemonSet {
  location?: SourceLocation;
  nodes: Array<PlacementNode & { reasons: Array<PlacementReason & { location?: SourceLocation }> }>;
}

export type OverlayPlacementResult =
  | { kind: 'ok'; overlay: OverlayInfo; profile: { name: string; nodes: number; path?: string }; daemonSets: OverlayDaemonSet[] }
  /** The document belongs to no overlay (it is not a kustomization, nor a patch one names). */
  | { kind: 'none' }
  | { kind: 'error'; message: string; overlay?: OverlayInfo };

/**
 * Client -> server: Compare Overlays: the DaemonSets two overlays (or a base
 * and an overlay) build to, placed on one profile, and what changes.
 * DaemonSets are matched by the base resource that defines them (overlays
 * rename them), shown with the `after` side's namespace and name.
 */
export const CompareOverlaysRequestMethod = 'daemonsetTools/compareOverlays';

export interface CompareOverlaysParams {
  /** Each side: a kustomization file, or a file an overlay names as a patch. */
  before: { uri: string; label?: string };
  after: { uri: string; label?: string };
  profilePath?: string;
}

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
