/** Picture file name (in docs/images) → the repository-relative files and folders it shows. */
export const PICTURES: Record<string, string[]>;
export const MANIFEST: string;
/** SHA-256 over the sources' files (paths and bytes). */
export function sourcesHash(root: string, sources: string[]): string;
/** The manifest for the sources as they are now. */
export function currentManifest(root: string): Record<string, { sources: string[]; sha256: string }>;
/** Pictures that are missing or older than what they show, each with why. */
export function stalePictures(root: string): string[];
