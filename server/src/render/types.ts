/**
 * What an engine that turns a source folder into manifests gives back: Helm
 * (a chart folder, `helm template` or the built-in text/template engine) and
 * Kustomize (a kustomization folder, `kubectl kustomize` or the built-in
 * builder). Diagnostics and placement run on `text`; every finding and every
 * placed DaemonSet is mapped back through `lineMap` to the template, values,
 * base or patch line the user edits.
 */

/** A place in a source file the user can open: workspace path and 0-based line. */
export interface SourceLine {
  file: string;
  line: number;
}

/** One rendered YAML document (no `---` markers inside). */
export interface RenderedDocument {
  /** The document's text, as the engine printed it. */
  text: string;
  /** Where the document starts in its source (the template or resource file). */
  origin: SourceLine;
  /**
   * For each 0-based line of `text`, the source line that produced it, when
   * known (a line of a template, of a values file, of a base or a patch).
   */
  lineMap: Array<SourceLine | undefined>;
  /**
   * The document's `kind`, when the engine knows it without parsing `text`
   * (optional; lets a consumer skip documents it does not read).
   */
  kind?: string;
}

export type RenderEngine = 'helm' | 'kubectl' | 'builtin';

export interface RenderResult {
  documents: RenderedDocument[];
  engine: RenderEngine;
  /** Things the engine could not do, said plainly (an unsupported function, a remote base). */
  warnings: string[];
}

/** A failure that stops rendering, with where it happened when known. */
export class RenderError extends Error {
  constructor(message: string, readonly at?: SourceLine) {
    super(message);
  }
}
