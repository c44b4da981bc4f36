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
import { type ValuesInput, ValuesError, buildValues } from './values';

export interface RenderOptions {
  releaseName: string;
  namespace: string;
  /** `--values` files and `--set` expressions (the chart's values.yaml is added first by the engine). */
  values: Omit<ValuesInput, 'chartValues'>;
  /** Extra API versions for .Capabilities.APIVersions.Has (helm template --api-versions). */
  apiVersions?: string[];
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

/** Renders `chart` with the built-in engine. Throws RenderError with the place of the failure. */
export function renderBuiltin(chart: ChartFiles, options: RenderOptions): RenderResult {
  if (chart.hasSubcharts) throw new RenderError(`the chart ${chart.name} has subcharts or dependencies, which the built-in engine does not render: ${HELM_HINT}`);
  const pathOf = new Map<string, string>(chart.templates.map((t) => [`${chart.name}/${t.rel}`, t.path]));
  const toSource = (o: Origin | undefined): SourceLine | undefined => {
    if (!o) return undefined;
    if (o.fromValues) return { file: o.file, line: o.line };
    const file = pathOf.get(o.file);
    return file ? { file, line: o.line } : undefined;
  };
  let built;
  try {
    built = buildValues({ ...options.values, chartValues: chart.values });
  } catch (e) {
    if (e instanceof ValuesError) throw new RenderError(e.message, { file: e.file, line: e.line });
    throw e;
  }
  const { values, lines } = built;
  const isFunction = (name: string): boolean => funcs.has(name);
  const parse = (name: string, text: string) => {
    try {
      return parseTemplate(name, text, isFunction);
    } catch (e) {
      if (!(e instanceof TemplateParseError)) throw e;
      const fn = /^function "(.+)" not defined$/.exec(e.detail)?.[1];
      const message = fn && HELM_ONLY_FUNCTIONS.has(fn) ? `${e.template}:${e.line}: the built-in engine does not have the function "${fn}": ${HELM_HINT}` : `parse error at (${e.template}:${e.line}): ${e.detail}`;
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
  for (const name of helmOrder([...pathOf.keys()])) {
    const t = chart.templates.find((x) => `${chart.name}/${x.rel}` === name)!;
    exec.add(parse(name, t.text));
  }
  const top = new Map<string, GoValue>([
    ['Values', values],
    ['Release', releaseObject(options.releaseName, options.namespace)],
    ['Chart', chartObject(chart.metadata)],
    ['Capabilities', capabilitiesObject(options.apiVersions)],
    ['Files', filesObject(chart.files)],
    ['Subcharts', new Map()],
  ]);
  const documents: RenderedDocument[] = [];
  for (const name of [...pathOf.keys()].sort()) {
    const base = posix.basename(name);
    if (base.startsWith('_') || base === 'NOTES.txt') continue;
    const data: GoMap = new Map(top);
    data.set('Template', new Map<string, GoValue>([['Name', name], ['BasePath', posix.join(chart.name, 'templates')]]));
    let result;
    try {
      result = exec.execute(name, data);
    } catch (e) {
      if (e instanceof ExecError) throw new RenderError(e.message, toSource(e.at));
      throw e;
    }
    const text = result.text.replaceAll('<no value>', '');
    const file = pathOf.get(name)!;
    for (const doc of splitManifests(text)) {
      const count = doc.text.split('\n').length;
      const lineMap = result.origins.slice(doc.startLine, doc.startLine + count).map(toSource);
      documents.push({ text: doc.text, origin: lineMap.find((l) => l?.file === file) ?? { file, line: 0 }, lineMap });
    }
  }
  return { documents, engine: 'builtin', warnings: [] };
}
