/**
 * Plain-data diagnostics: what the validation rules report, with file offsets.
 * server.ts turns these into LSP diagnostics; the CLI into json/sarif/text.
 */
import type { Node as YamlNode } from 'yaml';
import type { ApiModel } from '../apiModel/types';
import type { YamlDocument, YamlFile } from '../yamlModel';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A replacement of file text [start, end) with newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix with one obvious outcome. */
export interface QuickFix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

/**
 * A message that names lines of its own document ("kubectl keeps only the last
 * one (line 6)"): the text around the line numbers, and the file offsets whose
 * lines go between the parts. Kept on the finding so that a finding moved by
 * an edit above its document can have its message written again
 * ({@link renderMessage}) instead of naming the old line.
 */
export interface MessageWithLines {
  /** `parts.length === offsets.length + 1`. */
  parts: string[];
  /** File offsets inside the finding's own document. */
  offsets: number[];
}

export interface Finding {
  /** Rule id, e.g. `unknown-field`; also the `code` users see and configure. */
  code: string;
  severity: Severity;
  message: string;
  /** How {@link message} was written when it names lines (see {@link MessageWithLines}). */
  lines?: MessageWithLines;
  /** File offsets of the underlined text. */
  start: number;
  end: number;
  fixes?: QuickFix[];
  /** Set on a finding a suppression silenced (only kept with `keepSuppressed`): which directive, and its reason. */
  suppressedBy?: string;
}

/** Per-rule setting: off, or the severity to report it with. */
export type RuleSetting = 'off' | Severity;

/**
 * How the documents of a file are applied. A Kustomize overlay names files
 * that are never applied on their own: strategic-merge patches are partial
 * objects (whole only once merged onto their base), JSON 6902 patches are
 * lists of operations on an object of `targetKind`.
 */
export type DocumentRole = { kind: 'object' } | { kind: 'strategicMergePatch' } | { kind: 'jsonPatch'; targetKind?: string };

export interface ValidationOptions {
  /** How the file's documents are applied (default: whole objects). */
  role?: DocumentRole;
  /** Overrides by rule id (settings `daemonsetTools.diagnostics.rules`). */
  rules?: Record<string, RuleSetting>;
  /** Names of PriorityClasses defined in the workspace (beyond the built-in ones). */
  priorityClasses?: ReadonlySet<string>;
  /** The Kubernetes minor version the manifests are checked against (e.g. `1.33`; default and unsupported: the newest the model knows). */
  kubernetesVersion?: string;
  /** Keep silenced findings in the output, marked with `suppressedBy` (`check --show-suppressed`). */
  keepSuppressed?: boolean;
  /** Called when a rule throws (the rule's findings so far are kept, the others still run); for logging. */
  onRuleError?: (error: unknown, rule: DocumentRule) => void;
}

/** What a rule sees of one document. */
export interface RuleContext {
  file: YamlFile;
  document: YamlDocument;
  model: ApiModel;
  options: ValidationOptions;
  /**
   * The document is a strategic-merge patch: a partial object. Rules still
   * check what is written (fields, types, values); findings of rules marked
   * {@link RuleDoc.wholeObject} are dropped, they wait for the merged result.
   */
  partial: boolean;
  /**
   * Reports a finding on a node (its value range) or on explicit file offsets.
   * The severity given is the rule's default; settings may override or drop it.
   * A message naming a line of the document is a {@link MessageWithLines},
   * never a string with the line number baked in: findings outlive edits above them.
   */
  report(finding: { code: string; severity: Severity; message: string | MessageWithLines; node?: YamlNode | null; start?: number; end?: number; fixes?: QuickFix[] }): void;
}

/** A validation rule over one document. `kinds` lists the `kind:` values it applies to. */
export interface DocumentRule {
  /** The rule ids this rule can report (for settings and documentation). */
  codes: readonly RuleDoc[];
  kinds: readonly string[];
  check(context: RuleContext): void;
}

/** Documentation of one rule id (README table, settings schema). */
export interface RuleDoc {
  code: string;
  defaultSeverity: Severity;
  description: string;
  /**
   * Judged on the whole object (a required field, the selector against the
   * template's labels, a missing probe): not reported on a strategic-merge
   * patch, only on the object it is merged into.
   */
  wholeObject?: boolean;
}
