import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskTemplate, parseTemplateFile } from '../../../server/src/helm/masking';
import { inExclusiveBranches, isUnknownValue, mayHaveMoreContent, nodeAtPath } from '../../../server/src/languageService/yamlModel';

const lines = (text: string) => text.split('\n');
/** A masked line as the YAML parser sees it: a blanked line is a comment (`#` where the action was) or empty. */
const visible = (line: string) => (line.trim() === '#' ? '' : line.trim());

describe('masking a template', () => {
  it('keeps every offset and line break of the source', () => {
    const source = '{{- if .Values.on }}\nkind: DaemonSet\nmetadata:\n  name: {{ include "x.name" . }}\n{{- end }}\n';
    const { masked } = maskTemplate(source);
    assert.equal(masked.length, source.length);
    assert.deepEqual(lines(masked).map((l) => l.length), lines(source).map((l) => l.length));
    assert.equal(masked.indexOf('kind:'), source.indexOf('kind:'));
  });

  it('blanks lines that hold only control actions and comments', () => {
    const { masked } = maskTemplate('{{- if .a }}\n  {{- /* why */}}\n{{ $x := 1 }}{{- else }}\nkey: v\n{{- end }}');
    assert.deepEqual(lines(masked).map(visible), ['', '', '', 'key: v', '']);
    assert.equal(lines(masked)[1], '  #' + ' '.repeat(14), 'a comment where the action was (the parser reads it faster than spaces)');
  });

  it('turns an action inside a YAML line into unknown text of the same length', () => {
    const source = 'a: {{ .Values.x }}\nb: "{{ .a }}-{{ .b }}"\n{{ $k }}: v\n';
    const { masked, unknown } = maskTemplate(source);
    assert.deepEqual(lines(masked).slice(0, 3), ['a: ' + '_'.repeat(15), 'b: "' + '_'.repeat(8) + '-' + '_'.repeat(8) + '"', '_'.repeat(8) + ': v']);
    assert.equal(unknown.length, 4);
  });

  it('keeps a flow list valid around an inline if', () => {
    const source = 'args: ["a"{{ if .x }}, "b"{{ end }}]';
    const file = parseTemplateFile(source);
    assert.deepEqual(file.documents[0].problems, []);
  });

  it('records a block of unknown content at the indentation nindent gives it', () => {
    const source = 'spec:\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n{{ toYaml .Values.extra | indent 2 }}\n  {{ template "x" . }}\n';
    const { blocks, masked } = maskTemplate(source);
    assert.deepEqual(blocks.map((b) => b.indent), [4, 2, 2]);
    assert.equal(visible(lines(masked)[2]), '');
  });

  it('blanks the body of a define written inside a template', () => {
    const { masked } = maskTemplate('{{- define "x" }}\nkind: Nope\n{{- end }}\nkind: DaemonSet\n');
    assert.deepEqual(lines(masked).map(visible), ['', '', '', 'kind: DaemonSet', '']);
  });

  it('does not let an unclosed action being typed swallow the rest of the file', () => {
    const source = 'a: {{ .Values.\nkind: DaemonSet\nb: {{ .x }}\n';
    const { masked, errors } = maskTemplate(source);
    assert.equal(lines(masked)[1], 'kind: DaemonSet');
    assert.equal(lines(masked)[2], 'b: ________');
    assert.deepEqual(errors.map((e) => e.message), ['unclosed action']);
  });
});

describe('the masked YAML model', () => {
  const source = [
    'kind: DaemonSet',
    'spec:',
    '  template:',
    '    spec:',
    '      {{- if .Values.host }}',
    '      hostNetwork: true',
    '      {{- else }}',
    '      hostNetwork: false',
    '      {{- end }}',
    '      priority: {{ .Values.p }}',
    '      tolerations:',
    '        {{- toYaml .Values.tolerations | nindent 8 }}',
    '      containers:',
    '        - name: a',
    '          {{- toYaml .Values.extra | nindent 10 }}',
    '',
  ].join('\n');
  const file = parseTemplateFile(source);
  const document = file.documents[0];

  it('parses the masked text without syntax errors and finds the fields under their YAML parents', () => {
    assert.deepEqual(document.problems, []);
    assert.equal(document.kind, 'DaemonSet');
    assert.ok(nodeAtPath(document, ['spec', 'template', 'spec', 'containers', 0, 'name']));
  });

  it('knows a scalar written by an action is unknown and a literal one is not', () => {
    assert.equal(isUnknownValue(document, nodeAtPath(document, ['spec', 'template', 'spec', 'priority'])), true);
    assert.equal(isUnknownValue(document, nodeAtPath(document, ['spec', 'template', 'spec', 'containers', 0, 'name'])), false);
  });

  it('knows which map or key a block of unknown content writes into', () => {
    const podSpec = nodeAtPath(document, ['spec', 'template', 'spec']);
    const container = nodeAtPath(document, ['spec', 'template', 'spec', 'containers', 0]);
    assert.equal(mayHaveMoreContent(document, container), true);
    assert.equal(mayHaveMoreContent(document, podSpec), false);
    const tolerations = (podSpec as { items: Array<{ key: { value: unknown } }> }).items.find((p) => p.key.value === 'tolerations');
    assert.equal(mayHaveMoreContent(document, tolerations), true);
  });

  it('knows two branches of one if/else never render together', () => {
    const first = source.indexOf('hostNetwork: true');
    const second = source.indexOf('hostNetwork: false');
    assert.equal(inExclusiveBranches(document, first, second), true);
    assert.equal(inExclusiveBranches(document, first, source.indexOf('priority')), false);
  });

  it('reuses unchanged documents on an edit and re-reads them when only the actions changed', () => {
    const edited = parseTemplateFile(source.replace('name: a', 'name: b'), file);
    assert.notEqual(edited.documents[0].doc, document.doc);
    const again = parseTemplateFile(source, file);
    assert.equal(again.documents[0].doc, document.doc);
    const otherAction = parseTemplateFile(source.replace('{{- if .Values.host }}', '{{- with .Values.ho }}'), file);
    assert.equal(otherAction.documents[0].doc, document.doc, 'same masked text and marks');
    const noElse = parseTemplateFile(source.replace('      {{- else }}', '      {{- end  }}'), file);
    assert.notEqual(noElse.documents[0].doc, document.doc, 'same masked text, other branches: parsed afresh');
  });
});

