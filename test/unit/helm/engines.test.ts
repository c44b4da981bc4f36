/**
 * Engine choice and the line map: the built-in engine maps output lines to
 * template, helper and values-file lines; helm's output takes the built-in
 * map where both printed the same document; helm missing is a clear failure.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { obtainHelm } from '../../../scripts/obtainTools.mjs';
import { renderChart } from '../../../server/src/helm/render';
import { renderBuiltin } from '../../../server/src/helm/render/builtinEngine';
import { readChart } from '../../../server/src/helm/render/chartFiles';
import { RenderError } from '../../../server/src/render/types';

const CHART = 'test/fixtures/charts-render/log-shipper';

function lineOf(result: Awaited<ReturnType<typeof renderChart>>, file: string, text: string): { file: string; line: number } | undefined {
  const doc = result.documents.find((d) => d.origin.file.endsWith(file))!;
  const i = doc.text.split('\n').findIndex((l) => l.trim() === text);
  assert.ok(i >= 0, `${text} not rendered`);
  return doc.lineMap[i];
}

describe('line map of the built-in engine', () => {
  const result = renderBuiltin(readChart(CHART), { releaseName: 'release-name', namespace: 'default', values: { files: [], sets: [] } });

  it('template text maps to its template line', () => {
    assert.deepEqual(lineOf(result, 'templates/daemonset.yaml', 'kind: DaemonSet'), { file: `${CHART}/templates/daemonset.yaml`, line: 2 });
  });

  it('text an include produced maps into _helpers.tpl', () => {
    assert.deepEqual(lineOf(result, 'templates/daemonset.yaml', 'app.kubernetes.io/managed-by: Helm'), { file: `${CHART}/templates/_helpers.tpl`, line: 35 });
  });

  it('toYaml of a values list maps each line to its values.yaml line', () => {
    assert.deepEqual(lineOf(result, 'templates/daemonset.yaml', '- key: node-role.kubernetes.io/control-plane'), { file: `${CHART}/values.yaml`, line: 38 });
    assert.deepEqual(lineOf(result, 'templates/daemonset.yaml', 'memory: 256Mi'), { file: `${CHART}/values.yaml`, line: 33 });
  });

  it('a scalar printed from .Values maps to its values.yaml line', () => {
    assert.deepEqual(lineOf(result, 'templates/daemonset.yaml', 'priorityClassName: system-node-critical'), { file: `${CHART}/values.yaml`, line: 21 });
  });
});

describe('engine choice', () => {
  it('--engine helm maps helm documents through the built-in map where they agree', async () => {
    const helm = obtainHelm();
    const viaHelm = await renderChart({ chartDir: CHART, cwd: process.cwd(), valuesFiles: [], sets: [], engine: 'helm', helmPath: helm });
    assert.equal(viaHelm.engine, 'helm');
    assert.deepEqual(lineOf(viaHelm, 'templates/daemonset.yaml', 'memory: 256Mi'), { file: `${CHART}/values.yaml`, line: 33 });
  });

  it('helm that cannot be run is a RenderError naming the path', async () => {
    await assert.rejects(renderChart({ chartDir: CHART, cwd: process.cwd(), valuesFiles: [], sets: [], engine: 'helm', helmPath: '/nonexistent/helm' }), (e: unknown) => e instanceof RenderError && /helm not found at \/nonexistent\/helm/.test(e.message));
  });

  it('--engine builtin never runs helm; auto without helm on PATH is built-in', async () => {
    const saved = process.env.PATH;
    process.env.PATH = mkdtempSync(join(tmpdir(), 'dst-nohelm-'));
    try {
      const result = await renderChart({ chartDir: CHART, cwd: process.cwd(), valuesFiles: [], sets: [] });
      assert.equal(result.engine, 'builtin');
    } finally {
      process.env.PATH = saved;
    }
  });

  it('the oracle fails loudly when its package is missing (no silent skip)', () => {
    assert.throws(() => obtainHelm(mkdtempSync(join(tmpdir(), 'dst-noroot-'))), /lambda-layer-kubectl-v31 is not installed/);
  });
});
