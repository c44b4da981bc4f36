import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';

const model = loadApiModel();
const fixtures = join(__dirname, '../../fixtures/manifests');
const manifests = ['valid', 'invalid'].flatMap((folder) =>
  readdirSync(join(fixtures, folder))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({ name: `${folder}/${name}`, text: readFileSync(join(fixtures, folder, name), 'utf8').replace(/\r\n/g, '\n') })),
);

/** Findings with their LSP ranges, as the server sends them. */
function diagnostics(text: string) {
  const file = parseYamlFile(text);
  return validateFile(file, model).map((f) => ({ code: f.code, message: f.message, range: file.lineIndex.range(f.start, f.end) }));
}

describe('line endings (issue 15, item 2)', () => {
  it('a manifest with lone-CR line endings has the findings of its LF version (kubectl reads both)', () => {
    for (const { name, text } of manifests) assert.deepEqual(diagnostics(text.replace(/\n/g, '\r')), diagnostics(text), name);
  });

  it('a manifest with CRLF line endings has the findings of its LF version', () => {
    for (const { name, text } of manifests) assert.deepEqual(diagnostics(text.replace(/\n/g, '\r\n')), diagnostics(text), name);
  });

  it('puts every range inside its line as LSP counts lines (CRLF, the issue\'s reproduction)', () => {
    const text = 'kind: DaemonSet\r\nspec:\r\n  a: \r\n b: 1\r\n';
    const lsp = TextDocument.create('file:///a.yaml', 'yaml', 1, text);
    const found = diagnostics(text);
    assert.ok(found.some((d) => d.code === 'yaml-syntax'));
    for (const { range } of found) {
      for (const position of [range.start, range.end]) assert.deepEqual(lsp.positionAt(lsp.offsetAt(position)), position, JSON.stringify(range));
    }
  });
});
