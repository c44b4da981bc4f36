/**
 * The Kubernetes extension's (ms-kubernetes-tools.vscode-kubernetes-tools)
 * schema for the YAML extension. It does not go through `yaml.schemas`: on
 * activation it calls the YAML extension's `registerContributor('kubernetes',
 * …)`, and yaml-language-server then asks it, file by file, which schema
 * applies (a `kubernetes://schema/<apiVersion>@<kind>` URI for every document
 * with apiVersion and kind). The Kubernetes extension has no setting that
 * turns this off; it skips a file whose leading comments (before any YAML,
 * blank lines allowed) hold the directive `# vscode-kubernetes-tools: exclude`
 * (its yaml-support/consideration-filter.ts; README "YAML processing
 * directives"). Plain text in and out, so it is tested without an editor.
 */

/** The id under which the Kubernetes extension is installed. */
export const KUBERNETES_EXTENSION_ID = 'ms-kubernetes-tools.vscode-kubernetes-tools';

/** The schema name (and URI scheme) the Kubernetes extension registers its contributor under. */
export const KUBERNETES_CONTRIBUTOR = 'kubernetes';

/** The comment that makes the Kubernetes extension leave a file out of its schema. */
export const EXCLUDE_DIRECTIVE = '# vscode-kubernetes-tools: exclude';

/**
 * The directive the Kubernetes extension reads from a file, as it reads it:
 * the first `# vscode-kubernetes-tools: <text>` among the comment lines that
 * come before any YAML (blank lines skipped), trimmed; undefined when none.
 */
export function kubernetesToolsDirective(text: string): string | undefined {
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('#')) return undefined;
    const match = /#\s*vscode-kubernetes-tools:\s*(.+)/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** Whether the Kubernetes extension leaves this file out of its schema (its directive says `exclude`). */
export function excludedFromKubernetesTools(text: string): boolean {
  return kubernetesToolsDirective(text) === 'exclude';
}

/**
 * The text to insert at the start of a file so that the Kubernetes extension
 * leaves it out: the directive on a line of its own, in the file's line
 * ending (on top, it is the first directive, the one that counts).
 * Undefined when the file is excluded already, or when its own directive says
 * `include`: the user asked for the schema there.
 */
export function exclusionToInsert(text: string): string | undefined {
  const directive = kubernetesToolsDirective(text);
  if (directive === 'exclude' || directive === 'include') return undefined;
  return `${EXCLUDE_DIRECTIVE}${text.includes('\r\n') ? '\r\n' : '\n'}`;
}
