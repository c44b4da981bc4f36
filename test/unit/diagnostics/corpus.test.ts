/**
 * The manifest corpus: every valid file has no errors; every invalid file has
 * exactly the errors its `# expect-error: <code>` markers announce, on the
 * marked lines (see test/fixtures/manifests/README.md).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { check, markedErrors } from './helpers';

const root = resolve(__dirname, '../../fixtures/manifests');
const yamlFiles = (dir: string) => readdirSync(join(root, dir)).filter((name) => /\.ya?ml$/.test(name)).sort();

describe('corpus: valid manifests have no errors', () => {
  const files = yamlFiles('valid');
  it('holds the real-world shapes', () => assert.ok(files.length >= 10, files.join()));
  for (const name of files) {
    it(name, () => {
      const text = readFileSync(join(root, 'valid', name), 'utf8');
      const errors = check(text).findings.filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`), []);
    });
  }
  it('includes a CRLF file', () => {
    assert.ok(files.some((name) => readFileSync(join(root, 'valid', name), 'utf8').includes('\r\n')));
  });
});

describe('corpus: invalid manifests have exactly their marked error', () => {
  for (const name of yamlFiles('invalid')) {
    it(name, () => {
      const text = readFileSync(join(root, 'invalid', name), 'utf8');
      const expected = markedErrors(text, 'expect');
      const allowed = new Set(markedErrors(text, 'may'));
      assert.ok(expected.length > 0, `${name} has no # expect-error marker`);
      const errors = check(text).findings.filter((f) => f.severity === 'error');
      const found = errors.map((f) => `${f.line} ${f.code}`).filter((e) => !allowed.has(e) || expected.includes(e));
      assert.deepEqual(found.sort(), expected, errors.map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`).join('\n'));
    });
  }
});
