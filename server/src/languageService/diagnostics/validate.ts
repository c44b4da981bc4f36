/**
 * Runs the validation rules over DaemonSet and PriorityClass documents, and
 * over cluster profiles (the concise format and kubectl node lists).
 * Plain data in (the YAML model, the API model, settings), plain findings out.
 */
import type { ApiModel } from '../apiModel';
import type { YamlDocument, YamlFile } from '../yamlModel';
import { listItems } from '../yamlModel';
import { podRules } from './podRules';
import { apiVersionRule, isRemovedApiVersion } from './rules/apiVersionRule';
import { priorityClassRule } from './rules/priorityClassRule';
import { jsonPatchRule } from './rules/jsonPatchRule';
import { isNodeList, profileRule } from './rules/profileRule';
import { schemaRule } from './rules/schemaRule';
import { syntaxErrorMessage, syntaxErrorRange } from './syntaxErrors';
import { applySuppressions, UNUSED_SUPPRESSION } from './suppressions/applySuppressions';
import type { DocumentRule, Finding, MessageWithLines, RuleContext, RuleDoc, Severity, ValidationOptions } from './types';
import type { LineIndex } from '../yamlModel';

const RULES: DocumentRule[] = [apiVersionRule, schemaRule, priorityClassRule, profileRule, ...podRules];
const VALIDATED_KINDS = new Set(['DaemonSet', 'PriorityClass', 'ClusterProfile']);

const SYNTAX_RULE: RuleDoc = { code: 'yaml-syntax', defaultSeverity: 'error', description: 'YAML that cannot be parsed: kubectl rejects the whole file.' };

/** Reported on a kustomization that cannot be built (or is built only in part) when its build is checked or placed. */
export const KUSTOMIZE_BUILD_RULE: RuleDoc = { code: 'kustomize-build', defaultSeverity: 'error', description: 'A Kustomize overlay that does not build (a missing resource, a patch that matches nothing), or, as a warning, what the built-in engine leaves out.' };

/** Reported on `.daemonset-tools.yaml` itself, in the editor: what the CLI would refuse, and what cannot work. */
export const INVALID_CONFIG_RULE: RuleDoc = { code: 'invalid-config', defaultSeverity: 'error', description: 'A `.daemonset-tools.yaml` the CLI refuses (an unknown setting or rule id, a wrong type or severity), or, as a warning, an `ignore` glob that can match nothing; a `profile` that names no file.' };

/** Every rule id with its default severity and description (README, settings schema). */
export function allRuleDocs(): RuleDoc[] {
  return [SYNTAX_RULE, ...RULES.flatMap((rule) => rule.codes), ...jsonPatchRule.codes, KUSTOMIZE_BUILD_RULE, INVALID_CONFIG_RULE, UNUSED_SUPPRESSION];
}

/** Rule ids judged on the whole object: dropped on a strategic-merge patch (see RuleDoc.wholeObject). */
const WHOLE_OBJECT_CODES = new Set(RULES.flatMap((rule) => rule.codes).filter((doc) => doc.wholeObject).map((doc) => doc.code));

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
  return objectsToValidate(document).some(isValidatedDocument) || (document.problems.length > 0 && KIND_LINE.test(document.text));
}

/**
 * The objects the rules see in a document: the document itself, or the items
 * of a kubectl list (`kind: List`, `DaemonSetList`, …) each on its own. A list
 * of Nodes is a cluster profile and is checked as a whole.
 */
function objectsToValidate(document: YamlDocument): YamlDocument[] {
  if (isNodeList(document)) return [document];
  return listItems(document) ?? [document];
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
 * Whether the document's findings depend on {@link fileHasValidatedDocument}:
 * only a broken document's that is not ours does (its syntax errors are
 * reported in a file that holds one). The others need not know it, so a
 * first answer need not parse the file's documents up to its first DaemonSet.
 */
export function dependsOnOtherDocuments(document: YamlDocument): boolean {
  return document.problems.length > 0 && !isOurs(document);
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
  const role = options.role?.kind ?? 'object';
  const syntaxSeverity = severityOf(SYNTAX_RULE.code, 'error');
  // A file an overlay names as a patch is ours whatever it holds: kubectl kustomize stops on its syntax errors.
  if (syntaxSeverity && document.problems.length > 0 && (role !== 'object' || reportsSyntax(file, document))) {
    for (const problem of document.problems) {
      const [start, end] = syntaxErrorRange(file, document.start, problem);
      findings.push({ code: SYNTAX_RULE.code, severity: syntaxSeverity, message: syntaxErrorMessage(problem), ...inText(file, start, end) });
    }
  }
  if (role === 'jsonPatch') {
    runRules(file, document, model, options, severityOf, findings, [jsonPatchRule]);
    return suppressed(document, findings, options, severityOf);
  }
  const targets = objectsToValidate(document).filter(isValidatedDocument);
  if (targets.length === 0) return findings;
  for (const target of targets) {
    // A removed apiVersion is rejected before any validation: its one finding says how to migrate.
    const rules = isRemovedApiVersion(target) ? [apiVersionRule] : RULES;
    runRules(file, target, model, options, severityOf, findings, rules.filter((rule) => rule.kinds.includes(target.kind ?? '')));
  }
  return suppressed(document, findings, options, severityOf);
}

type SeverityOf = (code: string, fallback: Severity) => Severity | undefined;

function runRules(file: YamlFile, document: YamlDocument, model: ApiModel, options: ValidationOptions, severityOf: SeverityOf, findings: Finding[], rules: DocumentRule[]): void {
  const partial = options.role?.kind === 'strategicMergePatch';
  const context: RuleContext = {
    file,
    document,
    model,
    options,
    partial,
    report({ code, severity, message, node, start, end, fixes }) {
      if (partial && WHOLE_OBJECT_CODES.has(code)) return; // judged on the merged object, not on the patch
      const chosen = severityOf(code, severity);
      if (!chosen) return;
      const range = (node)?.range;
      const from = start ?? (range ? document.start + range[0] : document.start);
      const to = end ?? (range ? document.start + range[1] : from);
      const text = typeof message === 'string' ? { message } : { message: renderMessage(message, file.lineIndex), lines: message };
      findings.push({ code, severity: chosen, ...text, ...inText(file, from, Math.max(to, from + 1)), fixes });
    },
  };
  for (const rule of rules) {
    // One faulty rule must not take the others' findings (or the server) with it.
    try {
      rule.check(context);
    } catch (error) {
      options.onRuleError?.(error, rule);
    }
  }
}

/** The findings of a document whose rules ran, with its suppression comments applied. */
function suppressed(document: YamlDocument, findings: Finding[], options: ValidationOptions, severityOf: SeverityOf): Finding[] {
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

/**
 * A finding's range, at least one character where there is one, never past the
 * end of the text (an error at the very end of a file underlines its last character).
 */
function inText(file: YamlFile, start: number, end: number): { start: number; end: number } {
  const length = file.lineIndex.source.length;
  const to = Math.min(end, length);
  return { start: Math.min(start, to, Math.max(length - 1, 0)), end: to };
}

/** The text of a message that names lines: each offset's 1-based line of the file, between the parts. */
export function renderMessage(message: MessageWithLines, lineIndex: LineIndex): string {
  return message.parts.reduce((text, part, i) => (i === 0 ? part : `${text}${lineIndex.positionAt(message.offsets[i - 1]).line + 1}${part}`), '');
}

/** Findings for every document of a file, in file order. */
export function validateFile(file: YamlFile, model: ApiModel, options: ValidationOptions = {}): Finding[] {
  return file.documents.flatMap((document) => validateDocument(file, document, model, options));
}
