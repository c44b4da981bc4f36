/**
 * Diagnostics on rendered manifests, reported where the user edits: every
 * finding on a rendered document is moved through the document's line map to
 * the template (or values-file, base, patch) line that produced the text.
 * Pure: the caller hands in the source texts it can read.
 */
import type { ApiModel } from '../languageService/apiModel';
import { type Finding, type RuleSetting, type ValidationOptions, validateFile } from '../languageService/diagnostics';
import { priorityClassNames } from '../languageService/diagnostics/workspacePriorityClasses';
import { type YamlFile, parseYamlFile } from '../languageService/yamlModel';
import type { RenderResult, SourceLine } from './types';

/** A finding placed in a source file (0-based line and columns). */
export interface SourceFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  finding: Finding;
}

/** The rendered documents parsed once, for diagnostics and placement alike. */
export function parseRendered(result: RenderResult): Array<{ file: YamlFile; lineMap: Array<SourceLine | undefined>; origin: SourceLine }> {
  return result.documents.map((d) => ({ file: parseYamlFile(d.text), lineMap: d.lineMap, origin: d.origin }));
}

/**
 * Validates every rendered document and maps each finding to its source line.
 * The column is where the underlined text appears on the source line (so a
 * bad value in values.yaml is underlined there), else the rendered column.
 * Findings several documents share (a helper used twice) are reported once.
 */
export function validateRendered(result: RenderResult, model: ApiModel, options: ValidationOptions, readSource: (file: string) => string | undefined): SourceFinding[] {
  const parsed = parseRendered(result);
  const priorityClasses = new Set([...(options.priorityClasses ?? []), ...parsed.flatMap((p) => priorityClassNames(p.file))]);
  const out: SourceFinding[] = [];
  const seen = new Set<string>();
  const sourceLines = new Map<string, string[] | undefined>();
  const lineText = (file: string, line: number): string | undefined => {
    if (!sourceLines.has(file)) sourceLines.set(file, readSource(file)?.split('\n'));
    return sourceLines.get(file)?.[line];
  };
  for (const { file, lineMap, origin } of parsed) {
    for (const finding of validateFile(file, model, { ...options, priorityClasses })) {
      const start = file.lineIndex.positionAt(finding.start);
      const end = file.lineIndex.positionAt(finding.end);
      const at = lineMap[start.line] ?? lineMap.slice(0, start.line).reverse().find((l) => l) ?? origin;
      const renderedLine = file.text.split('\n')[start.line] ?? '';
      const underlined = start.line === end.line ? renderedLine.slice(start.character, end.character) : renderedLine.slice(start.character);
      const source = lineText(at.file, at.line);
      const found = underlined && source !== undefined ? source.indexOf(underlined) : -1;
      const column = found >= 0 ? found : Math.min(start.character, source?.length ?? start.character);
      const endColumn = found >= 0 ? found + underlined.length : Math.max(column, source?.length ?? column);
      const key = `${at.file}\0${at.line}\0${column}\0${finding.code}\0${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file: at.file, line: at.line, column, endLine: at.line, endColumn, finding });
    }
  }
  return out;
}

/**
 * Rendered findings with the rule settings of the file they land in, as a
 * manifest's own findings get them (validate.ts): a rule set `off` drops its
 * findings, a severity replaces theirs. The editor renders with every rule
 * at its default and applies each file's settings here.
 */
export function withRuleSettings(findings: readonly SourceFinding[], rules: Readonly<Record<string, RuleSetting>>): SourceFinding[] {
  return findings.flatMap((f) => {
    const setting = Object.hasOwn(rules, f.finding.code) ? rules[f.finding.code] : undefined;
    if (setting === 'off') return [];
    return [setting === undefined || setting === f.finding.severity ? f : { ...f, finding: { ...f.finding, severity: setting } }];
  });
}
