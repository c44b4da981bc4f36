/**
 * One render of a chart serves every editor feature that reads it: the chart
 * placement preview, Compare Values Files and the rendered diagnostics ask
 * here, and a render is reused while its inputs are the same — the chart's
 * folder, the values files, the `--set`s, release and namespace, the engine,
 * and the text of every file the chart was read from (an open document's
 * unsaved text in place of its file). A content key rather than document
 * versions: a file changed on disk behind the editor (git checkout) changes
 * the key as an edit does.
 *
 * Here the editor decides what a chart renders with:
 * - values files: the user's Select Values Files choice; without one, the
 *   `helm.values` of the chart's `.daemonset-tools.yaml` (as the CLI reads
 *   them); values.yaml always first;
 * - `helm.set`, `helm.release`, `helm.namespace` of that file;
 * - engine: `helm template` (the exact engine) in a trusted workspace when
 *   helm is available (`daemonsetTools.helmPath`, else the file's
 *   `helm.path`, else helm on PATH) and no file of the chart has unsaved
 *   edits (helm reads the disk); the built-in engine otherwise, and always
 *   when the file says `helm.engine: builtin`. Untrusted never runs programs.
 *
 * A render can be cancelled (the request's cancellation kills helm); a
 * cancelled or timed-out render is not kept. No LSP types: plain paths.
 */
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileExists, nodeChartAccess, valuesFileNames } from './helm/chart';
import { type ChartReader, diskChartReader, readChart } from './helm/render/chartFiles';
import { BuiltinChartEngine, type ChartEngine, HelmChartEngine, RenderCache } from './helm/render/engines';
import { DEFAULT_NAMESPACE, DEFAULT_RELEASE, findHelmOnPath } from './helm/render';
import type { ToolsConfig } from './config/types';
import { programPath } from './config/programPath';
import type { ChartInfo } from './protocol';
import type { RenderResult } from './render/types';

/** `helm template` may take long on a big chart; the editor does not wait longer than this. */
export const HELM_TIMEOUT_MS = 20_000;

/** How many renders (chart × values selection × texts) are kept: the preview's, the diagnostics', a comparison's two sides. */
const KEPT_RENDERS = 8;

export interface ChartRenderHost {
  /** An open document's text by path, undefined when the file is not open. */
  openText: (path: string) => string | undefined;
  /** Whether the user trusts the workspace (only then may a program run). */
  trusted(): boolean;
  /** `daemonsetTools.helmPath` (empty when unset). */
  helmPathSetting(): string;
  /** The `helm:` section of the `.daemonset-tools.yaml` that applies to the chart's folder, with the file's path; undefined when there is none. */
  helmConfig(chartRoot: string): { helm: ToolsConfig['helm']; path: string } | undefined;
  /** The engines (tests count their renders); the built-in one and `helm template` by default. */
  engines?: { builtin: ChartEngine; helm(helmPath: string): ChartEngine };
}

/** A chart rendered for the editor: the result or why it failed, what it was rendered with, and every file read. */
export interface ChartRender {
  render?: RenderResult;
  error?: Error;
  info: ChartInfo;
  /** Absolute paths of the files read (the chart's and values files elsewhere): a change of one renders again. */
  reads: string[];
}

interface Kept {
  key: string;
  controller: AbortController;
  result: Promise<RenderResult>;
}

export class ChartRenders {
  readonly builtin: ChartEngine;
  private readonly helmEngines = new Map<string, ChartEngine>();
  /** Most recent last. */
  private readonly kept = new Map<string, Kept>();
  private readonly parseCaches = new Map<string, RenderCache>();

  constructor(private readonly host: ChartRenderHost) {
    this.builtin = host.engines?.builtin ?? new BuiltinChartEngine();
  }

  /** Parsed templates and values of a chart, kept between its renders (the built-in engine re-parses only what changed). */
  parseCache(chartRoot: string): RenderCache {
    let cache = this.parseCaches.get(chartRoot);
    if (!cache) this.parseCaches.set(chartRoot, (cache = new RenderCache()));
    return cache;
  }

  /** Forgets a chart's parsed files (no document of it is open any more). */
  forget(chartRoot: string): void {
    this.parseCaches.delete(chartRoot);
  }

