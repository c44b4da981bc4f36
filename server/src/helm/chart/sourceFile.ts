/**
 * The one entry point that turns a file's text into the YAML model every
 * feature reads, knowing about charts: a template (a chart template, a `helm`
 * document, or YAML with template actions) is masked; a chart's values files,
 * Chart.yaml and helpers are read as YAML but are never manifests (a values
 * file's `kind: DaemonSet` picks a chart option, it is no DaemonSet).
 */
import type { KnownChange, ParseBudget, SourceText, YamlFile } from '../../languageService/yamlModel';
import { parseYamlFile, plainDocument } from '../../languageService/yamlModel';
import { parseTemplateFile } from '../masking';
import type { Exists } from './chartFiles';
import { chartFileRole, isTemplateDocument } from './chartFiles';

export interface SourceFileOptions {
  /** File system path of the file, when it has one (for chart detection). */
  path?: string;
  /** The editor's language id (`helm` marks a template). */
  languageId?: string;
  /** How to ask whether a Chart.yaml exists; without it, no chart is detected. */
  exists?: Exists;
  /** The previous version's model, for incremental parsing. */
  previous?: YamlFile;
  /** Bounds the text kept parsed (a plain manifest's documents are parsed when read). */
  budget?: ParseBudget;
  /** The new version's line index and the edits since `previous`, when the caller knows them. */
  known?: KnownChange;
  /** Whether the text holds `{{`, when the caller knows (it follows edits, see documentModels.ts). */
  hasActions?: boolean;
}

/** Parses a file as the language server and the CLI see it (see the file comment). */
export function parseSourceFile(text: string | SourceText, options: SourceFileOptions = {}): YamlFile {
  const chart = options.path && options.exists ? chartFileRole(options.path, options.exists) : undefined;
  // (an edited document's text comes in chunks: joined only for a template, or when nobody knows whether it holds an action)
  const template = isTemplateDocument(text, options.languageId, chart?.role, options.hasActions);
  const file = template ? parseTemplateFile(text.toString(), options.previous) : parseYamlFile(text, options.previous, options.budget, options.known);
  return chart && chart.role !== 'template' ? notManifest(file) : file;
}

/** The same model with no document taken for a manifest (no kind, no apiVersion). */
function notManifest(file: YamlFile): YamlFile {
  return { ...file, documents: file.documents.map((document) => (document.kind === undefined && document.apiVersion === undefined ? document : { ...plainDocument(document), kind: undefined, apiVersion: undefined })) };
}
