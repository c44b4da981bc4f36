/**
 * The manifest corpus: every valid file has no errors; every invalid file has
 * exactly the errors its `# expect-error: <code>` markers announce, on the
 * marked lines (see test/fixtures/manifests/README.md).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { check } from './helpers';

const root = resolve(__dirname, '../../fixtures/manifests');
const yamlFiles = (dir: string) => readdirSync(join(root, dir)).filter((name) => /\.ya?ml$/.test(name)).sort();

/**
 * `line code` for each marker: the marked line is the next one that is not
 * blank or a comment. `expect-error` must be found; `may-error` marks an
 * error the API server also reports as a consequence of the one mistake
 * (allowed, not required).
 */
export function markedErrors(text: string, kind: 'expect' | 'may'): string[] {
  const lines = text.split(/\r?\n/);
  const marked: string[] = [];
  lines.forEach((line, i) => {
    const marker = /^\s*#\s*(expect|may)-error:\s*([a-z0-9-]+)\s*$/.exec(line);
    if (marker?.[1] !== kind) return;
    let target = i + 1;
    while (target < lines.length && /^\s*(#.*)?$/.test(lines[target])) target++;
    marked.push(`${target + 1} ${marker[2]}`);
  });
  return marked.sort();
}

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
