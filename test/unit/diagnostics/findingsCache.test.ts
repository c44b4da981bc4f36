import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FindingsCache, findingsOfPart } from '../../../server/src/findingsCache';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { ParseBudget, parseYamlFile } from '../../../server/src/languageService/yamlModel';

const model = loadApiModel();

/** The cache's findings after editing `before` into `after`, and a fresh validation of `after`. */
function afterEdit(before: string, after: string) {
  const cache = new FindingsCache();
  const first = parseYamlFile(before);
  cache.findings(first, model, {}, '');
  const second = parseYamlFile(after, first);
  return { cached: cache.findings(second, model, {}, ''), fresh: validateFile(parseYamlFile(after), model, {}) };
}

describe('FindingsCache', () => {
  it('names the right line in the message of a document that moved down (issue 15, item 1)', () => {
    const before = 'a: 1\n---\nkind: DaemonSet\nspec: {}\nspec: {}\n';
    const { cached, fresh } = afterEdit(before, `\n${before}`);
    const duplicate = cached.find((f) => f.code === 'duplicate-key');
    assert.ok(duplicate);
    assert.match(duplicate.message, /\(line 6\)/);
    assert.deepEqual(cached, fresh);
  });

  it('names the right line after lines above are deleted', () => {
    const after = 'a: 1\n---\nkind: DaemonSet\nspec: {}\nspec: {}\n';
    const { cached, fresh } = afterEdit(`\n\n${after}`, after);
    assert.match(cached.find((f) => f.code === 'duplicate-key')?.message ?? '', /\(line 5\)/);
    assert.deepEqual(cached, fresh);
  });
});

describe('FindingsCache: found by the edit fuzzer (issue 15)', () => {
  it('names the right line when an edit above replaces a character by a line break (same offsets, one more line)', () => {
    const before = 'a: 1 b\n---\nkind: DaemonSet\nspec: {}\nspec: {}\n';
    const after = before.replace('1 b', '1\nb');
    const { cached, fresh } = afterEdit(before, after);
    assert.deepEqual(cached, fresh);
    assert.match(cached.find((f) => f.code === 'duplicate-key')?.message ?? '', /\(line 6\)/);
  });
});

describe('FindingsCache: what a first answer costs (issue 15, item 10)', () => {
  it('parses only the documents it validates, not the file up to its first DaemonSet', () => {
    const configMaps = Array.from({ length: 60 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`);
    const text = [...configMaps, 'apiVersion: apps/v1\nkind: DaemonSet\nspec: {}\n'].join('---\n');
    const budget = new ParseBudget(10 * text.length);
    const file = parseYamlFile(text, undefined, budget);
    const last = file.documents.length - 1;
    const { findings, pending } = new FindingsCache().findingsSoFar(file, model, {}, '', (d) => d.index === last);
    assert.equal(budget.parses, 1, 'only the DaemonSet was parsed');
    assert.equal(pending, last);
    assert.ok(findings.some((f) => f.code === 'missing-required'), 'the DaemonSet was checked');
  });

  it('reports a broken document\'s syntax errors while the file holds a DaemonSet, and drops them when it no longer does', () => {
    const daemonSet = 'a: [1\n---\napiVersion: apps/v1\nkind: DaemonSet\nspec: {}\n';
    const { cached: withIt, fresh: freshWithIt } = afterEdit('a: [1\n---\napiVersion: v1\nkind: ConfigMap\n', daemonSet);
    assert.ok(withIt.some((f) => f.code === 'yaml-syntax'));
    assert.deepEqual(withIt, freshWithIt);
    const { cached: without, fresh: freshWithout } = afterEdit(daemonSet, daemonSet.replace('kind: DaemonSet', 'kind: ConfigMap'));
    assert.ok(!without.some((f) => f.code === 'yaml-syntax'));
    assert.deepEqual(without, freshWithout);
  });
});

describe('FindingsCache: what a keystroke costs (issue 15, item 8)', () => {
  it('hands out the moved documents\' findings as they were made, with how far they moved: no copies', () => {
    const agent = (name: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: b}}\n    spec: {containers: [{name: c, image: "i:1"}]}\n`;
    const before = [agent('first'), agent('second'), agent('third')].join('---\n');
    const cache = new FindingsCache();
    const first = parseYamlFile(before);
    const { parts: was } = cache.partsSoFar(first, model, {}, '', () => true);
    assert.equal(was.length, 3);
    // a letter typed in the first document's name: the others move by one character, not by a line
    const after = before.replace('name: first', 'name: firstx');
    const second = parseYamlFile(after, first);
    const { parts: now } = cache.partsSoFar(second, model, {}, '', () => true);
    assert.equal(now[1].findings, was[1].findings);
    assert.equal(now[2].findings, was[2].findings);
    assert.deepEqual([now[1].by, now[1].line, now[2].by], [1, was[1].line, 1]);
    // and read at their new offsets they are the fresh validation's
    const shifted = now.flatMap((part) => findingsOfPart(part, second.lineIndex));
    assert.deepEqual(shifted, validateFile(parseYamlFile(after), model, {}));
  });
});
