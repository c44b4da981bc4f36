/**
 * Diagnostics of rendered charts and built overlays in the editor: a chart
 * template or values file that is open gets the findings of the chart as the
 * built-in engine renders it (on the template line, or on the values-file
 * line a value came from), a patch that is open gets the findings of the
 * merged overlay on its lines, and both follow unsaved edits.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { PlacementComparison, PlacementResult } from '../../server/src/protocol';
import { ChartPlacementRequestMethod, ComparePlacementRequestMethod } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { requestPlacement, startTestClient } from './lspClient';
import { SIDECAR_PATCH } from './sidecarPatch';

const VALUES = `image:
  repository: registry.example.com/agent
  tag: "1.0"
tolerations:
  - operator: Exists
    effect: NoSchedul
nodeSelector:
  nvidia.com/gpu.present: "true"
`;

/** Line 10 renders labels that differ from the selector (only visible rendered); line 13 is a literal mistake (visible masked too). */
const TEMPLATE = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ include "agent.name" . }}
spec:
  selector:
    matchLabels:
      app: {{ include "agent.name" . }}
  template:
    metadata:
      labels:
        app: {{ include "agent.name" . }}-{{ upper "x" }}
    spec:
      restartPolicy: Never
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: agent
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
`;

const PROD_VALUES = 'tolerations:\n  - operator: Exists\n    effect: PreferNoSchedul\n';

const BASE = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.0
`;


const text = (d: Diagnostic | undefined): string => (typeof d?.message === 'string' ? d.message : (d?.message.value ?? ''));
const errors = (p: PublishDiagnosticsParams): Diagnostic[] => p.diagnostics.filter((d) => d.severity === 1);
const has = (code: string, line: number) => (p: PublishDiagnosticsParams): boolean => p.diagnostics.some((d) => d.code === code && d.range.start.line === line);

