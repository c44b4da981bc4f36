/** `Struct.jsonName` -> gates, from the `+featureGate=` markers of a types.go text (inline embeddings lent to the embedding struct). */
export function readMarkers(text: string): Map<string, string[]>;
/** Gate -> its versioned specs, from a kube_features.go text. */
export function readVersionedSpecs(text: string): Map<string, Array<{ version: string; default: boolean; stage: string | undefined }>>;
/** The gate's default and stage in a version (its last spec at or before it); undefined before the gate existed. */
export function stateIn(specs: Array<{ version: string; default: boolean; stage: string | undefined }>, version: string): { default: boolean; stage: string } | undefined;
