/**
 * Runs the validation rules over DaemonSet and PriorityClass documents.
 * Plain data in (the YAML model, the API model, settings), plain findings out.
 */
import type { ApiModel } from '../apiModel';
import type { YamlDocument, YamlFile } from '../yamlModel';
import { podRules } from './podRules';
import { apiVersionRule } from './rules/apiVersionRule';
import { priorityClassRule } from './rules/priorityClassRule';
import { schemaRule } from './rules/schemaRule';
import type { DocumentRule, Finding, RuleContext, RuleDoc, Severity, ValidationOptions } from './types';

const RULES: DocumentRule[] = [apiVersionRule, schemaRule, priorityClassRule, ...podRules];
const VALIDATED_KINDS = new Set(['DaemonSet', 'PriorityClass']);

const SYNTAX_RULE: RuleDoc = { code: 'yaml-syntax', defaultSeverity: 'error', description: 'YAML that cannot be parsed: kubectl rejects the whole file.' };

/** Every rule id with its default severity and description (README, settings schema). */
export function allRuleDocs(): RuleDoc[] {
  return [SYNTAX_RULE, ...RULES.flatMap((rule) => rule.codes)];
}

/** Whether this extension validates the document at all. */
export function isValidatedDocument(document: YamlDocument): boolean {
  return document.kind !== undefined && VALIDATED_KINDS.has(document.kind);
}

/**
 * Findings for one document. Syntax errors are reported in any document of a
 * file that holds a DaemonSet or PriorityClass (kubectl rejects the whole
 * file); the rules run only on DaemonSet and PriorityClass documents.
 */
export function validateDocument(file: YamlFile, document: YamlDocument, model: ApiModel, options: ValidationOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const severityOf = (code: string, fallback: Severity): Severity | undefined => {
    const setting = options.rules?.[code];
    if (setting === 'off') return undefined;
    return setting ?? fallback;
  };
  const syntaxSeverity = severityOf(SYNTAX_RULE.code, 'error');
  if (syntaxSeverity && (isValidatedDocument(document) || file.documents.some(isValidatedDocument))) {
    for (const problem of document.problems) {
      findings.push({ code: SYNTAX_RULE.code, severity: syntaxSeverity, message: problem.message, start: problem.start, end: Math.max(problem.end, problem.start + 1) });
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
    rule.check(context);
  }
  return findings.sort((a, b) => a.start - b.start);
}

/** Findings for every document of a file, in file order. */
export function validateFile(file: YamlFile, model: ApiModel, options: ValidationOptions = {}): Finding[] {
  return file.documents.flatMap((document) => validateDocument(file, document, model, options));
}
