/**
 * One render of a chart per edit: the placement preview and the rendered
 * diagnostics ask the same chart renders, which render again only when an
 * input changed (a text, open or on disk; the values files; the engine).
 * Counted on the engine, not timed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ChartRenders } from '../../../server/src/chartRenders';
import { ChartService } from '../../../server/src/chartService';
import { BuiltinChartEngine } from '../../../server/src/helm/render/engines';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { PlacementService } from '../../../server/src/placementService';
import type { ChartPlacementResult } from '../../../server/src/protocol';
import { RenderedDiagnostics } from '../../../server/src/renderedDiagnostics';

const PROFILE = resolve(__dirname, '../../../profiles/sample.profile.yaml');

const TEMPLATE = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ .Release.Name }}-agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: {{ .Values.app }}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.0
`;

describe('one render of a chart serves the preview and the rendered diagnostics', () => {
  let dir: string;
  const model = loadApiModel();
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dst-shared-render-'));
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: agent\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'values.yaml'), 'app: agent\n');
    writeFileSync(join(dir, 'values-prod.yaml'), 'app: other\n');
    writeFileSync(join(dir, 'templates/daemonset.yaml'), TEMPLATE);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function setUp() {
    const open = new Map<string, string>();
    const builtin = new BuiltinChartEngine();
    const renders = new ChartRenders({
      openText: (path) => open.get(path),
      trusted: () => false,
      helmPathSetting: () => '',
      helmConfig: () => undefined,
      engines: { builtin, helm: () => assert.fail('helm never runs in an untrusted workspace') },
    });
    const charts = new ChartService(new PlacementService(), renders);
    let published: (paths: string[]) => void = () => undefined;
    const diagnostics = new RenderedDiagnostics({
      openPaths: () => [...open.keys()],
      readFile: (path) => open.get(path),
      renderChart: (folder, valuesFiles) => renders.render(folder, valuesFiles),
      forgetChart: (folder) => renders.forget(folder),
      model,
      options: () => ({ rules: {} }),
      changed: (paths) => published(paths),
      log: (message) => assert.fail(message),
    });
    /** Resolves when the diagnostics have rendered and their findings changed. */
    const nextFindings = () => new Promise<string[]>((resolve) => (published = resolve));
    const place = (valuesFiles?: string[]): Promise<ChartPlacementResult> => charts.place({ uri: pathToFileURL(join(dir, 'templates/daemonset.yaml')).toString(), profilePath: PROFILE, valuesFiles });
    return { open, builtin, diagnostics, nextFindings, place };
  }

  it('renders once per edit, whichever of the two asks first', async () => {
    const { open, builtin, diagnostics, nextFindings, place } = setUp();
    const template = join(dir, 'templates/daemonset.yaml');
    try {
      // an edit that makes the labels differ from the selector: the preview asks, then the diagnostics render
      open.set(template, TEMPLATE.replace('app: {{ .Values.app }}', 'app: {{ .Values.app }}-x'));
      let findings = nextFindings();
      diagnostics.touched(template);
      const placed = await place();
      assert.equal(placed.kind, 'ok', JSON.stringify(placed));
      assert.deepEqual(await findings, [template]);
      assert.match(diagnostics.findingsFor(template).map((f) => f.finding.code).join(), /selector-mismatch/);
      assert.equal(builtin.renders, 1, 'the preview and the diagnostics share the render of the edit');
      // the next edit: the diagnostics render first, then the preview asks
      open.set(template, TEMPLATE);
      findings = nextFindings();
      diagnostics.touched(template);
      await findings;
      assert.doesNotMatch(diagnostics.findingsFor(template).map((f) => f.finding.code).join(), /selector-mismatch/);
      await place();
      assert.equal(builtin.renders, 2, 'one more render for one more edit');
      // the same texts again: nothing to render
      await place();
      assert.equal(builtin.renders, 2);
      // other values files are another render
      const prod = await place(['values-prod.yaml']);
      assert.equal(prod.kind === 'ok' && prod.chart.valuesFiles.join(), 'values.yaml,values-prod.yaml');
      assert.equal(builtin.renders, 3);
    } finally {
      diagnostics.dispose();
    }
  });

  it('renders again when a file of the chart changes on disk, not open in the editor', async () => {
    const { open, builtin, diagnostics, nextFindings, place } = setUp();
    const template = join(dir, 'templates/daemonset.yaml');
    try {
      open.set(template, TEMPLATE);
      diagnostics.touched(template);
      await place();
      assert.equal(builtin.renders, 1);
      // a checkout changes values.yaml behind the editor
      writeFileSync(join(dir, 'values.yaml'), 'app: changed-on-disk\n');
      const findings = nextFindings();
      diagnostics.changedOnDisk([join(dir, 'values.yaml')]);
      assert.deepEqual(await findings, [template]);
      assert.match(diagnostics.findingsFor(template).map((f) => f.finding.code).join(), /selector-mismatch/);
      await place();
      assert.equal(builtin.renders, 2, 'the disk change is one new render, shared');
    } finally {
      writeFileSync(join(dir, 'values.yaml'), 'app: agent\n');
      diagnostics.dispose();
    }
  });
});
