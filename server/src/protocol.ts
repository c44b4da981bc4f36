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
  labels: Record<string, string>;
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
  | { kind: 'error'; message: string };

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
  allocatable?: Record<string, string>;
  free?: Record<string, string>;
}
