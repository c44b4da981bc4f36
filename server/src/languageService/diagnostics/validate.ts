/**
 * Runs the validation rules over DaemonSet and PriorityClass documents, and
 * over cluster profiles (the concise format and kubectl node lists).
 * Plain data in (the YAML model, the API model, settings), plain findings out.
 */
import type { ApiModel } from '../apiModel';
import type { YamlDocument, YamlFile } from '../yamlModel';
import { podRules } from './podRules';
import { apiVersionRule } from './rules/apiVersionRule';
import { priorityClassRule } from './rules/priorityClassRule';
import { isNodeList, profileRule } from './rules/profileRule';
import { schemaRule } from './rules/schemaRule';
import { syntaxErrorRange } from './syntaxErrors';
import { applySuppressions, UNUSED_SUPPRESSION } from './suppressions/applySuppressions';
import type { DocumentRule, Finding, RuleContext, RuleDoc, Severity, ValidationOptions } from './types';

const RULES: DocumentRule[] = [apiVersionRule, schemaRule, priorityClassRule, profileRule, ...podRules];
const VALIDATED_KINDS = new Set(['DaemonSet', 'PriorityClass', 'ClusterProfile']);

const SYNTAX_RULE: RuleDoc = { code: 'yaml-syntax', defaultSeverity: 'error', description: 'YAML that cannot be parsed: kubectl rejects the whole file.' };

/** Every rule id with its default severity and description (README, settings schema). */
export function allRuleDocs(): RuleDoc[] {
  return [SYNTAX_RULE, ...RULES.flatMap((rule) => rule.codes), UNUSED_SUPPRESSION];
}

/**
 * API groups whose documents of these kinds are Kubernetes' own. Another
 * group with a dot is a custom resource that happens to share the kind name
 * (OpenKruise's `apps.kruise.io/v1alpha1` DaemonSet): not ours to judge.
 */
const OWN_GROUPS: Record<string, readonly string[]> = { DaemonSet: ['', 'apps', 'extensions'], PriorityClass: ['', 'scheduling.k8s.io'], ClusterProfile: [''] };

/** Whether this extension validates the document at all (a kubectl list only when it is a cluster profile of nodes). */
export function isValidatedDocument(document: YamlDocument): boolean {
  if (isNodeList(document)) return true;
  if (document.kind === undefined || !VALIDATED_KINDS.has(document.kind)) return false;
  const version = document.apiVersion;
  if (version === undefined || !version.includes('/')) return true;
  const group = version.slice(0, version.indexOf('/'));
  return OWN_GROUPS[document.kind].includes(group) || !group.includes('.');
}

/** A broken document may no longer yield its `kind`; a `kind: DaemonSet` line still says what it was meant to be. */
const KIND_LINE = /^kind:[ \t]*["']?(DaemonSet|PriorityClass)["']?[ \t]*(#.*)?\r?$/m;

/**
 * Whether syntax errors of this document are ours to report: those of a
 * DaemonSet or PriorityClass document, and those of any document in a file
 * that holds one (kubectl stops at the first broken document of the file, so
 * the DaemonSet after it is not applied either). Other YAML files (CI
 * workflows, Helm values) are left to the editor's YAML support.
 */
function reportsSyntax(file: YamlFile, document: YamlDocument): boolean {
  return isOurs(document) || fileHasValidatedDocument(file);
}

function isOurs(document: YamlDocument): boolean {
  return isValidatedDocument(document) || (document.problems.length > 0 && KIND_LINE.test(document.text));
}

/**
 * Whether the file holds a DaemonSet or PriorityClass document (a broken one
 * included). The findings of every other document depend on this and on
 * nothing else outside it: a per-document cache keys on it.
 */
export function fileHasValidatedDocument(file: YamlFile): boolean {
  return file.documents.some(isOurs);
}

/**
 * Findings for one document, sorted by position. Syntax errors are reported as
 * {@link reportsSyntax} decides, without stopping the rules; the rules run only
 * on DaemonSet and PriorityClass documents (a document with a syntax error is
 * still checked as far as the parser recovered it).
 */
export function validateDocument(file: YamlFile, document: YamlDocument, model: ApiModel, options: ValidationOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const severityOf = (code: string, fallback: Severity): Severity | undefined => {
    const setting = options.rules?.[code];
    if (setting === 'off') return undefined;
    return setting ?? fallback;
  };
  const syntaxSeverity = severityOf(SYNTAX_RULE.code, 'error');
  if (syntaxSeverity && document.problems.length > 0 && reportsSyntax(file, document)) {
    for (const problem of document.problems) {
      const [start, end] = syntaxErrorRange(file, document.start, problem);
      findings.push({ code: SYNTAX_RULE.code, severity: syntaxSeverity, message: problem.message, start, end });
    }
  }
  if (!isValidatedDocument(document)) return findings;
  const context: RuleContext = {
    file,
    document,
    model,
    options,
    report({ code, severity, message, node, start, end, fixes }) {
      const chosen = severityOf(code, severity);
      if (!chosen) return;
      const range = (node)?.range;
      const from = start ?? (range ? document.start + range[0] : document.start);
      const to = end ?? (range ? document.start + range[1] : from);
      findings.push({ code, severity: chosen, message, start: from, end: Math.max(to, from + 1), fixes });
    },
  };
  for (const rule of RULES) {
    if (!rule.kinds.includes(document.kind ?? '')) continue;
    // One faulty rule must not take the others' findings (or the server) with it.
    try {
      rule.check(context);
    } catch (error) {
      options.onRuleError?.(error, rule);
    }
  }
  const { kept, suppressed } = applySuppressions(document, findings.sort((a, b) => a.start - b.start), {
    defaults: ruleDefaults(),
    unusedSeverity: severityOf(UNUSED_SUPPRESSION.code, UNUSED_SUPPRESSION.defaultSeverity),
  });
  return options.keepSuppressed ? [...kept, ...suppressed].sort((a, b) => a.start - b.start) : kept;
}

let defaultsByCode: Map<string, Severity> | undefined;
/** Each rule id's default severity (a blanket suppression never silences an `error` rule). */
function ruleDefaults(): ReadonlyMap<string, Severity> {
  defaultsByCode ??= new Map(allRuleDocs().map((doc) => [doc.code, doc.defaultSeverity]));
  return defaultsByCode;
}

/** Findings for every document of a file, in file order. */
export function validateFile(file: YamlFile, model: ApiModel, options: ValidationOptions = {}): Finding[] {
  return file.documents.flatMap((document) => validateDocument(file, document, model, options));
}
