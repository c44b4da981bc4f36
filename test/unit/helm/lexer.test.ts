import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActionSegment } from '../../../server/src/helm/lexer';
import { actionHead, fieldPathAt, lexTemplate } from '../../../server/src/helm/lexer';

function actions(text: string): ActionSegment[] {
  return lexTemplate(text).segments.filter((s): s is ActionSegment => s.kind === 'action');
}

function tokens(text: string): Array<[string, string]> {
  return actions(text)[0].tokens.filter((t) => t.type !== 'space').map((t) => [t.type, t.text]);
}

describe('Go template lexer', () => {
  it('cuts text and actions with exact offsets', () => {
    const text = 'name: {{ .Values.name }}\nimage: x\n';
    const { segments, errors } = lexTemplate(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(segments.map((s) => [s.kind, text.slice(s.start, s.end)]), [
      ['text', 'name: '],
      ['action', '{{ .Values.name }}'],
      ['text', '\nimage: x\n'],
    ]);
  });

  it('reads trim markers only with their space, as Go does', () => {
    const [a, b, c] = actions('{{- if .x -}}{{-3}}{{ 3 -}}');
    assert.deepEqual([a.trimLeft, a.trimRight], [true, true]);
    assert.equal('{{- if .x -}}'.slice(a.bodyStart - a.start, a.bodyEnd - a.start), 'if .x');
    // `{{-3}}` is the number -3, not a trim marker.
    assert.equal(b.trimLeft, false);
    assert.deepEqual(b.tokens.map((t) => [t.type, t.text]), [['number', '-3']]);
    assert.equal(c.trimRight, true);
  });

  it('does not close an action at braces inside strings, raw strings and chars', () => {
    const text = '{{ printf "}}%s{{" `a }} b` \'}\' }}tail';
    const [action] = actions(text);
    assert.equal(text.slice(action.start, action.end), text.slice(0, -4));
    assert.deepEqual(tokens(text), [
      ['identifier', 'printf'],
      ['string', '"}}%s{{"'],
      ['rawString', '`a }} b`'],
      ['char', "'}'"],
    ]);
    assert.equal(action.tokens.find((t) => t.type === 'string')?.value, '}}%s{{');
  });

  it('decodes escapes in quoted strings and keeps raw strings verbatim across lines', () => {
    const text = '{{ "a\\"b\\n\\x41" `x\\n\ny` }}';
    const values = actions(text)[0].tokens.filter((t) => t.value !== undefined).map((t) => t.value);
    assert.deepEqual(values, ['a"b\nA', 'x\\n\ny']);
  });

  it('skips comments with braces inside, trimmed or not', () => {
    const text = '{{/* a {{ b }} c */}}x{{- /* y }} */ -}}z';
    const [first, second] = actions(text);
    assert.equal(first.comment, true);
    assert.equal(text.slice(first.start, first.end), '{{/* a {{ b }} c */}}');
    assert.deepEqual([second.comment, second.trimLeft, second.trimRight], [true, true, true]);
    assert.equal(text.slice(second.end), 'z');
    assert.deepEqual(lexTemplate(text).errors, []);
  });

  it('reports a comment that does not end at the delimiter', () => {
    const { errors } = lexTemplate('{{/* a */ }}');
    assert.deepEqual(errors.map((e) => e.message), ['comment ends before closing delimiter']);
  });

  it('lexes nested parentheses, pipes, variables and declarations', () => {
    assert.deepEqual(tokens('{{ $v := (include "x" (dict "a" (list 1 2))) | nindent 4 }}'), [
      ['variable', '$v'],
      ['declare', ':='],
      ['leftParen', '('],
      ['identifier', 'include'],
      ['string', '"x"'],
      ['leftParen', '('],
      ['identifier', 'dict'],
      ['string', '"a"'],
      ['leftParen', '('],
      ['identifier', 'list'],
      ['number', '1'],
      ['number', '2'],
      ['rightParen', ')'],
      ['rightParen', ')'],
      ['rightParen', ')'],
      ['pipe', '|'],
      ['identifier', 'nindent'],
      ['number', '4'],
    ]);
    assert.deepEqual(lexTemplate('{{ (a }}').errors.map((e) => e.message), ['unclosed left paren']);
  });

  it('tells keywords, bools, nil, fields, dot and the root variable apart', () => {
    assert.deepEqual(tokens('{{ range $i, $c := .Values.list }}'), [
      ['keyword', 'range'],
      ['variable', '$i'],
      ['comma', ','],
      ['variable', '$c'],
      ['declare', ':='],
      ['field', '.Values'],
      ['field', '.list'],
    ]);
    assert.deepEqual(tokens('{{ if and true nil . $.Release.Name }}'), [
      ['keyword', 'if'],
      ['identifier', 'and'],
      ['bool', 'true'],
      ['nil', 'nil'],
      ['dot', '.'],
      ['variable', '$'],
      ['field', '.Release'],
      ['field', '.Name'],
    ]);
  });

  it('lets an action span lines (Go 1.16+) and reports an unclosed one', () => {
    assert.deepEqual(tokens('{{ include "a"\n  . }}'), [
      ['identifier', 'include'],
      ['string', '"a"'],
      ['dot', '.'],
    ]);
    const { segments, errors } = lexTemplate('a: {{ .Values.');
    assert.deepEqual(errors.map((e) => e.message), ['unclosed action']);
    assert.equal((segments[1] as ActionSegment).unclosed, true);
  });

  it('ends an action at a `{{` inside it (Go rejects it) so a half-typed one does not swallow the next', () => {
    const text = 'a: {{ .Values.\nb: {{ .x }}\n';
    const [first, second] = actions(text);
    assert.deepEqual([first.unclosed, first.end], [true, text.indexOf('{{ .x')]);
    assert.equal(text.slice(second.start, second.end), '{{ .x }}');
  });

  it('reads numbers as Go scans them', () => {
    assert.deepEqual(tokens('{{ list 0x1F 1e3 -1.5 0b101 1_000 }}').map(([, text]) => text), ['list', '0x1F', '1e3', '-1.5', '0b101', '1_000']);
    assert.deepEqual(lexTemplate('{{ 3x }}').errors.map((e) => e.message), ['bad number syntax: "3x"']);
  });

  it('finds the head word and the field chain under the cursor', () => {
    const text = '{{- toYaml $.Values.pod.tolerations | nindent 8 }}';
    const [action] = actions(text);
    assert.equal(actionHead(action)?.text, 'toYaml');
    const path = fieldPathAt(action, text.indexOf('pod') + 1);
    assert.deepEqual([path?.root, path?.fields], ['$', ['Values', 'pod', 'tolerations']]);
    const typing = actions('{{ .Values.image. }}')[0];
    assert.deepEqual(fieldPathAt(typing, 17)?.fields, ['Values', 'image', '']);
    assert.equal(fieldPathAt(typing, 1), undefined);
  });
});
