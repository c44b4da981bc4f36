/**
 * A chart rendered for the editor: read through the editor's reader (no disk
 * needed), findings placed on template and values-file lines, values files
 * merged after values.yaml, and a chart that does not render as one finding.
 */
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import type { ChartReader } from '../../../server/src/helm/chartFindings';
import { chartFindings } from '../../../server/src/helm/chartFindings';
import { loadApiModel } from '../../../server/src/languageService/apiModel';

const model = loadApiModel();
const ROOT = '/virtual/agent';

/** An in-memory chart: the texts the editor holds, with folders derived from the paths. */
function reader(files: Record<string, string>): ChartReader {
  const all = new Map(Object.entries(files).map(([rel, text]) => [posix.join(ROOT, rel), text]));
  return {
    readText: (path) => all.get(path),
    readBytes: (path) => (all.has(path) ? Buffer.from(all.get(path)!, 'utf8') : undefined),
    readDir: (path) => {
      const names = new Map<string, boolean>();
      for (const file of all.keys()) {
        if (!file.startsWith(`${path}/`)) continue;
        const [name, ...rest] = file.slice(path.length + 1).split('/');
        names.set(name, rest.length > 0);
      }
      return [...names].map(([name, isDirectory]) => ({ name, isDirectory, isFile: !isDirectory }));
    },
  };
}

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

const chart = (values: string, extra: Record<string, string> = {}) =>
  reader({ 'Chart.yaml': 'apiVersion: v2\nname: agent\nversion: 0.1.0\n', 'values.yaml': values, 'templates/daemonset.yaml': TEMPLATE, ...extra });

const errors = (found: ReturnType<typeof chartFindings>) =>
  found.findings.filter((f) => f.finding.severity === 'error').map((f) => [posix.relative(ROOT, f.file), f.line, f.column, f.finding.code]);

describe('a chart rendered for the editor', () => {
  it('places a bad value on its values-file line and column', () => {
    const found = chartFindings(ROOT, [], chart('image: a:1\ntolerations:\n  - operator: Exists\n    effect: NoSchedul\n'), model, {});
    assert.deepEqual(errors(found), [['values.yaml', 3, 12, 'invalid-enum']]);
    assert.equal(found.render?.documents.length, 1);
  });

  it('merges the chosen values files after values.yaml, the later one winning', () => {
    const files = { 'values-prod.yaml': 'tolerations:\n  - operator: Exists\n    effect: NoExecut\n' };
    const found = chartFindings(ROOT, ['values-prod.yaml'], chart('image: a:1\ntolerations: []\n', files), model, {});
    assert.deepEqual(errors(found), [['values-prod.yaml', 2, 12, 'invalid-enum']]);
  });

  it('gives a chart that does not render as one helm-render finding at the failing template line', () => {
    const found = chartFindings(ROOT, [], chart('tolerations: []\n'), model, {});
    assert.equal(found.render, undefined);
    assert.deepEqual(errors(found), [['templates/daemonset.yaml', 17, 0, 'helm-render']]);
    assert.match(found.findings[0].finding.message, /image is required/);
    assert.deepEqual(chartFindings(ROOT, [], chart('tolerations: []\n'), model, { rules: { 'helm-render': 'off' } }).findings, []);
  });

  it('says which values file it cannot read', () => {
    const found = chartFindings(ROOT, ['values-missing.yaml'], chart('image: a:1\n'), model, {});
    assert.match(found.findings[0].finding.message, /cannot read values file .*values-missing\.yaml/);
  });
});