describe('LSP: diagnostics of rendered charts and built overlays', () => {
  let client: TestClient;
  let dir: string;
  const uri = (path: string): string => pathToFileURL(join(dir, path)).toString();
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dst-rendered-'));
    mkdirSync(join(dir, 'agent/templates'), { recursive: true });
    writeFileSync(join(dir, 'agent/Chart.yaml'), 'apiVersion: v2\nname: agent\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'agent/values.yaml'), VALUES);
    writeFileSync(join(dir, 'agent/templates/_helpers.tpl'), '{{- define "agent.name" -}}\n{{ .Chart.Name }}\n{{- end }}\n');
    writeFileSync(join(dir, 'agent/templates/daemonset.yaml'), TEMPLATE);
    writeFileSync(join(dir, 'agent/values-prod.yaml'), PROD_VALUES);
    mkdirSync(join(dir, 'kustomize/base'), { recursive: true });
    mkdirSync(join(dir, 'kustomize/overlay'), { recursive: true });
    writeFileSync(join(dir, 'kustomize/base/kustomization.yaml'), 'resources:\n  - daemonset.yaml\n');
    writeFileSync(join(dir, 'kustomize/base/daemonset.yaml'), BASE);
    writeFileSync(join(dir, 'kustomize/overlay/kustomization.yaml'), 'resources:\n  - ../base\npatches:\n  - path: sidecar.yaml\n');
    writeFileSync(join(dir, 'kustomize/overlay/sidecar.yaml'), SIDECAR_PATCH);
    client = await startTestClient();
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('underlines a value of values.yaml that renders into a bad toleration effect, in values.yaml', async () => {
    client.open(uri('agent/values.yaml'), VALUES);
    const published = await client.diagnosticsUntil(uri('agent/values.yaml'), (p) => p.diagnostics.length > 0);
    assert.deepEqual(errors(published).map((d) => [d.code, d.range]), [['invalid-enum', { start: { line: 5, character: 12 }, end: { line: 5, character: 21 } }]]);
    assert.match(text(published.diagnostics[0]), /"NoSchedul"/);
  });

  it('reports a rendered mistake on the template line that wrote it, and a literal mistake once', async () => {
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('agent/templates/daemonset.yaml'), languageId: 'helm', version: 1, text: TEMPLATE } });
    const published = await client.diagnosticsUntil(uri('agent/templates/daemonset.yaml'), has('selector-mismatch', 10));
    // found masked and rendered: shown once
    assert.equal(published.diagnostics.filter((d) => d.code === 'restart-policy').length, 1);
    assert.deepEqual(errors(published).map((d) => [d.range.start.line, d.code]).sort(), [[10, 'selector-mismatch'], [13, 'restart-policy']]);
    // the values file's mistake is not the template's
    assert.ok(!published.diagnostics.some((d) => d.code === 'invalid-enum'));
  });

  it('renders again after an unsaved edit of values.yaml', async () => {
    const edited = VALUES.replace('effect: NoSchedul', 'effect: NoExecute').replace('tag: "1.0"', 'tag: "1.0"\nextra:\n  effect: x');
    client.change(uri('agent/values.yaml'), edited, 2);
    const published = await client.diagnosticsUntil(uri('agent/values.yaml'), (p) => p.version === 2 && !has('invalid-enum', 5)(p) && !has('invalid-enum', 7)(p));
    assert.deepEqual(errors(published), []);
    assert.equal(readFileSync(join(dir, 'agent/values.yaml'), 'utf8'), VALUES, 'the edit is only in the editor');
    // and back: the mistake returns on its new line
    client.change(uri('agent/values.yaml'), edited.replace('effect: NoExecute', 'effect: NoExecut'), 3);
    const again = await client.diagnosticsUntil(uri('agent/values.yaml'), (p) => p.version === 3 && has('invalid-enum', 7)(p));
    assert.match(text(again.diagnostics.find((d) => d.code === 'invalid-enum')), /"NoExecut"/);
  });

  it('places a chart template as it renders: the nodeSelector from values.yaml counts', async () => {
    const result: PlacementResult = await requestPlacement(client.connection, { uri: uri('agent/templates/daemonset.yaml') });
    assert.equal(result.kind, 'ok');
    if (result.kind !== 'ok') return;
    assert.equal(result.daemonSets.length, 1);
    const [ds] = result.daemonSets;
    assert.equal(ds.range.start.line, 0, 'at the template line of the document');
    const notExcluded = ds.nodes.filter((n) => n.status !== 'excluded');
    assert.ok(ds.nodes.length > notExcluded.length, 'the rendered nodeSelector excludes nodes');
    for (const node of notExcluded) assert.ok(node.labels.some((l) => l.startsWith('nvidia.com/gpu.present')), `${node.name} has no GPU label but is not excluded`);
  });

  it('compares profiles on a chart template as it renders', async () => {
    const result: PlacementComparison = await client.connection.sendRequest(ComparePlacementRequestMethod, { uri: uri('agent/templates/daemonset.yaml'), before: { label: 'a' }, after: { label: 'b' } });
    assert.equal(result.kind, 'ok');
    if (result.kind !== 'ok') return;
    // the name the helper renders, not the masked text of `{{ include "agent.name" . }}`
    assert.deepEqual(result.daemonSets.map((d) => [d.name, d.after?.excluded !== undefined && d.after.excluded > 0]), [['agent', true]]);
  });

  it('renders with the values files the chart placement preview shows', async () => {
    client.open(uri('agent/values-prod.yaml'), PROD_VALUES);
    await client.connection.sendRequest(ChartPlacementRequestMethod, { uri: uri('agent/templates/daemonset.yaml'), valuesFiles: ['values-prod.yaml'] });
    const published = await client.diagnosticsUntil(uri('agent/values-prod.yaml'), has('invalid-enum', 2));
    assert.match(text(published.diagnostics.find((d) => d.code === 'invalid-enum')), /"PreferNoSchedul"/);
  });

  it('reports a mistake of the merged overlay on the patch line that contributed it, and no whole-object error of the patch alone', async () => {
    client.open(uri('kustomize/overlay/sidecar.yaml'), SIDECAR_PATCH);
    const published = await client.diagnosticsUntil(uri('kustomize/overlay/sidecar.yaml'), has('missing-required', 10));
    assert.deepEqual(errors(published).map((d) => [d.range.start.line, d.code]), [[10, 'missing-required']]);
    assert.match(text(errors(published)[0]), /`image`.*in the build of overlay/);
    assert.equal(errors(published)[0].range.start.character, 8, 'from the first character of the line');
  });

  it('builds the overlay again after an unsaved edit of the patch', async () => {
    client.change(uri('kustomize/overlay/sidecar.yaml'), SIDECAR_PATCH.replace('          args: [--tail]\n', '          image: registry.example.com/tail:1.0\n'), 2);
    const published = await client.diagnosticsUntil(uri('kustomize/overlay/sidecar.yaml'), (p) => p.version === 2 && !has('missing-required', 10)(p));
    assert.deepEqual(errors(published), []);
  });
});
