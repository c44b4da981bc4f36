/**
 * The server's open documents (server/src/editedDocument.ts): text, positions
 * and line ranges after any sequence of incremental changes are those of
 * vscode-languageserver-textdocument's document (the LSP reference), and the
 * edits a model needs to catch up are known while the document remembers them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bigDaemonSetFile } from '../../../bench/bigFile';
import { DocumentModels } from '../../../server/src/documentModels';
import { EditedDocument } from '../../../server/src/editedDocument';
import { FindingsCache } from '../../../server/src/findingsCache';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { complete } from '../../../server/src/languageService/completion';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { hover } from '../../../server/src/languageService/hover';
import { SourceText, parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { applyEdits, prng } from '../../fuzz/editFuzz';

const PIECES = ['\n', '\r', '\r\n', 'a', 'bc', ' ', '---\n', ''];

describe('edited documents (issue 15 item 8)', () => {
  it('agree with the LSP reference document after 3,000 random changes with every kind of line break', () => {
    const random = prng(3);
    const pick = () => PIECES[Math.floor(random() * PIECES.length)];
    let ours = EditedDocument.create('file:///a.yaml', 'yaml', 1, 'a: 1\r\nb: 2\rc: 3\n');
    let reference = TextDocument.create('file:///a.yaml', 'yaml', 1, ours.getText());
    for (let version = 2; version < 3002; version++) {
      const changes = [];
      for (let n = 1 + Math.floor(random() * 2); n > 0; n--) {
        const length = reference.getText().length;
        const a = Math.floor(random() * (length + 1));
        const b = Math.min(length, a + Math.floor(random() * 4));
        // (a reversed range is taken as the same range, as the reference does)
        const range = random() < 0.1 ? { start: reference.positionAt(b), end: reference.positionAt(a) } : { start: reference.positionAt(a), end: reference.positionAt(b) };
        const change = { range, text: pick() + pick() };
        changes.push(change);
        reference = TextDocument.update(reference, [change], version);
      }
      ours = EditedDocument.update(ours, changes, version);
      const text = reference.getText();
      assert.equal(ours.getText(), text, `version ${version}`);
      assert.equal(ours.lineCount, reference.lineCount, `version ${version}`);
      for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(ours.positionAt(offset), reference.positionAt(offset), `version ${version}, offset ${offset}`);
      for (let line = -1; line <= reference.lineCount; line++) {
        assert.deepEqual(ours.getLineRange(line), reference.getLineRange(line), `version ${version}, line ${line}`);
        assert.equal(ours.getEOLCharacters(line), reference.getEOLCharacters(line), `version ${version}, line ${line}`);
        for (const character of [0, 1, 3, 100]) assert.equal(ours.offsetAt({ line, character }), reference.offsetAt({ line, character }), `version ${version}, ${line}:${character}`);
      }
      if (text.length > 200) {
        ours = EditedDocument.create(ours.uri, 'yaml', version, 'x: 1\n');
        reference = TextDocument.create(ours.uri, 'yaml', version, 'x: 1\n');
      }
    }
  });

  it('knows the edits since a version it remembers, not since one too old or a full replacement', () => {
    let document = EditedDocument.create('file:///a.yaml', 'yaml', 1, 'a: 1\n');
    const texts = new Map([[1, document.getText()]]);
    for (let version = 2; version <= 80; version++) {
      document = EditedDocument.update(document, [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, text: String(version % 10) }], version);
      texts.set(version, document.getText());
    }
    assert.deepEqual(document.editsSince(80), []);
    for (const version of [79, 50, 17]) assert.equal(applyEdits(texts.get(version) ?? '', document.editsSince(version) ?? []), document.getText(), `since ${version}`);
    assert.equal(document.editsSince(1), undefined, 'forgotten: the document keeps the last 64 edits');
    document = EditedDocument.update(document, [{ text: 'b: 2\n' }], 81);
    assert.equal(document.editsSince(80), undefined, 'a full replacement');
    assert.deepEqual(document.editsSince(81), []);
  });

  it('makes no string of the whole file on a keystroke: model, findings, completion and hover read the text in its chunks', () => {
    const model = loadApiModel();
    const text = bigDaemonSetFile(120);
    let document = EditedDocument.create('file:///big.yaml', 'yaml', 1, text);
    const models = new DocumentModels();
    const cache = new FindingsCache();
    cache.findings(models.get(document), model, {}, '');
    const at = text.indexOf('imagePullPolicy: IfNotPresent', text.length / 2) + 'imagePullPolicy: IfNotPresen'.length;
    const joins = SourceText.joins;
    for (let version = 2; version < 42; version++) {
      // delete the value's last letter and type it again (an enum error comes and goes), now and then a line break
      const change = version % 2 === 0 ? { range: { start: document.positionAt(at), end: document.positionAt(at + 1) }, text: version % 10 === 0 ? '\n' : '' } : { range: { start: document.positionAt(at), end: document.positionAt(at + (version % 10 === 1 ? 1 : 0)) }, text: 't' };
      document = EditedDocument.update(document, [change], version);
      const file = models.get(document);
      cache.findings(file, model, {}, '');
      complete(file, at, model);
      hover(file, at - 5, model);
    }
    assert.equal(SourceText.joins, joins, 'no keystroke joined the text');
    // and what they read was the edited text: the same findings as a fresh parse of the whole string
    const file = models.get(document);
    assert.deepEqual(cache.findings(file, model, {}, ''), validateFile(parseYamlFile(document.getText()), model, {}));
  });
});
