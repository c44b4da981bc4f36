/**
 * A chart rendered for the editor (through ChartRenders, the one render the
 * preview and the diagnostics share): findings placed on template and
 * values-file lines, values files merged after values.yaml, and a chart that
 * does not render as one finding.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { ChartRenders } from '../../../server/src/chartRenders';
import { findingsOfRender } from '../../../server/src/helm/chartFindings';
import { RenderError } from '../../../server/src/render/types';
import type { ValidationOptions } from '../../../server/src/languageService/diagnostics';
import { loadApiModel } from '../../../server/src/languageService/apiModel';

const model = loadApiModel();
const work = mkdtempSync(join(tmpdir(), 'dst-chart-findings-'));
after(() => rmSync(work, { recursive: true, force: true }));

const TEMPLATE = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: agent
          image: {{ required "image is required" .Values.image }}
`;

let charts = 0;
/** A chart folder on disk with these values (and extra files), rendered by the editor's renderer (untrusted: the built-in engine). */
async function chartFindings(values: string, valuesFiles: string[] = [], extra: Record<string, string> = {}, options: ValidationOptions = {}) {
  const root = join(work, `agent-${++charts}`);
  const files = { 'Chart.yaml': 'apiVersion: v2\nname: agent\nversion: 0.1.0\n', 'values.yaml': values, 'templates/daemonset.yaml': TEMPLATE, ...extra };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const renders = new ChartRenders({ openText: () => undefined, trusted: () => false, helmPathSetting: () => '', helmConfig: () => undefined });
  const outcome = await renders.render(root, valuesFiles);
  const rendered = outcome.render ? { render: outcome.render } : { error: outcome.error as RenderError };
  assert.ok(outcome.render || outcome.error instanceof RenderError, String(outcome.error));
  const findings = findingsOfRender(rendered, root, model, options, (file) => readFileSync(file, 'utf8'));
  return { root, render: outcome.render, warnings: outcome.info.warnings, findings, errors: findings.filter((f) => f.finding.severity === 'error').map((f) => [relative(root, f.file), f.line, f.column, f.finding.code]) };
}

describe('a chart rendered for the editor', () => {
  it('places a bad value on its values-file line and column', async () => {
    const found = await chartFindings('image: a:1\ntolerations:\n  - operator: Exists\n    effect: NoSchedul\n');
    assert.deepEqual(found.errors, [['values.yaml', 3, 12, 'invalid-enum']]);
    assert.equal(found.render?.documents.length, 1);
  });

  it('merges the chosen values files after values.yaml, the later one winning', async () => {
    const files = { 'values-prod.yaml': 'tolerations:\n  - operator: Exists\n    effect: NoExecut\n' };
    const found = await chartFindings('image: a:1\ntolerations: []\n', ['values-prod.yaml'], files);
    assert.deepEqual(found.errors, [['values-prod.yaml', 2, 12, 'invalid-enum']]);
  });

  it('gives a chart that does not render as one helm-render finding at the failing template line', async () => {
    const found = await chartFindings('tolerations: []\n');
    assert.equal(found.render, undefined);
    assert.deepEqual(found.errors, [['templates/daemonset.yaml', 17, 0, 'helm-render']]);
    assert.match(found.findings[0].finding.message, /image is required/);
    assert.deepEqual((await chartFindings('tolerations: []\n', [], {}, { rules: { 'helm-render': 'off' } })).findings, []);
  });

  it('leaves out a chosen values file that is gone, and says so (the view shows the warning)', async () => {
    const found = await chartFindings('image: a:1\ntolerations: []\n', ['values-missing.yaml']);
    assert.deepEqual(found.warnings, ['values file values-missing.yaml was not found: left out']);
    assert.deepEqual(found.errors, []);
    assert.equal(found.render?.documents.length, 1);
  });
});
