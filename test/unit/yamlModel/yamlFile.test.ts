import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap } from 'yaml';
import { documentAt, LineIndex, nodeRange, parseYamlFile } from '../../../server/src/languageService/yamlModel';

const twoDocs = 'kind: ConfigMap\nmetadata:\n  name: a\n---\nmetadata:\n  name: b\nkind: DaemonSet\napiVersion: apps/v1\n';

describe('parseYamlFile', () => {
  it('splits a multi-document file and reads kind whatever the key order', () => {
    const file = parseYamlFile(twoDocs);
    assert.equal(file.documents.length, 2);
    assert.deepEqual(
      file.documents.map((d) => [d.kind, d.apiVersion]),
      [
        ['ConfigMap', undefined],
        ['DaemonSet', 'apps/v1'],
      ],
    );
    assert.equal(file.documents[1].start, twoDocs.indexOf('---'));
  });

  it('gives file offsets for nodes of later documents', () => {
    const file = parseYamlFile(twoDocs);
    const doc = file.documents[1];
    const root = doc.doc.contents;
    assert.ok(isMap(root));
    const kindValue = root.items.find((p) => (p.key as { value?: unknown }).value === 'kind')?.value;
    assert.ok(kindValue && typeof kindValue === 'object');
    const [start, end] = nodeRange(doc, kindValue);
    assert.equal(twoDocs.slice(start, end), 'DaemonSet');
    assert.deepEqual(file.lineIndex.positionAt(start), { line: 6, character: 6 });
  });

  it('re-parses only the documents whose text changed', () => {
    const first = parseYamlFile(twoDocs);
    const edited = twoDocs.replace('name: a', 'name: abc');
    const second = parseYamlFile(edited, first);
    assert.notEqual(second.documents[0].doc, first.documents[0].doc);
    assert.equal(second.documents[1].doc, first.documents[1].doc, 'unchanged document reused');
    assert.equal(second.documents[1].start, first.documents[1].start + 2, 'reused document moved by the edit');
  });

  it('does not split at --- inside a line or indented', () => {
    const text = 'kind: DaemonSet\ndata: |\n  ---\n  x\nnote: a---b\n';
    assert.equal(parseYamlFile(text).documents.length, 1);
  });

  it('splits at the markers a line-by-line reading finds, for every line break and at every place', () => {
    // the reading the YAML spec gives: a line starting with `---` or `...` then a blank, a line break or its end
    const oracle = (text: string) => {
      const starts = [0];
      const index = new LineIndex(text);
      for (let line = 0; line < index.lineCount; line++) {
        const at = index.lineStarts[line];
        const match = /^(---|\.\.\.)(?=[ \t\r\n]|$)/.exec(text.slice(at, at + 4));
        if (match?.[1] === '---' && at > 0) starts.push(at);
        if (match?.[1] === '...' && line + 1 < index.lineCount) starts.push(index.lineStarts[line + 1]);
      }
      const unique = [...new Set(starts)].sort((a, b) => a - b);
      return unique.map((start, i) => [start, unique[i + 1] ?? text.length]);
    };
    const lines = ['a: 1', '---', '--- # comment', '----', '--- x', ' ---', '...', 'b: 2', '---\t', '...x', '... ', 'c: "---"', 'd: ...', '---'];
    for (const lineBreak of ['\n', '\r\n']) {
      for (let cut = 0; cut < lines.length; cut++) {
        for (const end of ['', lineBreak]) {
          const text = lines.slice(cut).concat(lines.slice(0, cut)).join(lineBreak) + end;
          assert.deepEqual(parseYamlFile(text).documents.map((d) => [d.start, d.end]), oracle(text), JSON.stringify(text));
        }
      }
    }
  });

  it('handles CRLF, tabs, broken YAML and an empty file without throwing', () => {
    for (const text of ['', '\r\n', 'kind: DaemonSet\r\nspec:\r\n  selector:\r\n', 'a:\n\t- b\n', 'a: [1, 2\n', 'a: *nope\n', '- \n', 'key\n  : : :\n']) {
      const file = parseYamlFile(text);
      assert.ok(file.documents.length >= 1, JSON.stringify(text));
    }
    const crlf = parseYamlFile('kind: DaemonSet\r\nspec: {}\r\n');
    assert.equal(crlf.documents[0].kind, 'DaemonSet');
    assert.deepEqual(crlf.lineIndex.positionAt('kind: DaemonSet\r\nsp'.length), { line: 1, character: 2 });
  });

  it('reports syntax errors at file offsets of their document', () => {
    const text = 'kind: A\n---\nkind: DaemonSet\nspec: [1, 2\n';
    const file = parseYamlFile(text);
    assert.equal(file.documents[0].problems.length, 0);
    assert.ok(file.documents[1].problems.length > 0);
    assert.ok(file.documents[1].problems.every((p) => p.start >= file.documents[1].start));
  });

  it('finds the document at an offset', () => {
    const file = parseYamlFile(twoDocs);
    assert.equal(documentAt(file, 0)?.index, 0);
    assert.equal(documentAt(file, twoDocs.length)?.index, 1);
  });
});