  /**
   * Renders the chart at `root`. `choice`: the values files the user chose
   * (chart-relative, after values.yaml); undefined when none was chosen (the
   * configuration's apply). `signal` cancels: a running helm is killed.
   */
  async render(root: string, choice: readonly string[] | undefined, signal?: AbortSignal): Promise<ChartRender> {
    const reads = new Set<string>();
    const info: ChartInfo = { name: '', rootUri: pathToFileURL(root).toString(), valuesFiles: [], availableValuesFiles: [], engine: 'builtin', warnings: [], release: DEFAULT_RELEASE, namespace: DEFAULT_NAMESPACE };
    try {
      const input = this.input(root, choice, info, reads);
      let kept = this.kept.get(input.key);
      if (kept) {
        // most recent last
        this.kept.delete(input.key);
        this.kept.set(input.key, kept);
      } else {
        const controller = new AbortController();
        kept = { key: input.key, controller, result: input.engine.render({ ...input.request, signal: controller.signal }) };
        this.keep(kept);
      }
      const own = kept;
      const cancel = () => {
        own.controller.abort();
        this.kept.delete(own.key);
      };
      if (signal?.aborted) cancel();
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        const render = await own.result;
        return { render, info: { ...info, warnings: [...info.warnings, ...render.warnings] }, reads: [...reads] };
      } catch (error) {
        // helm may succeed next time (cancelled, timed out): not kept
        if (own.controller.signal.aborted || input.engine.kind === 'helm') this.kept.delete(own.key);
        throw error;
      } finally {
        signal?.removeEventListener('abort', cancel);
      }
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)), info, reads: [...reads] };
    }
  }

  private keep(kept: Kept): void {
    this.kept.set(kept.key, kept);
    for (const key of this.kept.keys()) {
      if (this.kept.size <= KEPT_RENDERS) break;
      this.kept.delete(key);
    }
  }

  /** What to render and with which engine, the info filled in, and the key of the render. */
  private input(root: string, choice: readonly string[] | undefined, info: ChartInfo, reads: Set<string>) {
    const hash = createHash('sha256');
    let unsaved = false;
    const reader = recordingReader(this.host.openText, (path, content, changed) => {
      reads.add(path);
      hash.update(`${path}\0${content}\0`);
      unsaved ||= changed;
    });
    const config = this.host.helmConfig(root);
    const helm = config?.helm ?? {};
    if (config && Object.keys(helm).length) info.configUri = pathToFileURL(config.path).toString();
    info.availableValuesFiles = valuesFileNames(root, nodeChartAccess(this.host.openText));
    const valuesPaths = choice !== undefined ? chosenValuesFiles(root, choice, info.warnings) : configValuesFiles(root, helm.values ?? [], config?.path);
    const chart = readChart(root, root, reader);
    info.name = chart.name;
    const valuesFiles = valuesPaths.flatMap((path) => {
      const text = reader.readText(path);
      if (text === undefined) info.warnings.push(`values file ${relativeName(root, path)} was not found: left out`);
      return text === undefined ? [] : [{ path, text }];
    });
    info.valuesFiles = [...(chart.values ? ['values.yaml'] : []), ...valuesFiles.map((f) => relativeName(root, f.path))];
    info.release = helm.release ?? DEFAULT_RELEASE;
    info.namespace = helm.namespace ?? DEFAULT_NAMESPACE;
    const sets = helm.set ?? [];
    const helmPath = helm.engine === 'builtin' ? undefined : this.helmPath(helm.path, config?.path);
    if (helmPath && unsaved) info.warnings.push('a file of the chart has unsaved changes: rendered with the built-in engine (helm template reads the saved files)');
    if (helm.engine === 'helm' && !helmPath) info.warnings.push(this.host.trusted() ? 'helm.engine is helm in .daemonset-tools.yaml but helm was not found: rendered with the built-in engine' : 'Restricted Mode runs no program: rendered with the built-in engine (helm.engine: helm in .daemonset-tools.yaml)');
    const engine = helmPath && !unsaved ? this.helmEngine(helmPath) : this.builtin;
    info.engine = engine.kind;
    hash.update(JSON.stringify([root, engine.kind, helmPath, info.release, info.namespace, sets, valuesFiles.map((f) => f.path)]));
    return {
      key: hash.digest('hex'),
      engine,
      request: { chart, valuesFiles, sets, releaseName: info.release, namespace: info.namespace, cache: this.parseCache(root), timeoutMs: HELM_TIMEOUT_MS },
    };
  }

  /** The helm to run: only in a trusted workspace; the setting, else the configuration's, else helm on PATH. */
  private helmPath(configured: string | undefined, configPath: string | undefined): string | undefined {
    if (!this.host.trusted()) return undefined;
    const setting = this.host.helmPathSetting();
    if (setting) return setting;
    // as the CLI reads it: a bare name on PATH, a path relative to the configuration file's folder
    if (configured) return programPath(configured, configPath);
    return findHelmOnPath();
  }

  private helmEngine(helmPath: string): ChartEngine {
    let engine = this.helmEngines.get(helmPath);
    if (!engine) this.helmEngines.set(helmPath, (engine = this.host.engines?.helm(helmPath) ?? new HelmChartEngine(helmPath)));
    return engine;
  }
}

/** A values file's name as the view shows it: relative to the chart, with '/'. */
function relativeName(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** The user's choice: chart-relative names, never a path that leads out of the chart. */
function chosenValuesFiles(root: string, choice: readonly string[], warnings: string[]): string[] {
  const out: string[] = [];
  for (const name of choice) {
    const path = normalize(join(root, name));
    if (isAbsolute(name) || relative(root, path).split(sep)[0] === '..') warnings.push(`values file ${name} is not in the chart: left out`);
    else if (name !== 'values.yaml' && !out.includes(path)) out.push(path);
  }
  return out;
}

/** `helm.values` of the configuration, found as the CLI finds them: in the chart's folder, else next to the configuration file. */
function configValuesFiles(root: string, names: readonly string[], configPath: string | undefined): string[] {
  return names.flatMap((name) => {
    const inChart = resolve(root, name);
    const path = fileExists(inChart) || !configPath ? inChart : resolve(dirname(configPath), name);
    return path === join(root, 'values.yaml') ? [] : [path];
  });
}

/**
 * The chart reader the editor renders through: an open document's text over
 * its file, every file and folder read reported (with whether an open text
 * differs from the disk, which helm would not see).
 */
function recordingReader(open: (path: string) => string | undefined, record: (path: string, content: string, unsaved: boolean) => void): ChartReader {
  const disk = diskChartReader();
  return {
    readText(path) {
      const saved = disk.readText(path);
      const text = open(path) ?? saved;
      if (text !== undefined) record(path, text, text !== saved);
      return text;
    },
    readBytes(path) {
      const text = open(path);
      const bytes = text === undefined ? disk.readBytes(path) : Buffer.from(text, 'utf8');
      if (bytes) record(path, createHash('sha256').update(bytes).digest('hex'), text !== undefined && text !== disk.readText(path));
      return bytes;
    },
    readDir(path) {
      const entries = disk.readDir(path);
      record(path, entries.map((e) => `${e.name}${e.isDirectory ? '/' : ''}`).sort().join('\n'), false);
      return entries;
    },
  };
}
