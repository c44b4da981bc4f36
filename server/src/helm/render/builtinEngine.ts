/**
 * The built-in engine: renders a chart as `helm template` would (templates
 * parsed into one set in Helm's order, partials not rendered, `<no value>`
 * removed, files split into documents), each output line mapped to the
 * template or values-file line that produced it.
 */
import { posix } from 'node:path';
import { HELM_ONLY_FUNCTIONS, helmFunctions } from '../functions';
import type { HelmHost } from '../functions/helm';
import { ExecError, Executor } from '../template/exec';
import type { Origin } from '../template/output';
import { TemplateParseError, parseTemplate } from '../template/parser';
import type { GoMap, GoValue } from '../template/values';
import { RenderError, type RenderResult, type RenderedDocument, type SourceLine } from '../../render/types';
import { capabilitiesObject, chartObject, filesObject, releaseObject } from './builtinObjects';
import type { ChartFiles } from './chartFiles';
import { splitManifests } from './manifests';
import { type ValuesChart, ValuesCache, type ValuesInput, ValuesError, buildValues, pathValue } from './values';
import type { ParsedTemplate } from '../template/ast';

export interface RenderOptions {
  releaseName: string;
  namespace: string;
  /** `--values` files and `--set` expressions (the chart's values.yaml is added first by the engine). */
  values: Omit<ValuesInput, 'chartValues'>;
  /** Extra API versions for .Capabilities.APIVersions.Has (helm template --api-versions). */
  apiVersions?: string[];
  /** Parsed values files and templates kept between renders of the same chart (the editor passes one). */
  cache?: RenderCache;
}

/** What a caller that renders the same chart again and again can keep: parsed values files and templates. */
export class RenderCache {
  readonly values = new ValuesCache();
  private readonly templates = new Map<string, { text: string; parsed: ParsedTemplate }>();

  template(name: string, text: string, parse: () => ParsedTemplate): ParsedTemplate {
    const hit = this.templates.get(name);
    if (hit && hit.text === text) return hit.parsed;
    const parsed = parse();
    this.templates.set(name, { text, parsed });
    return parsed;
  }
}

export const HELM_HINT = 'set daemonsetTools.helmPath (or pass --helm / --engine helm) to render with helm';

