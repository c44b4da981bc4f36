/**
 * Applies a document's suppressions to its findings: silenced findings are
 * taken out (kept aside, for `check --show-suppressed`), a directive that
 * silences nothing becomes an `unused-suppression` hint, and every finding
 * left gets the two quick fixes that would silence it.
 *
 * A blanket directive (no rule ids) silences only findings the API server
 * would accept (rules whose default severity is not `error`): an error means
 * `kubectl apply` fails, so it is silenced only when named by its id.
 */
import type { YamlDocument } from '../../yamlModel';
import type { Finding, QuickFix, RuleDoc, Severity } from '../types';
import type { Directive } from './directives';
import { annotationDirectives, commentDirectives } from './directives';
import { disableLineFix, disableObjectFix } from './disableEdits';

export const UNUSED_SUPPRESSION: RuleDoc = {
  code: 'unused-suppression',
  defaultSeverity: 'hint',
  description: 'A daemonset-tools-disable comment or ignore annotation that silences nothing here (or names an unknown rule): remove it.',
};

export interface SuppressionOutcome {
  kept: Finding[];
  /** Silenced findings, each with `suppressedBy` set. */
  suppressed: Finding[];
}

export interface SuppressionContext {
  /** Default severity of each known rule id. */
  defaults: ReadonlyMap<string, Severity>;
  /** The severity `unused-suppression` is reported with (undefined: off). */
  unusedSeverity: Severity | undefined;
}

function silences(directive: Directive, finding: Finding, line: number, defaults: ReadonlyMap<string, Severity>): boolean {
  if (line < directive.lines[0] || line > directive.lines[1]) return false;
  if (directive.rules.length === 0) return defaults.get(finding.code) !== 'error';
  return directive.rules.includes(finding.code);
}

export function applySuppressions(document: YamlDocument, findings: Finding[], context: SuppressionContext): SuppressionOutcome {
  const directives = [...commentDirectives(document), ...annotationDirectives(document)];
  const used = new Set<Directive>();
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  const objectFixes = new Map<string, QuickFix | undefined>();
  for (const finding of findings) {
    const line = directives.length > 0 ? document.lineIndex.positionAt(finding.start - document.start).line : 0;
    const by = directives.find((d) => silences(d, finding, line, context.defaults));
    if (by) {
      used.add(by);
      suppressed.push({ ...finding, suppressedBy: by.reason ? `${by.source} (${by.reason})` : by.source });
      continue;
    }
    // the object fix depends on the rule only: one per rule id and document
    if (!objectFixes.has(finding.code)) objectFixes.set(finding.code, disableObjectFix(document, finding.code));
    const objectFix = objectFixes.get(finding.code);
    kept.push({ ...finding, fixes: [...(finding.fixes ?? []), disableLineFix(document, finding.code, finding.start), ...(objectFix ? [objectFix] : [])] });
  }
  if (context.unusedSeverity) {
    for (const directive of directives) {
      const unknown = directive.rules.filter((r) => !context.defaults.has(r));
      if (directive.external || (used.has(directive) && unknown.length === 0)) continue;
      const message = unknown.length
        ? `Unknown rule id ${unknown.map((r) => `\`${r}\``).join(', ')} in this ${directive.source}: correct it (the README's rules table lists the ids).`
        : `This ${directive.source} silences nothing here${directive.rules.length ? ` (no ${directive.rules.map((r) => `\`${r}\``).join(', ')} finding)` : ''}: remove it.`;
      kept.push({ code: UNUSED_SUPPRESSION.code, severity: context.unusedSeverity, message, start: directive.start, end: Math.max(directive.end, directive.start + 1) });
    }
  }
  return { kept: kept.sort((a, b) => a.start - b.start), suppressed };
}
