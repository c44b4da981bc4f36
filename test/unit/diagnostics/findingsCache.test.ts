import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FindingsCache } from '../../../server/src/findingsCache';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { validateFile } from '../../../server/src/languageService/diagnostics';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';

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
