/**
 * The YAML extension's (redhat.vscode-yaml, yaml-language-server) view of the
 * Kubernetes schema, read from its `yaml.schemas` setting: which entries apply
 * the Kubernetes schema, and the setting with DaemonSet files excluded from
 * them. Plain data only (no VS Code), so it is tested without an editor.
 *
 * yaml-language-server reads `yaml.schemas` as `{ <schema>: <glob> | <glob>[] }`;
 * the schema `kubernetes` (any case) or a kubernetes-json-schema URL is the
 * Kubernetes one, and a glob starting with `!` removes files from that entry
 * (its FilePatternAssociation: a file matches when a positive glob matches and
 * no negative one does).
 */

/** The id under which the YAML extension is installed. */
export const YAML_EXTENSION_ID = 'redhat.vscode-yaml';

/** What yaml-language-server accepts as the Kubernetes schema (its `isKubernetes`): the keyword or a kubernetes-json-schema URL. */
export function isKubernetesSchema(schema: string): boolean {
  return schema.trim().toLowerCase() === 'kubernetes' || /\/kubernetes-json-schema\//.test(schema);
}

/** One `yaml.schemas` entry that applies the Kubernetes schema. */
export interface KubernetesAssociation {
  /** The key in `yaml.schemas` (the keyword or the URL). */
  schema: string;
  /** Globs that add files (as written, without `!`). */
  include: string[];
  /** Globs that remove files (as written, without the leading `!`). */
  exclude: string[];
}

/** The entries of a `yaml.schemas` value that apply the Kubernetes schema (none when the value is not an object). */
export function kubernetesAssociations(schemas: unknown): KubernetesAssociation[] {
  if (!schemas || typeof schemas !== 'object' || Array.isArray(schemas)) return [];
  const associations: KubernetesAssociation[] = [];
  for (const [schema, value] of Object.entries(schemas as Record<string, unknown>)) {
    if (!isKubernetesSchema(schema)) continue;
    const globs = (Array.isArray(value) ? value : [value]).filter((glob): glob is string => typeof glob === 'string' && glob.length > 0);
    associations.push({ schema, include: globs.filter((glob) => !glob.startsWith('!')), exclude: globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1)) });
  }
  return associations;
}

/**
 * The `yaml.schemas` value with every Kubernetes entry also excluding `paths`
 * (workspace-relative, `/`-separated): `!<path>` globs added after the entry's
 * own, none twice. Other entries are kept as they are.
 */
export function withDaemonSetFilesExcluded(schemas: unknown, paths: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = schemas && typeof schemas === 'object' && !Array.isArray(schemas) ? { ...(schemas as Record<string, unknown>) } : {};
  for (const { schema, include, exclude } of kubernetesAssociations(result)) {
    const added = paths.filter((path) => !exclude.includes(path)).map((path) => `!${path}`);
    result[schema] = [...include, ...exclude.map((glob) => `!${glob}`), ...new Set(added)];
  }
  return result;
}

/** Whether a YAML text holds a DaemonSet (a top-level `kind: DaemonSet` line in any of its documents). */
export function holdsDaemonSet(text: string): boolean {
  return /^kind:[ \t]*["']?DaemonSet["']?[ \t]*(#.*)?$/m.test(text);
}
