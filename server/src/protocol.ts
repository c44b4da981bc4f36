/**
 * Every custom message between the client and the server, in one place.
 * The client imports this file too, so the protocol is declared once.
 * (Only plain types and method names: no runtime dependency on either side.)
 */

/** Client -> server: the placement of every DaemonSet in a document on the active cluster profile. */
export const PlacementRequestMethod = 'daemonsetTools/placement';
