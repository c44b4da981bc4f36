/** `daemonset-tools check` on chart folders, without rendering: templates masked, helpers and values files not manifests. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli } from './runCli';

interface JsonReport {
  files: Array<{ path: string; diagnostics: Array<{ line: number; severity: string; code: string }> }>;
}

describe('check on chart folders', () => {
  it('finds every chart in a folder tree (subcharts too) and reports no error caused by templating', async () => {
    const result = await cli('check', '--format', 'json', 'test/fixtures/charts');
    assert.equal(result.stderr, '');
    const report = JSON.parse(result.stdout) as JsonReport;
    const paths = report.files.map((f) => f.path);
    assert.ok(paths.includes('test/fixtures/charts/platform/charts/gpu-plugin/templates/daemonset.yml'), paths.join());
    assert.ok(!paths.some((p) => p.endsWith('.tpl') || p.endsWith('NOTES.txt')), 'helpers and notes are no YAML to check');
    assert.deepEqual(report.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.path}:${d.line} ${d.code}`)), []);
    assert.equal(result.code, 0);
  });

  it('reports the literal mistakes of a chart template at their template lines and exits 1', async () => {
    const result = await cli('check', '--format', 'json', 'test/fixtures/charts-invalid/literal-mistakes');
    const report = JSON.parse(result.stdout) as JsonReport;
    const errors = report.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.path.split('/').pop()}:${d.line} ${d.code}`));
    assert.deepEqual(errors, ['daemonset.yaml:16 unknown-field', 'daemonset.yaml:21 invalid-enum', 'daemonset.yaml:26 invalid-quantity', 'daemonset.yaml:33 invalid-enum']);
    assert.equal(result.code, 1);
  });
});
