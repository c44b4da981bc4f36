/**
 * Uses a build: validates the built DaemonSets and places them, each finding
 * and each DaemonSet mapped back through the line map to the base or patch
 * line that wrote it.
 */
import { daemonSetFromYaml } from '../languageService/daemonSetModel';
import type { ApiModel } from '../languageService/apiModel';
import type { Finding, ValidationOptions } from '../languageService/diagnostics';
import { KUSTOMIZE_BUILD_RULE, validateFile } from '../languageService/diagnostics';
import { objectDocuments, parseYamlFile } from '../languageService/yamlModel';
import type { DaemonSetModel } from '../placement';
import type { SourceFinding } from '../render/renderedFindings';
import type { RenderResult, SourceLine } from '../render/types';

/** A finding on the build, at the source line that contributed the value. */
export interface BuildFinding {
  code: string;
  severity: Finding['severity'];
  message: string;
  /** Where to show it: the base or patch line; undefined when the line map does not know. */
  at: SourceLine | undefined;
  /** The document of the build it was found in (its index in RenderResult.documents). */
  document: number;
}

/** Findings of the built DaemonSets (and PriorityClasses), each mapped back to its source line. */
export function validateBuild(render: RenderResult, model: ApiModel, options: ValidationOptions = {}): BuildFinding[] {
  return render.documents.flatMap((document, index) => {
    // only DaemonSets and PriorityClasses (and lists of them) have rules
    if (document.kind !== undefined && !['DaemonSet', 'PriorityClass'].includes(document.kind) && !document.kind.endsWith('List')) return [];
    const file = parseYamlFile(document.text);
    return validateFile(file, model, { ...options, role: undefined }).map((finding) => ({
      code: finding.code,
      severity: finding.severity,
      message: finding.message,
      at: document.lineMap[file.lineIndex.positionAt(finding.start).line] ?? document.origin,
      document: index,
    }));
  });
}

/** A built DaemonSet: the placement model, and the file and line that define it (its base resource). */
export interface BuiltDaemonSet {
  ds: DaemonSetModel;
  origin: SourceLine;
  document: number;
}

/** The DaemonSets of a build, ready for the placement engine. */
export function builtDaemonSets(render: RenderResult): BuiltDaemonSet[] {
  return render.documents.flatMap((document, index) =>
    // a document the engine says is no DaemonSet (nor a list of them) is not parsed
    (document.kind !== undefined && document.kind !== 'DaemonSet' && !document.kind.endsWith('List') ? [] : objectDocuments(parseYamlFile(document.text))).flatMap((yamlDocument) => {
      const ds = daemonSetFromYaml(yamlDocument);
      return ds ? [{ ds, origin: document.origin, document: index }] : [];
    }),
  );
}

/** A build, or where and why it failed. */
export type OverlayBuild = { ok: true; render: RenderResult } | { ok: false; error: string; at: SourceLine };

/**
 * Everything a build says about its sources, placed where the user edits
 * (the CLI's `check <folder>` and the editor share it): a build that fails
 * is a kustomize-build error at the failing line; what the engine leaves out
 * is a kustomize-build warning on the kustomization; each finding on the
 * built DaemonSets sits on the base or patch line that wrote the value, from
 * its first non-blank character to the line's end (the line map knows lines,
 * not columns), reported once per file, line and rule.
 * `lineText` gives a source file's line (for the columns).
 */
export function overlayFindings(build: OverlayBuild, overlay: { name: string; kustomization: string }, model: ApiModel, options: ValidationOptions, lineText: (file: string, line: number) => string): SourceFinding[] {
  const out: SourceFinding[] = [];
  const seen = new Set<string>();
  const add = (at: SourceLine, finding: Pick<Finding, 'code' | 'severity' | 'message'>): void => {
    const key = `${at.file}\0${at.line}\0${finding.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    const text = lineText(at.file, at.line);
    const column = text.length - text.trimStart().length;
    out.push({ file: at.file, line: at.line, column, endLine: at.line, endColumn: Math.max(text.length, column + 1), finding: { ...finding, start: 0, end: 0 } });
  };
  const buildSeverity = options.rules?.[KUSTOMIZE_BUILD_RULE.code];
  if (!build.ok) {
    if (buildSeverity !== 'off') add(build.at, { severity: buildSeverity ?? 'error', code: KUSTOMIZE_BUILD_RULE.code, message: `the overlay ${overlay.name} does not build: ${build.error}` });
    return out;
  }
  for (const warning of build.render.warnings) {
    // what the engine leaves out is a warning, unless the user made the rule milder
    if (buildSeverity !== 'off') add({ file: overlay.kustomization, line: 0 }, { severity: buildSeverity === undefined || buildSeverity === 'error' ? 'warning' : buildSeverity, code: KUSTOMIZE_BUILD_RULE.code, message: `${build.render.engine} build of ${overlay.name}: ${warning}` });
  }
  for (const finding of validateBuild(build.render, model, options)) {
    if (!finding.at?.file) continue;
    add(finding.at, { severity: finding.severity, code: finding.code, message: `${finding.message} (in the build of ${overlay.name})` });
  }
  return out;
}
