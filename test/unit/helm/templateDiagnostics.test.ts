/**
 * Validation of chart templates without rendering: zero errors caused by
 * templating on every fixture chart, and the mistakes written literally in a
 * template still reported.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileExists, parseSourceFile } from '../../../server/src/helm/chart';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { markedErrors } from '../diagnostics/helpers';

const fixtures = resolve(__dirname, '../../fixtures');
const model = loadApiModel();

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** Findings of a file as `line code`, read as the CLI and the server read it (by path, chart-aware). */
function findings(path: string, text = readFileSync(path, 'utf8'), languageId?: string) {
  const file = parseSourceFile(text, { path, exists: fileExists, languageId });
  return validateFile(file, model).map((f) => ({ ...f, line: file.lineIndex.positionAt(f.start).line + 1 }));
}

function errors(path: string, text?: string): string[] {
  return findings(path, text)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.line} ${f.code}`)
    .sort();
}

/** A template of a chart that lives in the fixtures (so chart detection applies), with the given text. */
const chartTemplate = join(fixtures, 'charts/node-agent/templates/inline.yaml');

function daemonSet(podSpec: string, container = ''): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ include "node-agent.fullname" . }}
spec:
  selector:
    matchLabels:
      {{- include "node-agent.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "node-agent.selectorLabels" . | nindent 8 }}
    spec:
${podSpec}      containers:
        - name: agent
          image: {{ .Values.image.repository }}
${container}`;
}

