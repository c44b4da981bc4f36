/**
 * Chart templates over LSP: documents with the language id `helm` are served,
 * YAML completion works inside `with`/`if` blocks, `.Values.` and
 * `include "` complete from the chart, hover shows values per values file,
 * and a real fixture template gets no error diagnostics.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { TestClient } from './lspClient';
import { startTestClient } from './lspClient';

const chart = resolve(__dirname, '../fixtures/charts/node-agent');
/** A template of the fixture chart that exists only in the editor (the chart is found from its path). */
const templateUri = pathToFileURL(resolve(chart, 'templates/editing.yaml')).href;

/** `‸` marks the cursor (templates use `|` for pipes). */
function withCaret(marked: string): { text: string; line: number; character: number } {
  const offset = marked.indexOf('‸');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset);
  return { text, line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

const TEMPLATE = `{{- if .Values.enabled }}
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ include "node-agent.fullname" . }}
spec:
  selector:
    matchLabels:
      {{- include "node-agent.selectorLabels" . | nindent 6 }}
  template:
    spec:
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.priorityClassName }}
      ‸
      {{- end }}
      containers:
        - name: agent
          image: {{ .Values.image.repository }}
{{- end }}
`;

/** The template with the cursor moved elsewhere: `from` replaced by `to` (which holds the caret). */
function caretIn(from: string, to: string): string {
  return TEMPLATE.replace('      ‸\n', '').replace(from, to);
}

describe('LSP on Helm chart templates', () => {
  let client: TestClient;
  let version = 1;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => {
    await client.stop();
  });

  function openHelm(uri: string, text: string): void {
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'helm', version: version++, text } });
  }

  async function completeAt(marked: string, triggerCharacter?: string): Promise<CompletionItem[]> {
    const { text, line, character } = withCaret(marked);
    const uri = templateUri;
    openHelm(uri, text);
    const result: CompletionItem[] | null = await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line, character },
      context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
    });
    return result ?? [];
  }

  it('completes a key under spec.template.spec inside a with block', async () => {
    const labels = (await completeAt(TEMPLATE)).map((i) => i.label);
    for (const key of ['priorityClassName', 'tolerations', 'hostNetwork']) assert.ok(labels.includes(key), `${key} in ${labels.join()}`);
    assert.ok(!labels.includes('nodeSelector') && !labels.includes('containers'), 'keys already written (in other blocks too) are not offered again');
  });

  it('completes .Values. with the keys of the values files, their values as detail', async () => {
    const items = await completeAt(caretIn('image: {{ .Values.image.repository }}', 'image: {{ .Values.‸ }}'), '.');
    const logLevel = items.find((i) => i.label === 'logLevel');
    assert.equal(logLevel?.detail, '"info"');
    assert.ok(items.some((i) => i.label === 'windows') && items.some((i) => i.label === 'tolerations'));
    const nested = await completeAt(caretIn('image: {{ .Values.image.repository }}', 'image: {{ .Values.image.‸ }}'), '.');
    assert.deepEqual(nested.map((i) => i.label).sort(), ['pullPolicy', 'repository', 'tag']);
    const edit = nested.find((i) => i.label === 'tag')?.textEdit as { range: { start: { character: number }; end: { character: number } } };
    assert.equal(edit.range.start.character, edit.range.end.character, 'inserted at the cursor');
  });

  it('completes include " with the names of the chart\'s define blocks', async () => {
    const items = await completeAt(caretIn('name: {{ include "node-agent.fullname" . }}', 'name: {{ include "‸" . }}'), '"');
    const names = items.map((i) => i.label);
    for (const name of ['node-agent.fullname', 'node-agent.labels', 'node-agent.serviceAccountName']) assert.ok(names.includes(name), names.join());
    assert.match(items.find((i) => i.label === 'node-agent.fullname')?.detail ?? '', /_helpers\.tpl:\d+/);
  });

  it('offers no YAML keys inside an action and nothing on a `.` typed in plain YAML', async () => {
    assert.deepEqual(await completeAt(caretIn('image: {{ .Values.image.repository }}', 'image: {{ toYaml ‸ }}')), []);
    assert.deepEqual(await completeAt(TEMPLATE.replace('      ‸\n', '      dnsPolicy: Cluster.‸\n'), '.'), []);
  });

  it('shows the value of .Values.a.b from each values file on hover', async () => {
    const { text, line, character } = withCaret(caretIn('.Values.image.repository', '.Values.image.t‸ag'));
    openHelm(templateUri, text);
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: templateUri }, position: { line, character } });
    const markdown = (hover?.contents as { value: string }).value;
    assert.match(markdown, /\.Values\.image\.tag/);
    assert.match(markdown, /\*\*values\.yaml\*\* line \d+:\n```yaml\n""\n```/);
    assert.match(markdown, /\*\*values-prod\.yaml\*\* line \d+:\n```yaml\n"2\.4\.1"\n```/);
  });

  it('publishes no error on a real fixture template opened as helm', async () => {
    const path = resolve(chart, 'templates/daemonset.yaml');
    const uri = pathToFileURL(path).href;
    const next: Promise<PublishDiagnosticsParams> = client.nextDiagnostics(uri);
    openHelm(uri, readFileSync(path, 'utf8'));
    const published = await next;
    assert.deepEqual(published.diagnostics.filter((d) => d.severity === 1), []);
  });
});