describe('LineIndex', () => {
  it('finds every line start, for short lines and long ones', () => {
    for (const text of ['', 'a', '\n', '\n\n\n', 'a\n'.repeat(5000), `${'x'.repeat(300)}\n`.repeat(40), 'a\nb\n'.repeat(3000) + 'end']) {
      const expected = [0];
      for (let i = 0; i < text.length; i++) if (text[i] === '\n') expected.push(i + 1);
      assert.deepEqual([...new LineIndex(text).lineStarts], expected);
    }
  });

  it('converts offsets and positions both ways, CR, LF and CRLF', () => {
    const index = new LineIndex('a\r\nbc\nd\re');
    assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
    assert.equal(index.offsetAt({ line: 2, character: 0 }), 6);
    assert.equal(index.lineText(1), 'bc');
    assert.equal(index.lineText(3), 'e');
    assert.equal(index.offsetAt({ line: 1, character: 99 }), 5);
  });
});

describe('YAML 1.1 scalars, as kubectl reads them', () => {
  it('reads on/yes/y as booleans and 0777 as octal, keeps dates as strings, merges <<', () => {
    const js = parseYamlFile('a: on\nb: yes\nc: y\nd: 0777\ne: 2024-01-01\nbase: &b {x: 1}\nf:\n  <<: *b\n').documents[0].doc.toJS() as Record<string, unknown>;
    assert.deepEqual([js.a, js.b, js.c, js.d, js.e, js.f], [true, true, true, 511, '2024-01-01', { x: 1 }]);
  });
});

describe('incremental re-parse', () => {
  const base = ['kind: DaemonSet\nspec:\n  a: 1\n', 'kind: ConfigMap\ndata:\n  b: |\n    text\n', '# comment only\n', 'kind: DaemonSet\nmetadata: {name: x}\n'].join('---\n');
  const shape = (file: ReturnType<typeof parseYamlFile>) => file.documents.map((d) => ({ index: d.index, start: d.start, end: d.end, kind: d.kind, js: JSON.stringify(d.doc.toJS()), problems: d.problems.map((p) => [p.start, p.code]) }));

  it('gives exactly what a full parse gives, for edits anywhere (markers added and removed included)', () => {
    let random = 7;
    const next = (n: number) => (random = (random * 1103515245 + 12345) % 2147483648) % n;
    const pieces = ['---\n', 'x', '\n', ': ', '  ', '- ', 'kind: DaemonSet\n', '"', '{', '...\n', ''];
    let previous = parseYamlFile(base);
    let text = base;
    for (let step = 0; step < 400; step++) {
      const at = next(text.length + 1);
      const removed = next(4);
      text = text.slice(0, at) + pieces[next(pieces.length)] + text.slice(Math.min(text.length, at + removed));
      const incremental = parseYamlFile(text, previous);
      assert.deepEqual(shape(incremental), shape(parseYamlFile(text)), `step ${step}: ${JSON.stringify(text)}`);
      previous = incremental;
    }
  });
});

describe('found by the edit fuzzer (issue 15)', () => {
  const shape = (file: ReturnType<typeof parseYamlFile>) => file.documents.map((d) => [d.index, d.start, d.end, d.text]);

  it('an edit before a `...` on the last line keeps one empty document after it, as a full parse does', () => {
    const before = 'kind: DaemonSet\nspec:\n  a: 1\n...\n';
    const after = before.replace('a: 1', 'a:');
    const incremental = parseYamlFile(after, parseYamlFile(before));
    assert.deepEqual(shape(incremental), shape(parseYamlFile(after)));
    assert.equal(incremental.documents.length, 2);
  });
});

describe('line endings (issue 15, item 2)', () => {
  it('reads a file with lone-CR line endings as its LF version, at the same offsets', () => {
    const lf = 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          args: |\n            x\n            y\n';
    const cr = parseYamlFile(lf.replace(/\n/g, '\r'));
    const expected = parseYamlFile(lf);
    assert.deepEqual(cr.documents.map((d) => d.problems), expected.documents.map((d) => d.problems));
    assert.equal(cr.documents[0].kind, 'DaemonSet');
    assert.deepEqual(cr.documents[0].doc.toJS(), expected.documents[0].doc.toJS());
    assert.equal(cr.lineIndex.lineCount, expected.lineIndex.lineCount);
  });

  it('never puts a position inside a CRLF line break (LSP has no such position)', () => {
    const text = 'kind: DaemonSet\r\nspec:\r\n';
    const index = parseYamlFile(text).lineIndex;
    assert.deepEqual(index.positionAt(text.indexOf('\n')), { line: 0, character: 15 });
    assert.deepEqual(index.range(0, text.indexOf('\n')).end, { line: 0, character: 15 });
  });
});
