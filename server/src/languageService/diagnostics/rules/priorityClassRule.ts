/**
 * PriorityClass rules of the API server (pkg/apis/scheduling/validation):
 * the `system-` prefix is reserved for the built-in classes, and user classes
 * may not go above 1,000,000,000.
 */
import type { Node as YamlNode } from 'yaml';
import type { DocumentRule } from '../types';
import { getIn, getPair, stringValue } from '../yamlAst';
import { dictionary } from '../../../common/dictionary';

/** scheduling.HighestUserDefinablePriority */
export const HIGHEST_USER_PRIORITY = 1_000_000_000;
/** The built-in classes (scheduling.SystemPriorityClasses) and their values. */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = dictionary({
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
});

export const priorityClassRule: DocumentRule = {
  kinds: ['PriorityClass'],
  codes: [
    { code: 'priorityclass-reserved-name', defaultSeverity: 'error', description: 'PriorityClass names starting with `system-` are reserved for the built-in classes.' },
    { code: 'priorityclass-value-too-high', defaultSeverity: 'error', description: 'A user-defined PriorityClass value above 1,000,000,000.' },
  ],
  check(ctx) {
    const { doc } = ctx.document;
    const nameNode = getIn(doc, doc.contents, 'metadata', 'name');
    const name = stringValue(nameNode) ?? '';
    const valuePair = getPair(doc, doc.contents, 'value');
    const value = getIn(doc, doc.contents, 'value') as { value?: unknown } | null;
    // A missing value decodes to 0 (the field is a plain int32).
    const numeric = value === null || value.value === null ? 0 : typeof value.value === 'number' ? value.value : undefined;
    const globalDefault = (getIn(doc, doc.contents, 'globalDefault') as { value?: unknown } | null)?.value === true;
    if (name.startsWith('system-')) {
      // IsKnownSystemPriorityClass: a known name with exactly its value and globalDefault false.
      const known = SYSTEM_PRIORITY_CLASSES[name];
      let reason: string | undefined;
      if (known === undefined) reason = `${name} is not a known system priority class; choose a name without the prefix`;
      else if (numeric !== undefined && numeric !== known) reason = `the value of ${name} must be ${known}; use ${known}`;
      else if (globalDefault) reason = `globalDefault of ${name} must be false; set it to false`;
      if (reason) {
        ctx.report({ code: 'priorityclass-reserved-name', severity: 'error', message: `priority class names with the 'system-' prefix are reserved for system use only: ${reason}`, node: nameNode });
      }
    } else if (numeric !== undefined && numeric > HIGHEST_USER_PRIORITY) {
      ctx.report({ code: 'priorityclass-value-too-high', severity: 'error', message: `the value of a user-defined PriorityClass may be at most ${HIGHEST_USER_PRIORITY} (got ${numeric}); higher values are reserved for system-node-critical and system-cluster-critical; lower it, or use one of those classes`, node: (valuePair?.value ?? null) as YamlNode | null });
    }
  },
};