describe('masking around YAML that templates continue', () => {
  it('leaves blank lines inside a block scalar blank (a `#` would be its text)', () => {
    const source = 'data:\n  conf: |\n    a: 1\n{{- if .Values.b }}\n    b: 2\n{{- end }}\nkind: ConfigMap\n';
    const file = parseTemplateFile(source);
    assert.deepEqual(file.documents[0].problems, []);
    assert.equal(lines(file.text)[3].trim(), '');
    assert.equal(lines(file.text)[5].trim(), '');
  });

  it('keeps the first lines of a block scalar text, so the scalar still parses', () => {
    const source = 'command:\n  - |\n    {{- if .Values.fix }}\n    chown root /x\n    {{- end }}\n';
    const file = parseTemplateFile(source);
    assert.deepEqual(file.documents[0].problems, []);
    assert.equal(lines(file.text)[2].trim().replace(/_/g, ''), '');
  });

  it('takes lines deeper than a block that precedes them for content under what the block wrote', () => {
    // The helper writes `labels:` at column 6; `app:` below belongs to it, not to metadata.
    const source = 'kind: DaemonSet\nspec:\n  template:\n    metadata:\n{{ include "x.labels" . | indent 6 }}\n        app: agent\n    spec: {}\n';
    const file = parseTemplateFile(source);
    const metadata = nodeAtPath(file.documents[0], ['spec', 'template', 'metadata']) as { items: Array<{ key: unknown }> };
    assert.equal(isUnknownValue(file.documents[0], metadata.items[0].key), true);
  });
});

describe('conditions that exclude each other', () => {
  const exclusive = (source: string, a: string, b: string) => inExclusiveBranches(parseTemplateFile(source).documents[0], source.indexOf(a), source.indexOf(b));

  it('takes `if X` and `if not X`, `if eq` and `if ne` on the same operands for two branches', () => {
    assert.equal(exclusive('{{- if .Values.a }}\nx: 1\n{{- end }}\n{{- if not .Values.a }}\ny: 2\n{{- end }}\n', 'x: 1', 'y: 2'), true);
    assert.equal(exclusive('{{- if eq .Values.mode "a" }}\nx: 1\n{{- end }}\n{{- if ne .Values.mode "a" }}\ny: 2\n{{- end }}\n', 'x: 1', 'y: 2'), true);
    assert.equal(exclusive('{{- if not (eq .Values.mode "a") }}\nx: 1\n{{- end }}\n{{- if eq .Values.mode "a" }}\ny: 2\n{{- end }}\n', 'x: 1', 'y: 2'), true);
  });

  it('does not take two unrelated or equal conditions for exclusive', () => {
    assert.equal(exclusive('{{- if .Values.a }}\nx: 1\n{{- end }}\n{{- if .Values.b }}\ny: 2\n{{- end }}\n', 'x: 1', 'y: 2'), false);
    assert.equal(exclusive('{{- if .Values.a }}\nx: 1\n{{- end }}\n{{- if .Values.a }}\ny: 2\n{{- end }}\n', 'x: 1', 'y: 2'), false);
  });
});

describe('masking bad input', () => {
  it('reports an action unclosed at the end of the file', () => {
    assert.deepEqual(maskTemplate('a: 1\nb: {{ .Values.').errors.map((e) => e.message), ['unclosed action']);
  });

  it('keeps an action over several lines whole', () => {
    const source = 'a: {{ include "x"\n  (dict "k" .v) }}\nb: 1\n';
    const { actions, masked } = maskTemplate(source);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].end, source.indexOf('}}') + 2);
    assert.equal(lines(masked)[2], 'b: 1');
  });

  it('masks thousands of unclosed actions in linear time', () => {
    const source = 'kind: DaemonSet\n' + 'a: {{ .Values.x\n'.repeat(5000);
    const started = process.hrtime.bigint();
    const { errors } = maskTemplate(source);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(errors.length, 5000);
    // Re-lexing the rest of the file for each one took over 20 s here; a bound a slow, busy machine still meets.
    assert.ok(ms < 8000, `${ms} ms`);
  });

  it('never throws on random template-like text', () => {
    const pieces = ['{{', '}}', '{{-', '-}}', '"', '`', "'", '/*', '*/', '(', ')', '|', ':', '\n', ' ', 'a', '.Values', '- ', '  ', '#', 'if', 'end', 'else', 'x: '];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 300; i++) {
      const source = Array.from({ length: 60 }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const file = parseTemplateFile(source);
      assert.equal(file.text.length, source.length);
    }
  });
});
