/**
 * Diagnostics of what the user's files turn into: a Helm chart rendered with
 * the built-in engine, a Kustomize overlay built with the built-in builder.
 * Each chart or overlay with an open document (a template, helper, values
 * file or Chart.yaml of a chart; a kustomization or one of its patches, or a
 * file its last build read) is rendered again after its files change —
 * debounced, in a timer of its own, never on the path of a keystroke's
 * completion or hover — and its findings are kept by source file, for the
 * diagnostics service to add to each open document's own findings.
 *
 * A chart is rendered by the chart renders the placement preview shares
 * (chartRenders.ts: one render serves both; `helm template` where the
 * workspace is trusted and helm is available, else the built-in engine). An
 * overlay is built with the built-in builder (it reads the unsaved texts of
 * open documents; kubectl reads the disk). A file of a source changed on disk
 * (a checkout) renders it again too. No LSP type here: plain paths and findings.
 */
import { basename } from 'node:path';
import type { ChartRender } from './chartRenders';
import { findingsOfRender } from './helm/chartFindings';
import { HELM_CANCELLED } from './helm/render/helmRunner';
import { chartFileRole, fileExists } from './helm/chart';
import type { FileReader } from './kustomize/discovery';
import { kustomizationIn } from './kustomize/discovery';
import type { OverlayBuild } from './kustomize/buildFindings';
import { overlayFindings } from './kustomize/buildFindings';
import type { ParseCache } from './kustomize/builder';
import { buildKustomization } from './kustomize/builder';
import type { ApiModel } from './languageService/apiModel';
import type { ValidationOptions } from './languageService/diagnostics';
import { overlayFolderOf } from './kustomize/discovery';
import type { SourceFinding } from './render/renderedFindings';
import { RenderError } from './render/types';

/** How long after the last change a chart or overlay is rendered again. */
export const RENDER_DEBOUNCE_MS = 200;

export interface RenderedDiagnosticsHost {
  /** Paths of the open documents. */
  openPaths(): string[];
  /** A file's text: an open document's (unsaved) text first, else the disk. */
  readFile: FileReader;
  /** The chart at `folder` rendered (shared with the placement preview); `valuesFiles`: the user's choice, undefined when none. */
  renderChart(folder: string, valuesFiles: readonly string[] | undefined): Promise<ChartRender>;
  /** No open document of the chart is left: its kept parses can go. */
  forgetChart(folder: string): void;
  model: ApiModel;
  /**
   * How a chart or overlay folder's output is validated (workspace
   * PriorityClasses, the target version); undefined when diagnostics are off.
   * Rule settings are applied per file when the findings are shown.
   */
  options(folder: string): ValidationOptions | undefined;
  /** The findings of these files changed (their diagnostics must be published again). */
  changed(paths: string[]): void;
  log(message: string): void;
}

type Source = { kind: 'chart'; folder: string } | { kind: 'overlay'; folder: string };

interface SourceState {
  source: Source;
  findings: SourceFinding[];
  /** Files the last render read (an overlay's bases and patches), to render again when one changes. */
  reads: Set<string>;
  timer?: NodeJS.Timeout;
  /** Counts renders started: a render that finishes after a newer one started is dropped. */
  generation: number;
  /** Parsed files kept between builds of this overlay. */
  overlayCache: ParseCache;
}

const keyOf = (source: Source): string => `${source.kind}:${source.folder}`;

export class RenderedDiagnostics {
  private readonly states = new Map<string, SourceState>();
  /** Values files the user chose per chart folder (after values.yaml); none chosen: the configuration's, else values.yaml alone. */
  private readonly valuesFiles = new Map<string, string[] | undefined>();

  constructor(private readonly host: RenderedDiagnosticsHost) {}

  /** The values files the user chose for a chart (after its values.yaml); undefined when none were chosen. */
  valuesFilesOf(chartFolder: string): string[] | undefined {
    return this.valuesFiles.get(chartFolder);
  }

  /** The rendered findings that land in a file, from every chart and overlay rendered. */
  findingsFor(path: string): SourceFinding[] {
    const out: SourceFinding[] = [];
    for (const state of this.states.values()) for (const f of state.findings) if (f.file === path) out.push(f);
    return out;
  }

  /**
   * The values files a chart renders with in the editor, after its
   * values.yaml (absolute or chart-relative paths). For the values-file
   * selection the client will send; renders the chart again.
   */
  setValuesFiles(chartFolder: string, files: readonly string[] | undefined): void {
    const known = this.valuesFiles.get(chartFolder);
    if (known === files || (known && files && known.length === files.length && known.every((f, i) => f === files[i]))) return;
    this.valuesFiles.set(chartFolder, files && [...files]);
    const state = this.states.get(keyOf({ kind: 'chart', folder: chartFolder }));
    if (state) this.schedule(state);
  }

  /** A document was opened or changed: render its chart or overlay again (and any build that read it). */
  touched(path: string): void {
    for (const source of this.sourcesOf(path)) {
      const key = keyOf(source);
      let state = this.states.get(key);
      if (!state) this.states.set(key, (state = { source, findings: [], reads: new Set(), generation: 0, overlayCache: new Map() }));
      this.schedule(state);
    }
    for (const state of this.states.values()) if (state.reads.has(path)) this.schedule(state);
  }

  /** A document was closed: a chart or overlay without open documents is forgotten, its findings withdrawn. */
  closed(path: string): void {
    const open = this.host.openPaths().filter((p) => p !== path);
    const active = new Set(open.flatMap((p) => this.sourcesOf(p).map(keyOf)));
    for (const [key, state] of this.states) {
      if (active.has(key)) continue;
      clearTimeout(state.timer);
      this.states.delete(key);
      if (state.source.kind === 'chart') this.host.forgetChart(state.source.folder);
      if (state.findings.length) this.host.changed([...new Set(state.findings.map((f) => f.file))]);
    }
    // the closed file may have held unsaved text that a build read: render from the disk again
    this.touchedReaders(path);
  }

