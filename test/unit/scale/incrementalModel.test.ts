/**
 * Work that grows with the edit, not the file (issue 15 items 8-10): a
 * document is parsed when something reads it, an edit re-parses only the
 * documents it touched, findings of untouched documents are reused, and a
 * budget bounds how many syntax trees stay in memory.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FindingsCache } from '../../../server/src/findingsCache';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { DocumentParse, ParseBudget, parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { bigDaemonSetFile } from '../../../bench/bigFile';

const model = loadApiModel();
const text = bigDaemonSetFile(6);
const UNLIMITED = 1e9;

describe('incremental model (issue 15 items 8-10)', () => {
  it('parses no document when a file is opened, and only the one read', () => {
    const budget = new ParseBudget(UNLIMITED);
    const file = parseYamlFile(text, undefined, budget);
    assert.equal(file.documents.length, 6);
    assert.equal(budget.parses, 0);
    assert.equal(file.documents[3].kind, 'DaemonSet');
    assert.equal(budget.parses, 1);
  });

  it('re-parses only the document an edit touched', () => {
    const budget = new ParseBudget(UNLIMITED);
    const cache = new FindingsCache();
    const first = parseYamlFile(text, undefined, budget);
    cache.findings(first, model, {}, '');
    assert.equal(budget.parses, 6);
    const edited = text.replace('name: agent-2\n', 'name: agent-2x\n');
    const second = parseYamlFile(edited, first, budget);
    const findings = cache.findings(second, model, {}, '');
    assert.equal(budget.parses, 7, 'one document parsed again');
    assert.deepEqual(findings, validateFile(parseYamlFile(edited), model, {}));
  });

  it('reuses the findings of the documents an edit did not touch, at their new positions', () => {
    const cache = new FindingsCache();
    const first = parseYamlFile(text);
    const before = cache.findings(first, model, {}, '');
    // an edit above every DaemonSet: a comment of two lines
    const edited = `# two\n# lines\n${text}`;
    const second = parseYamlFile(edited, first);
    const after = cache.findings(second, model, {}, '');
    assert.deepEqual(after, validateFile(parseYamlFile(edited), model, {}));
    assert.equal(after.length, before.length);
    const lineOf = (file: typeof first, offset: number) => file.lineIndex.positionAt(offset).line;
    after.forEach((finding, i) => assert.equal(lineOf(second, finding.start), lineOf(first, before[i].start) + 2));
  });

  it('gives the findings of a fresh validation after every edit above a document, read once or many times (messages naming lines included)', () => {
    const cache = new FindingsCache();
    // a duplicate key: its message names the line of the first one
    let current = text.replace('  namespace: monitoring\n', '  namespace: monitoring\n  namespace: other\n');
    let file = parseYamlFile(current);
    cache.findings(file, model, {}, '');
    const edits: Array<[number, string, number]> = [
      [0, '# a\n', 1], // a line above everything, read once
      [0, '#', 3], // a character, read three times (kept shifted after the second read)
      [1, '', 1], // taken back
      [0, '\n\n', 2],
      [5, 'x', 1],
    ];
    for (const [at, inserted, reads] of edits) {
      current = current.slice(0, at) + inserted + current.slice(at + (inserted === '' ? 1 : 0));
      file = parseYamlFile(current, file);
      const expected = validateFile(parseYamlFile(current), model, {});
      assert.ok(expected.some((f) => /line \d+/.test(f.message)), 'a message names a line');
      for (let i = 0; i < reads; i++) assert.deepEqual(cache.findings(file, model, {}, ''), expected, `after inserting ${JSON.stringify(inserted)} at ${at}, read ${i + 1}`);
    }
  });

  it('drops the syntax trees over the budget and parses them again when read, with the same findings', () => {
    const budget = new ParseBudget(text.length / 3);
    const cache = new FindingsCache();
    const file = parseYamlFile(text, undefined, budget);
    const findings = cache.findings(file, model, {}, '');
    assert.deepEqual(findings, validateFile(parseYamlFile(text), model, {}));
    const parsed = file.documents.filter((d) => d.id instanceof DocumentParse && d.id.parsed).length;
    assert.ok(parsed <= 3, `at most a third of the text stays parsed (${parsed} of 6 documents)`);
    // compact models answer without a parse; the tree comes back on demand
    const parses = budget.parses;
    assert.equal(file.documents[0].kind, 'DaemonSet');
    assert.equal(budget.parses, parses);
    assert.equal(file.documents[0].doc.get('kind'), 'DaemonSet');
    assert.equal(budget.parses, parses + 1);
    // nothing is validated again: the findings are kept by the documents' ids
    assert.deepEqual(cache.findings(file, model, {}, ''), findings);
  });

  it('keeps no tree of a document read once by passing work, keeps the trees read before, and gives the same findings and trees again', () => {
    const budget = new ParseBudget(UNLIMITED);
    const cache = new FindingsCache();
    const file = parseYamlFile(text, undefined, budget);
    const parsed = () => file.documents.filter((d) => d.id instanceof DocumentParse && d.id.parsed).map((d) => d.index);
    // the user looked at document 2: its tree is kept
    assert.equal(file.documents[2].doc.get('kind'), 'DaemonSet');
    let next = 0;
    while (next < file.documents.length) next = budget.passing(() => cache.validateSome(file, model, {}, '', next, () => true));
    assert.deepEqual(parsed(), [2], 'only the tree read outside the passing work stays');
    assert.equal(budget.parses, 6);
    // the compact part stays, the findings are kept by id, and a tree comes back on demand
    assert.equal(file.documents[4].kind, 'DaemonSet');
    assert.equal(budget.parses, 6);
    assert.deepEqual(cache.findings(file, model, {}, ''), validateFile(parseYamlFile(text), model, {}));
    assert.equal(budget.parses, 6, 'nothing validated again');
    assert.deepEqual(file.documents[4].doc.toJS(), parseYamlFile(text).documents[4].doc.toJS());
    assert.deepEqual(parsed(), [2, 4]);
  });

  it('checks a big file a part at a time: the documents asked for first, the rest later, the same findings in the end', () => {
    const big = parseYamlFile(text);
    const cache = new FindingsCache();
    const first = cache.findingsSoFar(big, model, {}, '', (d) => d.index === 4);
    assert.equal(first.pending, 5);
    assert.ok(first.findings.every((f) => f.start >= big.documents[4].start && f.end <= big.documents[4].end));
    let next = 0;
    while (next < big.documents.length) next = cache.validateSome(big, model, {}, '', next, () => true);
    const whole = cache.findingsSoFar(big, model, {}, '', () => false);
    assert.equal(whole.pending, 0);
    assert.deepEqual(whole.findings, validateFile(parseYamlFile(text), model, {}));
  });
});