describe('chart templates checked without rendering', () => {
  const templates = walk(join(fixtures, 'charts')).filter((path) => /\/templates\/.*\.ya?ml$/.test(path));
  it('covers the fixture charts', () => assert.ok(templates.length >= 6, templates.join()));
  for (const path of templates) {
    it(`no errors in ${relative(fixtures, path)}`, () => assert.deepEqual(errors(path), []));
  }

  it('reports the literal mistakes of a template, and nothing templated', () => {
    const path = join(fixtures, 'charts-invalid/literal-mistakes/templates/daemonset.yaml');
    assert.deepEqual(errors(path), markedErrors(readFileSync(path, 'utf8'), 'expect'));
  });

  it('never validates helpers, values files or Chart.yaml as manifests', () => {
    const values = join(fixtures, 'charts/node-agent/values.yaml');
    // A values file may choose `kind: DaemonSet` for the chart: it is no DaemonSet.
    assert.deepEqual(findings(values, 'kind: DaemonSet\nimage: {}\nreplicas: 2\n'), []);
    assert.deepEqual(findings(join(fixtures, 'charts/node-agent/templates/_helpers.tpl')), []);
    assert.deepEqual(findings(join(fixtures, 'charts/node-agent/staging.values.yaml'), 'kind: DaemonSet\nspec: 1\n'), []);
    // chart-testing's ci/*-values.yaml are values files as well.
    assert.deepEqual(findings(join(fixtures, 'charts/node-agent/ci/daemonset-values.yaml'), 'kind: DaemonSet\nspec: 1\n'), []);
  });

  it('takes values of unknown type from actions: no type, enum or quantity error', () => {
    const text = daemonSet(
      '      hostNetwork: {{ .Values.hostNetwork }}\n      dnsPolicy: {{ .Values.dnsPolicy }}\n      terminationGracePeriodSeconds: {{ .Values.grace }}\n',
      '          imagePullPolicy: "{{ .Values.a }}-{{ .Values.b }}"\n          resources:\n            requests:\n              memory: {{ .Values.memory }}\n          ports:\n            - containerPort: {{ .Values.port }}\n',
    );
    assert.deepEqual(errors(chartTemplate, text), []);
  });

  it('takes a toYaml | nindent block for content that may hold required fields', () => {
    const text = daemonSet('', '          {{- toYaml .Values.extra | nindent 10 }}\n        - name: sidecar\n          {{- with .Values.sidecar }}\n          {{- toYaml . | nindent 10 }}\n          {{- end }}\n');
    assert.deepEqual(errors(chartTemplate, text), []);
    // Without the block the sidecar's image is certainly missing.
    assert.deepEqual(errors(chartTemplate, daemonSet('', '        - name: sidecar\n')), ['17 missing-required']);
  });

  it('puts fields inside if/with blocks under their YAML parents', () => {
    const text = daemonSet('      {{- with .Values.priorityClassName }}\n      priorityClassName: {{ . }}\n      {{- end }}\n      {{- if .Values.tolerations }}\n      tolerations:\n        {{- toYaml .Values.tolerations | nindent 8 }}\n      {{- end }}\n');
    assert.deepEqual(errors(chartTemplate, text), []);
  });

  it('does not take keys written in two branches of an if/else for duplicates, but does within one branch', () => {
    const branches = daemonSet('      {{- if .Values.host }}\n      hostNetwork: true\n      {{- else }}\n      hostNetwork: false\n      {{- end }}\n');
    assert.deepEqual(findings(chartTemplate, branches).filter((f) => f.code === 'duplicate-key'), []);
    const twice = daemonSet('      {{- if .Values.host }}\n      hostNetwork: true\n      hostNetwork: false\n      {{- end }}\n');
    assert.deepEqual(findings(chartTemplate, twice).filter((f) => f.code === 'duplicate-key').map((f) => f.line), [15]);
  });

  it('still reports an unknown field, a bad enum and a bad quantity written literally inside a with block', () => {
    const text = daemonSet('      {{- with .Values.pod }}\n      priorityClass: high\n      dnsPolicy: Cluster\n      {{- end }}\n', '          resources:\n            limits:\n              memory: 1 Gi\n');
    assert.deepEqual(errors(chartTemplate, text), ['15 unknown-field', '16 invalid-enum', '23 invalid-quantity']);
  });

  it('matches no hostPath volume with a mount when an action writes the names', () => {
    const text = daemonSet('      volumes:\n        - name: {{ .Values.volume }}\n          hostPath:\n            path: /var/log\n', '          volumeMounts:\n            - name: {{ .Values.mount }}\n              mountPath: /var/log\n');
    assert.deepEqual(findings(chartTemplate, text).filter((f) => f.code === 'writable-host-path' || f.code === 'unknown-volume'), []);
  });

  it('keeps keys that continue a block written by a helper out of the parent map', () => {
    const text = daemonSet('').replace('      labels:\n        {{- include "node-agent.selectorLabels" . | nindent 8 }}\n', '{{ include "node-agent.labels" . | indent 6 }}\n        app: agent\n');
    assert.deepEqual(errors(chartTemplate, text), []);
  });

  it('reads a list written by a block at its key\'s own column, and a control line that ends in a YAML comment', () => {
    const text = daemonSet('').replace('      containers:\n        - name: agent\n          image: {{ .Values.image.repository }}\n', '      {{- if .Values.gke }}  # a comment after the action\n      hostNetwork: true\n      {{- end }}\n      containers:\n      {{- include "node-agent.containers" . | nindent 6 }}\n');
    assert.deepEqual(errors(chartTemplate, text), []);
  });

  it('takes an apiVersion or kind an action writes for unknown, not for a wrong one', () => {
    const text = daemonSet('').replace('apiVersion: apps/v1', 'apiVersion: {{ include "common.capabilities.daemonset.apiVersion" . }}');
    assert.deepEqual(errors(chartTemplate, text), []);
    assert.deepEqual(errors(chartTemplate, daemonSet('').replace('apiVersion: apps/v1', 'apiVersion: apps/v1beta2')), ['1 removed-api-version']);
  });

  it('does not ask for a dnsConfig or nameservers that a block written by an action may hold, but does when none can', () => {
    const dns = (errorsOf: string[]) => errorsOf.filter((e) => e.endsWith('dns-config'));
    assert.deepEqual(dns(errors(chartTemplate, daemonSet('      dnsPolicy: None\n      {{- toYaml .Values.dns | nindent 6 }}\n'))), []);
    assert.deepEqual(dns(errors(chartTemplate, daemonSet('      dnsPolicy: None\n      dnsConfig:\n        {{- toYaml .Values.dnsConfig | nindent 8 }}\n'))), []);
    assert.deepEqual(dns(errors(chartTemplate, daemonSet('      dnsPolicy: None\n      {{- with .Values.dnsConfig }}\n      dnsConfig:\n        {{- toYaml . | nindent 8 }}\n      {{- end }}\n'))), []);
    // nothing can write them: still reported
    assert.deepEqual(dns(errors(chartTemplate, daemonSet('      dnsPolicy: None\n'))), ['14 dns-config']);
    assert.deepEqual(dns(errors(chartTemplate, daemonSet('      dnsPolicy: None\n      dnsConfig:\n        searches: [svc.cluster.local]\n'))), ['15 dns-config']);
  });

  it('masks a YAML file outside any chart that holds template actions', () => {
    const path = join(fixtures, 'not-a-chart/daemonset.yaml');
    const text = daemonSet('      hostNetwork: {{ .Values.host }}\n').replace(/\{\{- include .*\n/g, '      app: agent\n');
    assert.deepEqual(errors(path, text), []);
    assert.deepEqual(errors(path, text.replace('hostNetwork: {{ .Values.host }}', 'hostNetwork: yes-please')), ['14 invalid-type']);
  });
});