  /**
   * Files changed on disk (a checkout, another tool): the charts and overlays
   * they belong to, or that read them, are rendered again if they are shown.
   */
  changedOnDisk(paths: readonly string[]): void {
    for (const path of paths) {
      const keys = new Set(this.sourcesOf(path).map(keyOf));
      for (const [key, state] of this.states) if (keys.has(key) || state.reads.has(path)) this.schedule(state);
    }
  }

  /** Settings changed: every chart and overlay again. */
  refreshAll(): void {
    for (const state of this.states.values()) this.schedule(state);
  }

  dispose(): void {
    for (const state of this.states.values()) clearTimeout(state.timer);
    this.states.clear();
  }

  private touchedReaders(path: string): void {
    for (const state of this.states.values()) if (state.reads.has(path)) this.schedule(state);
  }

  /** The chart a file belongs to (any of its files) and the overlay it is the kustomization or a patch of. */
  private sourcesOf(path: string): Source[] {
    const out: Source[] = [];
    const chart = chartFileRole(path, fileExists);
    if (chart) out.push({ kind: 'chart', folder: chart.chartRoot });
    const overlay = /\.ya?ml$|\/Kustomization$/.test(path) ? overlayFolderOf(path, this.host.readFile) : undefined;
    if (overlay) out.push({ kind: 'overlay', folder: overlay });
    return out;
  }

  private schedule(state: SourceState): void {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.render(state).catch((error: unknown) => {
        this.host.log(`[rendered diagnostics] ${state.source.kind} ${state.source.folder}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      });
    }, RENDER_DEBOUNCE_MS);
  }

  private async render(state: SourceState): Promise<void> {
    if (this.states.get(keyOf(state.source)) !== state) return; // forgotten meanwhile
    const generation = ++state.generation;
    const options = this.host.options(state.source.folder);
    let reads = new Set<string>();
    const read: FileReader = (path) => {
      reads.add(path);
      return this.host.readFile(path);
    };
    let findings: SourceFinding[] = [];
    if (options) {
      const { folder } = state.source;
      if (state.source.kind === 'chart') {
        const outcome = await this.host.renderChart(folder, this.valuesFiles.get(folder));
        // a newer render started meanwhile, or the chart was forgotten: this one is stale
        if (state.generation !== generation || this.states.get(keyOf(state.source)) !== state) return;
        // cancelled by the user in the preview: the findings of the last render stay
        if (outcome.error?.message === HELM_CANCELLED) return;
        if (outcome.error && !(outcome.error instanceof RenderError)) throw outcome.error;
        reads = new Set(outcome.reads);
        const rendered = outcome.render ? { render: outcome.render } : outcome.error instanceof RenderError ? { error: outcome.error } : undefined;
        findings = rendered ? findingsOfRender(rendered, folder, this.host.model, options, (file) => this.host.readFile(file)) : [];
      } else {
        findings = overlayFindings(this.build(folder, read, state), { name: basename(folder), kustomization: kustomizationIn(folder, read)?.path ?? folder }, this.host.model, options, (file, line) => (read(file) ?? '').split(/\r?\n/)[line] ?? '');
      }
    }
    const before = state.findings;
    state.findings = findings;
    state.reads = reads;
    const changed = new Set([...before, ...findings].map((f) => f.file));
    if (changed.size || before.length !== findings.length) this.host.changed([...changed]);
  }

  private build(folder: string, read: FileReader, state: SourceState): OverlayBuild {
    try {
      return { ok: true, render: buildKustomization(folder, { model: this.host.model, read, cache: state.overlayCache }) };
    } catch (error) {
      if (!(error instanceof RenderError)) throw error;
      return { ok: false, error: error.message, at: error.at ?? { file: kustomizationIn(folder, read)?.path ?? folder, line: 0 } };
    }
  }
}

/** An LSP-shaped diagnostic, as far as this module needs one (no LSP import). */
interface PlainDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 1 | 2 | 3 | 4;
  code: string;
  source?: string;
  message: string;
  /** Recorded in the baseline: the caller shows it faded. */
  dimmed?: boolean;
}

const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

/**
 * Rendered findings as diagnostics of an open document, minus those its own
 * validation already reports (same line, same rule: a literal mistake in a
 * template is found masked and rendered, and shown once). A finding without
 * columns (a render error) underlines its whole line.
 */
export function renderedDiagnostics(document: { getText(): string }, findings: ReadonlyArray<SourceFinding & { dimmed?: boolean }>, own: ReadonlyArray<{ range: { start: { line: number } }; code?: number | string }>): PlainDiagnostic[] {
  if (findings.length === 0) return [];
  const reported = new Set(own.map((d) => `${d.range.start.line}\0${String(d.code)}`));
  const lines = document.getText().split('\n');
  const out: PlainDiagnostic[] = [];
  for (const f of findings) {
    const key = `${f.line}\0${f.finding.code}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const text = (lines[f.line] ?? '').replace(/\r$/, '');
    const whole = f.line === f.endLine && f.column === f.endColumn;
    const column = whole ? text.length - text.trimStart().length : Math.min(f.column, text.length);
    const endColumn = whole ? text.length : f.endColumn;
    out.push({ range: { start: { line: f.line, character: column }, end: { line: f.endLine, character: endColumn } }, severity: SEVERITY[f.finding.severity], code: f.finding.code, source: 'daemonset-tools', message: f.finding.message, ...(f.dimmed ? { dimmed: true } : {}) });
  }
  return out;
}
