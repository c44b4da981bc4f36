/**
 * `place` and `check` on a chart folder: rendered with helm template's
 * defaults, --values/--set/--release/--namespace as helm takes them, JSON
 * shapes unchanged, file and line pointing into the template (or the values
 * file a bad value came from).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../server/src/cli/runCli';
import { obtainHelm } from '../../../scripts/obtainTools.mjs';

const repoRoot = resolve(__dirname, '../../..');
const CHART = 'test/fixtures/charts-render/log-shipper';
const GPU = 'test/fixtures/charts-render/gpu-plugin';
const PROFILE = 'profiles/sample.profile.yaml';

async function run(args: string[], cwd = repoRoot): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

interface PlaceJson {
  cluster: { name: string; nodes: number };
  daemonSets: Array<{ name: string; namespace: string; file: string; line: number; summary: Record<string, number> }>;
}
interface CheckJson {
  files: Array<{ path: string; diagnostics: Array<{ line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }> }>;
}

const scratch = mkdtempSync(join(tmpdir(), 'dst-chart-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of a fixture chart with some files rewritten. */
function chartCopy(from: string, edit: Record<string, (text: string) => string>): string {
  const dir = join(scratch, `${from.split('/').pop()}-${Math.random().toString(36).slice(2, 8)}`);
  cpSync(join(repoRoot, from), dir, { recursive: true });
  for (const [file, change] of Object.entries(edit)) writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('place on a chart folder', () => {
  it('places the rendered DaemonSet with helm template defaults, reported at its template line', async () => {
    const result = await run(['place', '--cluster', PROFILE, '--format', 'json', CHART]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as PlaceJson;
    assert.deepEqual(Object.keys(report), ['cluster', 'daemonSets']);
    assert.equal(report.daemonSets.length, 1);
    const [ds] = report.daemonSets;
    assert.equal(ds.name, 'release-name-log-shipper');
    assert.equal(ds.namespace, 'default');
    assert.equal(ds.file, `${CHART}/templates/daemonset.yaml`);
    // Line 1 is `{{- if .Values.enabled }}`; the document starts at `apiVersion` on line 2.
    assert.equal(ds.line, 2);
  });

  it('merges --values files in order after values.yaml and takes --release and --namespace', async () => {
    const result = await run(['place', '--cluster', PROFILE, '--format', 'json', '--values', `${CHART}/values-prod.yaml`, '-f', `${CHART}/values-windows.yaml`, '--release', 'edge', '--namespace', 'logging', CHART]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as PlaceJson;
    assert.deepEqual(report.daemonSets.map((d) => [d.name, d.namespace, d.file.split('/').pop(), d.line]).sort(), [
      ['edge-log-shipper', 'logging', 'daemonset.yaml', 2],
      ['edge-log-shipper-windows', 'default', 'daemonset-windows.yaml', 3],
    ]);
    // values-windows.yaml removes the Linux nodeSelector (null deletes the default): the Linux DaemonSet reaches more nodes.
    const linuxDefault = (JSON.parse((await run(['place', '--cluster', PROFILE, '--format', 'json', CHART])).stdout) as PlaceJson).daemonSets[0];
    const linuxWindowsValues = report.daemonSets.find((d) => d.name === 'edge-log-shipper')!;
    assert.ok(linuxWindowsValues.summary.runs + linuxWindowsValues.summary.pending >= linuxDefault.summary.runs + linuxDefault.summary.pending);
  });

  it('applies --set as helm does', async () => {
    const result = await run(['place', '--cluster', PROFILE, '--format', 'json', '--set', 'fullnameOverride=shipper,tolerations=null', CHART]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as PlaceJson;
    assert.equal(report.daemonSets[0].name, 'shipper');
  });

  it('a chart whose values render no DaemonSet is an answer: "daemonSets": [], exit 0', async () => {
    const result = await run(['place', '--cluster', PROFILE, '--format', 'json', '-f', `${CHART}/values-disabled.yaml`, CHART]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual((JSON.parse(result.stdout) as PlaceJson).daemonSets, []);
  });

  it('a chart that fails to render is exit 2 with helm-like wording and the template line', async () => {
    const result = await run(['place', '--cluster', PROFILE, '--set', 'migStrategy=bogus', GPU]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /execution error at \(gpu-plugin\/templates\/daemonset\.yaml:5:\d+\): migStrategy must be one of none, single, mixed, not "bogus"/);
    assert.match(result.stderr, /templates\/daemonset\.yaml:5\)/);
  });

  it('chart flags without a chart folder are a usage error', async () => {
    const result = await run(['place', '--cluster', PROFILE, '--set', 'a=b', 'test/fixtures/manifests/valid/node-exporter.yaml']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /apply to chart folders/);
  });

  it('takes the helm: section of .daemonset-tools.yaml, the command line winning flag by flag', async () => {
    const dir = chartCopy(CHART, {});
    writeFileSync(join(dir, '.daemonset-tools.yaml'), 'helm:\n  values: [values-windows.yaml]\n  release: agent\n  namespace: kube-system\n  engine: builtin\n');
    const names = async (...extra: string[]): Promise<string[]> => {
      const result = await run(['place', '--cluster', join(repoRoot, PROFILE), '--format', 'json', ...extra, dir]);
      assert.equal(result.code, 0, result.stderr);
      return (JSON.parse(result.stdout) as PlaceJson).daemonSets.map((d) => `${d.namespace}/${d.name}`).sort();
    };
    assert.deepEqual(await names(), ['default/agent-log-shipper-windows', 'kube-system/agent-log-shipper']);
    assert.deepEqual(await names('--release', 'cli', '-f', join(dir, 'values.yaml')), ['kube-system/cli-log-shipper']);
  });

  it('--engine helm renders with the real helm and reports the same placement', async () => {
    const helm = obtainHelm(repoRoot);
    const viaHelm = await run(['place', '--cluster', PROFILE, '--format', 'json', '--engine', 'helm', '--helm', helm, '-f', `${CHART}/values-windows.yaml`, CHART]);
    const builtin = await run(['place', '--cluster', PROFILE, '--format', 'json', '--engine', 'builtin', '-f', `${CHART}/values-windows.yaml`, CHART]);
    assert.equal(viaHelm.code, 0, viaHelm.stderr);
    const sort = (r: PlaceJson): PlaceJson['daemonSets'] => [...r.daemonSets].sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(sort(JSON.parse(viaHelm.stdout) as PlaceJson), sort(JSON.parse(builtin.stdout) as PlaceJson));
  });
});

describe('check on a chart folder', () => {
  it('a bad toleration effect in values.yaml is reported in values.yaml, at the value', async () => {
    const dir = chartCopy(CHART, { 'values.yaml': (t) => t.replace('effect: NoSchedule', 'effect: NoSchedul') });
    const result = await run(['check', '--format', 'json', dir]);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as CheckJson;
    const values = report.files.find((f) => f.path === join(dir, 'values.yaml'));
    const finding = values?.diagnostics.find((d) => d.code === 'invalid-enum');
    assert.ok(finding, result.stdout);
    const lines = readFileSync(join(dir, 'values.yaml'), 'utf8').split('\n');
    assert.equal(lines[finding.line - 1].slice(finding.column - 1, finding.endColumn - 1), 'NoSchedul');
  });

  it('a misspelt field in a template is reported at the template line', async () => {
    const dir = chartCopy(CHART, { 'templates/daemonset.yaml': (t) => t.replace('  updateStrategy:\n', '  updateStrategi:\n') });
    const result = await run(['check', '--format', 'json', dir]);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as CheckJson;
    const template = report.files.find((f) => f.path === join(dir, 'templates/daemonset.yaml'))!;
    const finding = template.diagnostics.find((d) => d.code === 'unknown-field')!;
    const lines = readFileSync(join(dir, 'templates/daemonset.yaml'), 'utf8').split('\n');
    assert.equal(lines[finding.line - 1].trim(), 'updateStrategi:');
  });

  it('a finding in a helper lands in _helpers.tpl, and --values/--set change what is checked', async () => {
    const clean = await run(['check', '--format', 'json', '--rule', 'writable-host-path=off', CHART]);
    assert.equal(clean.code, 0, clean.stdout);
    const helpers = (JSON.parse(clean.stdout) as CheckJson).files.find((f) => f.path.endsWith('_helpers.tpl'));
    assert.ok(helpers?.diagnostics.some((d) => d.code === 'no-liveness-probe'));
    const bad = await run(['check', '--format', 'json', '--set', 'tolerations[0].effect=Sometimes', CHART]);
    assert.equal(bad.code, 1);
    assert.ok((JSON.parse(bad.stdout) as CheckJson).files.some((f) => f.diagnostics.some((d) => d.code === 'invalid-enum')));
  });

  it('a chart that does not render is a helm-render error at the failing line (exit 1)', async () => {
    const result = await run(['check', '--format', 'json', '--set', 'migStrategy=bogus', GPU]);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as CheckJson;
    // the errors: the render's, at the failing line (the templates' masked check adds only warnings here)
    const errors = report.files.map((f) => [f.path, f.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line])]).filter(([, list]) => list.length > 0);
    assert.deepEqual(errors, [[`${GPU}/templates/daemonset.yaml`, [['helm-render', 5]]]]);
  });

  it('a function the built-in engine lacks is named, with the way to use helm', async () => {
    const dir = chartCopy(CHART, { 'templates/configmap.yaml': (t) => t.replace('flush: {{', 'stamp: {{ now | quote }}\n  flush: {{') });
    const result = await run(['check', '--engine', 'builtin', dir]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /helm-render .*the built-in engine does not have the function "now": set daemonsetTools\.helmPath/);
  });
});
