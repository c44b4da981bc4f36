/**
 * Uses a build: validates the built DaemonSets and places them, each finding
 * and each DaemonSet mapped back through the line map to the base or patch
 * line that wrote it.
 */
import { daemonSetFromYaml } from '../languageService/daemonSetModel';
import type { ApiModel } from '../languageService/apiModel';
import type { Finding, ValidationOptions } from '../languageService/diagnostics';
import { validateFile } from '../languageService/diagnostics';
import { objectDocuments, parseYamlFile } from '../languageService/yamlModel';
import type { DaemonSetModel } from '../placement';
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
