/** Built-in rendering of a chart and placement of its DaemonSets on the 5,000-node profile (issue 10: ≤ 50 ms). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findingsOfRender } from '../server/src/helm/chartFindings';
import { loadApiModel } from '../server/src/languageService/apiModel';
import { daemonSetFromYaml } from '../server/src/languageService/daemonSetModel';
import { parseYamlFile } from '../server/src/languageService/yamlModel';
import { placeDaemonSet } from '../server/src/placement';
import { RenderCache, renderBuiltin } from '../server/src/helm/render/builtinEngine';
import { readChart } from '../server/src/helm/render/chartFiles';
import { profile } from './placement.bench';
import { cpuSample, fmt, line, sample } from './stats';

const CHART = 'test/fixtures/charts-render/log-shipper';

export function runHelmRenderBench(): void {
  console.log('helm charts (built-in engine)');
  // The chart's files are read once, as the editor holds them; rendering and placement are timed.
  const chart = readChart(CHART);
  const overlay = { path: `${CHART}/values-windows.yaml`, text: readFileSync(`${CHART}/values-windows.yaml`, 'utf8') };
  const nodes = profile(5000);
  // As the editor renders: values files and templates parsed once, re-rendered on each change.
  const cache = new RenderCache();
  const renderAndPlace = (): number => {
    const result = renderBuiltin(chart, { releaseName: 'release-name', namespace: 'default', values: { files: [overlay], sets: ['image.tag=bench'] }, cache });
    let placed = 0;
    for (const doc of result.documents) {
      for (const document of parseYamlFile(doc.text).documents) {
        const ds = daemonSetFromYaml(document);
        if (ds) placed += placeDaemonSet(ds, nodes).summary.runs >= 0 ? 1 : 0;
      }
    }
    return placed;
  };
  for (let i = 0; i < 20; i++) renderAndPlace();
  const render = sample(50, () => renderBuiltin(chart, { releaseName: 'release-name', namespace: 'default', values: { files: [overlay], sets: [] }, cache }));
  line('render log-shipper with a values overlay (median)', fmt(render.median));
  const cold = sample(20, () => renderBuiltin(chart, { releaseName: 'release-name', namespace: 'default', values: { files: [overlay], sets: [] } }));
  line('the same, parsing values files and templates again (median)', fmt(cold.median));
  const both = sample(50, renderAndPlace);
  line('render + place its 2 DaemonSets × 5,000 nodes (median)', fmt(both.median), '≤ 50 ms');
  line('render + place its 2 DaemonSets × 5,000 nodes (p95)', fmt(both.p95));
  // CPU time beside wall time: on a busy machine the wall p95 measures the other processes.
  const bothCpu = cpuSample(50, renderAndPlace);
  line('the same, CPU time of this process (median)', fmt(bothCpu.median), '≤ 50 ms');
  line('the same, CPU time of this process (p95)', fmt(bothCpu.p95), '≤ 50 ms');
  // What the language server does after an edit of a template or values file: render through the
  // editor's reader (unsaved texts over the disk) and run every rule on the rendered DaemonSets.
  const model = loadApiModel();
  const editorCache = new RenderCache();
  const root = resolve(CHART);
  const valuesFile = resolve(`${CHART}/values-windows.yaml`);
  const editor = (): number => {
    const render = renderBuiltin(readChart(root, root), { releaseName: 'release-name', namespace: 'default', values: { files: [{ path: valuesFile, text: readFileSync(valuesFile, 'utf8') }], sets: [] }, cache: editorCache });
    return findingsOfRender({ render }, root, model, {}, (file) => readFileSync(file, 'utf8')).length;
  };
  for (let i = 0; i < 10; i++) editor();
  const diagnostics = sample(30, editor);
  line('editor: read the chart, render, every rule on the output (median)', fmt(diagnostics.median));
  line('editor: the same (p95)', fmt(diagnostics.p95), '≤ 50 ms');
  line('editor: the same, CPU time of this process (median)', fmt(cpuSample(30, editor).median), '≤ 50 ms');
}
