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
