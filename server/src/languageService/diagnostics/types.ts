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

export interface Finding {
  /** Rule id, e.g. `unknown-field`; also the `code` users see and configure. */
  code: string;
  severity: Severity;
  message: string;
  /** File offsets of the underlined text. */
  start: number;
  end: number;
  fixes?: QuickFix[];
  /** Set on a finding a suppression silenced (only kept with `keepSuppressed`): which directive, and its reason. */
  suppressedBy?: string;
}

/** Per-rule setting: off, or the severity to report it with. */
export type RuleSetting = 'off' | Severity;

export interface ValidationOptions {
  /** Overrides by rule id (settings `daemonsetTools.diagnostics.rules`). */
  rules?: Record<string, RuleSetting>;
  /** Names of PriorityClasses defined in the workspace (beyond the built-in ones). */
  priorityClasses?: ReadonlySet<string>;
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
   * Reports a finding on a node (its value range) or on explicit file offsets.
   * The severity given is the rule's default; settings may override or drop it.
   */
  report(finding: { code: string; severity: Severity; message: string; node?: YamlNode | null; start?: number; end?: number; fixes?: QuickFix[] }): void;
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
}