/** Helm's sortTemplates: deeper paths first, then reverse lexical order; parsing later wins for defines. */
function helmOrder(names: string[]): string[] {
  return [...names].sort((a, b) => {
    const ca = a.split('/').length;
    const cb = b.split('/').length;
    if (ca !== cb) return cb - ca;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

interface ChartNode {
  chart: ChartFiles;
  /** The name values and template paths use (the dependency's alias, if any). */
  key: string;
  subcharts: ChartNode[];
}

/** The subcharts Chart.yaml conditions and tags leave enabled, given the parent's values. */
function enabledSubcharts(chart: ChartFiles, values: GoMap | undefined, all: boolean): ChartNode[] {
  return chart.subcharts.flatMap((sub) => {
    const dep = chart.dependencies.find((d) => d.name === sub.name);
    const key = dep?.alias ?? sub.name;
    if (!all && dep && values) {
      const decided = dep.condition?.split(',').map((c) => pathValue(values, c.trim())).find((v) => typeof v === 'boolean');
      if (decided === false) return [];
      if (decided === undefined && dep.tags.length) {
        const tags = dep.tags.map((t) => pathValue(values, `tags.${t}`));
        if (!tags.includes(true) && tags.includes(false)) return [];
      }
    }
    const own = values?.get(key);
    return [{ chart: sub, key, subcharts: enabledSubcharts(sub, own instanceof Map ? own : undefined, all) }];
  });
}

function valuesTree(node: ChartNode): ValuesChart {
  return { values: node.chart.values, subcharts: node.subcharts.map((s) => ({ key: s.key, chart: valuesTree(s) })) };
}

/** Renders `chart` with the built-in engine. Throws RenderError with the place of the failure. */
export function renderBuiltin(chart: ChartFiles, options: RenderOptions): RenderResult {
  const packed = collectArchives(chart);
  if (packed.length) throw new RenderError(`the chart ${chart.name} has packed subcharts (${packed.join(', ')}), which the built-in engine does not unpack: ${HELM_HINT}`);
  let built;
  try {
    // Conditions are read from values coalesced with every subchart, then values are built with the enabled ones (chartutil.ProcessDependencies).
    const cache = options.cache?.values;
    const everything: ChartNode = { chart, key: chart.name, subcharts: enabledSubcharts(chart, undefined, true) };
    const first = buildValues({ ...options.values, chartValues: chart.values }, valuesTree(everything), cache);
    const root: ChartNode = { chart, key: chart.name, subcharts: chart.subcharts.length ? enabledSubcharts(chart, first.values, false) : [] };
    built = { ...(chart.subcharts.length ? buildValues({ ...options.values, chartValues: chart.values }, valuesTree(root), cache) : first), root };
  } catch (e) {
    if (e instanceof ValuesError) throw new RenderError(`${e.message}; correct the values file there`, { file: e.file, line: e.line });
    throw e;
  }
  const { values, lines, root } = built;
  // Every template of every enabled chart, by the name Helm gives it, with the data it renders with.
  const templates = new Map<string, { path: string; text: string; data: GoMap }>();
  const shared = { Release: releaseObject(options.releaseName, options.namespace), Capabilities: capabilitiesObject(options.apiVersions) };
  const collect = (node: ChartNode, fullPath: string, scoped: GoMap, isRoot: boolean): GoMap => {
    const subData: GoMap = new Map();
    const meta = new Map(node.chart.metadata);
    if (node.key !== node.chart.name) meta.set('name', node.key);
    const data: GoMap = new Map<string, GoValue>([
      ['Chart', chartObject(meta, isRoot)],
      ['Files', filesObject(node.chart.files)],
      ['Release', shared.Release],
      ['Capabilities', shared.Capabilities],
      ['Values', scoped],
      ['Subcharts', subData],
    ]);
    for (const sub of node.subcharts) {
      const own = scoped.get(sub.key);
      subData.set(sub.key, collect(sub, `${fullPath}/charts/${sub.key}`, own instanceof Map ? own : new Map<string, GoValue>(), false));
    }
    for (const t of node.chart.templates) templates.set(`${fullPath}/${t.rel}`, { path: t.path, text: t.text, data });
    return data;
  };
  collect(root, chart.name, values, true);
  const toSource = (o: Origin | undefined): SourceLine | undefined => {
    if (!o) return undefined;
    if (o.fromValues) return { file: o.file, line: o.line };
    const file = templates.get(o.file)?.path;
    return file ? { file, line: o.line } : undefined;
  };
  const isFunction = (name: string): boolean => funcs.has(name);
  const parse = (name: string, text: string) => {
    try {
      return parseTemplate(name, text, isFunction);
    } catch (e) {
      if (!(e instanceof TemplateParseError)) throw e;
      const fn = /^function "(.+)" not defined$/.exec(e.detail)?.[1];
      const message = fn && HELM_ONLY_FUNCTIONS.has(fn) ? `${e.template}:${e.line}: the built-in engine does not have the function "${fn}": ${HELM_HINT}` : `parse error at (${e.template}:${e.line}): ${e.detail}; correct the template there`;
      throw new RenderError(message, toSource({ file: name, line: e.line - 1 }));
    }
  };
  const host: HelmHost = {
    keyOrigins: (container, key) => lines.get(container, key),
    tpl: (text, data, call) => {
      const child = call.exec.clone();
      child.add(parse('gotpl', text));
      const out = child.execute('gotpl', data).text.replaceAll('<no value>', '');
      const at = call.origin();
      call.exec.strings.set(out, out.split('\n').map(() => at));
      return out;
    },
  };
  const funcs = helmFunctions(host);
  const exec = new Executor({ funcs, keyOrigins: host.keyOrigins });
  for (const name of helmOrder([...templates.keys()])) {
    const text = templates.get(name)!.text;
    exec.add(options.cache ? options.cache.template(name, text, () => parse(name, text)) : parse(name, text));
  }
  const documents: RenderedDocument[] = [];
  for (const name of [...templates.keys()].sort()) {
    const base = posix.basename(name);
    if (base.startsWith('_') || base === 'NOTES.txt') continue;
    const t = templates.get(name)!;
    const data: GoMap = new Map(t.data);
    data.set('Template', new Map<string, GoValue>([['Name', name], ['BasePath', name.slice(0, name.lastIndexOf('/templates/') + '/templates'.length)]]));
    let result;
    try {
      result = exec.execute(name, data);
    } catch (e) {
      if (e instanceof ExecError) throw new RenderError(`${e.message}; correct the template or the values it reads`, toSource(e.at));
      throw e;
    }
    const text = result.text.replaceAll('<no value>', '');
    for (const doc of splitManifests(text)) {
      const count = doc.text.split('\n').length;
      const lineMap = result.origins.slice(doc.startLine, doc.startLine + count).map(toSource);
      documents.push({ text: doc.text, origin: lineMap.find((l) => l?.file === t.path) ?? { file: t.path, line: 0 }, lineMap });
    }
  }
  return { documents, engine: 'builtin', warnings: [] };
}

function collectArchives(chart: ChartFiles): string[] {
  return [...chart.archives, ...chart.subcharts.flatMap(collectArchives)];
}
